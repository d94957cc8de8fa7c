/**
 * The repository's top level and who is working in it, through simple-git.
 * Fixed arguments only: nothing a user typed reaches git.
 */
import { simpleGit } from 'simple-git';

export interface GitOptions {
  /** The git binary (VS Code's `git.path` setting); default: `git` on PATH. */
  gitPath?: string;
}

export async function repositoryTopLevel(cwd: string, options: GitOptions = {}): Promise<string | undefined> {
  try {
    return (await simpleGit({ baseDir: cwd, binary: options.gitPath ?? 'git' }).revparse(['--show-toplevel'])).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** "Name <email>" from git config, else $INCIDENT_AUTHOR, else the OS user. */
export async function authorIdentity(cwd: string, options: GitOptions = {}): Promise<string> {
  const git = simpleGit({ baseDir: cwd, binary: options.gitPath ?? 'git' });
  const value = async (key: string) => {
    try {
      return (await git.getConfig(key)).value?.trim() || undefined;
    } catch {
      return undefined;
    }
  };
  const name = await value('user.name');
  const email = await value('user.email');
  if (name) return email ? `${name} <${email}>` : name;
  return process.env.INCIDENT_AUTHOR || process.env.USER || 'unknown';
}
