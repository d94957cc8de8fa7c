/**
 * Commits the incident log (.incidents/) alone: `git commit --only -- .incidents`
 * takes those paths as they are in the work tree and leaves whatever else the
 * user staged staged and uncommitted.
 */
import { simpleGit } from 'simple-git';
import type { GitOptions } from './identity';

export const INCIDENTS_DIR = '.incidents';

/** Returns the new commit's sha, or undefined when .incidents/ has nothing to commit. */
export async function commitIncidentLog(root: string, message: string, options: GitOptions = {}): Promise<string | undefined> {
  const git = simpleGit({ baseDir: root, binary: options.gitPath ?? 'git' });
  const status = await git.raw(['status', '--porcelain', '--untracked-files=all', '--', INCIDENTS_DIR]);
  if (!status.trim()) return undefined;
  // New files must be known to git before `--only` can take them.
  await git.raw(['add', '--intent-to-add', '--', INCIDENTS_DIR]);
  // The message goes through -F - style data (a separate argv element after -m), never as an option.
  await git.raw(['commit', '--only', '-m', message, '--', INCIDENTS_DIR]);
  return (await git.raw(['rev-parse', 'HEAD'])).trim();
}

/** "incidents: INC-1A2B3C4D, INC-…" from the ids named in the changed store, for the commit subject. */
export function incidentLogMessage(changedIds: readonly string[]): string {
  if (!changedIds.length) return 'incidents: update the incident log';
  const shown = changedIds.slice(0, 5).join(', ');
  return `incidents: update ${shown}${changedIds.length > 5 ? ` and ${changedIds.length - 5} more` : ''}`;
}
