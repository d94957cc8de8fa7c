/**
 * The repository's top level and who is working in it, for callers that hold
 * only a folder (the CLI's start-up, the extension's change context). Through
 * GitCommand alone, not GitRepository, so the CLI's start loads no more than
 * it needs to run git.
 */
import { clipText, PERSON_MAX } from '../core/text/clip';
import { GitCommand } from './gitCommand';
import { NotARepositoryError } from './errors';
import type { GitOptions } from './gitCommand';

export interface GitIdentity {
  name?: string;
  email?: string;
}

/** `git rev-parse --show-toplevel`; NotARepositoryError outside a work tree. */
export async function readTopLevel(git: GitCommand): Promise<string> {
  const path = (await git.run(['rev-parse', '--show-toplevel'])).trim();
  if (!path) throw new NotARepositoryError(git.folder);
  return path;
}

/** user.name and user.email from git config, each when set. */
export async function readIdentity(git: GitCommand): Promise<GitIdentity> {
  // An unset key and one set to nothing both read as unset; --default= has git answer an empty line with exit 0 for the first too.
  const read = async (key: string) => (await git.run(['config', '--default=', '--get', key])).trim() || undefined;
  const [name, email] = await Promise.all([read('user.name'), read('user.email')]);
  return { ...(name && { name }), ...(email && { email }) };
}

/** The work tree's top level, or undefined when `cwd` is not inside one (or git is missing). */
export async function repositoryTopLevel(cwd: string, options: GitOptions = {}): Promise<string | undefined> {
  return readTopLevel(new GitCommand(cwd, options)).catch(() => undefined);
}

/**
 * "Name <email>" from git config, else $INCIDENT_AUTHOR, else the OS user;
 * clipped to what the record stores for a person, so a very long user.name
 * cannot make every write fail.
 */
export async function authorIdentity(cwd: string, options: GitOptions = {}): Promise<string> {
  const { name, email } = await readIdentity(new GitCommand(cwd, options)).catch(() => ({ name: undefined, email: undefined }));
  const identity = name ? (email ? `${name} <${email}>` : name) : process.env.INCIDENT_AUTHOR || process.env.USER || 'unknown';
  return clipText(identity, PERSON_MAX);
}
