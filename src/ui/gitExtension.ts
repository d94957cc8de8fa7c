/**
 * The part of the built-in Git extension's API (`vscode.git`, version 1) we
 * use: its repositories' commit input boxes and HEAD, and `git:` URIs for the
 * diff view. Typed here by hand (the API's git.d.ts is not an npm package);
 * only members that have been stable since API version 1.
 */
import * as vscode from 'vscode';

export interface GitInputBox {
  value: string;
}

export interface GitRepositoryState {
  readonly HEAD: { readonly commit?: string; readonly name?: string } | undefined;
  readonly onDidChange: vscode.Event<void>;
}

export interface GitExtensionRepository {
  readonly rootUri: vscode.Uri;
  readonly inputBox: GitInputBox;
  readonly state: GitRepositoryState;
}

export interface GitApi {
  readonly state: 'uninitialized' | 'initialized';
  readonly onDidChangeState: vscode.Event<'uninitialized' | 'initialized'>;
  readonly repositories: GitExtensionRepository[];
  readonly onDidOpenRepository: vscode.Event<GitExtensionRepository>;
  toGitUri(uri: vscode.Uri, ref: string): vscode.Uri;
}

interface GitExtensionExports {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}

/** The Git extension's API, or undefined when it is disabled or missing (then we fall back to our own git calls). */
export async function gitExtensionApi(): Promise<GitApi | undefined> {
  const extension = vscode.extensions.getExtension<GitExtensionExports>('vscode.git');
  if (!extension) return undefined;
  try {
    const exports = extension.isActive ? extension.exports : await extension.activate();
    return exports.enabled ? exports.getAPI(1) : undefined;
  } catch {
    return undefined;
  }
}

/** The Git extension's repository for a folder (the one whose root is the folder or contains it). */
export function repositoryFor(api: GitApi, folder: vscode.Uri): GitExtensionRepository | undefined {
  const matches = api.repositories.filter((repository) => folder.fsPath === repository.rootUri.fsPath || folder.fsPath.startsWith(`${repository.rootUri.fsPath}/`));
  return matches.sort((a, b) => b.rootUri.fsPath.length - a.rootUri.fsPath.length)[0];
}
