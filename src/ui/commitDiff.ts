/** Opens what a commit changed in VS Code's multi-file diff view, through the Git extension's `git:` documents. */
import * as vscode from 'vscode';
import type { GitRepository } from '../git/gitRepository';
import { gitExtensionApi } from './gitExtension';

export async function openCommitDiff(repo: GitRepository, revision: string, title?: string): Promise<number> {
  const api = await gitExtensionApi();
  if (!api) throw new Error(vscode.l10n.t('The built-in Git extension is disabled; enable it to see commit diffs.'));
  const [changes, root] = await Promise.all([repo.filesChanged(revision), repo.topLevel()]);
  const rootUri = vscode.Uri.file(root);
  const resources = changes.files.map((file) => {
    const uri = vscode.Uri.joinPath(rootUri, file.path);
    const before = vscode.Uri.joinPath(rootUri, file.previousPath ?? file.path);
    const original = file.status === 'added' || !changes.parent ? undefined : api.toGitUri(before, changes.parent);
    const modified = file.status === 'deleted' ? undefined : api.toGitUri(uri, changes.sha);
    return [uri, original, modified] as const;
  });
  await vscode.commands.executeCommand('vscode.changes', title ?? vscode.l10n.t('Commit {0}', changes.sha.slice(0, 8)), resources);
  return resources.length;
}
