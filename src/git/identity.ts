/**
 * The repository's top level and who is working in it, for callers that hold
 * only a folder (the CLI's start-up, the extension's change context).
 */
import { clipText, PERSON_MAX } from '../core/clip';
import { GitRepository } from './gitRepository';
import type { GitOptions } from './gitCommand';

/** The work tree's top level, or undefined when `cwd` is not inside one (or git is missing). */
export async function repositoryTopLevel(cwd: string, options: GitOptions = {}): Promise<string | undefined> {
  return new GitRepository(cwd, options).topLevel().catch(() => undefined);
}

/**
 * "Name <email>" from git config, else $INCIDENT_AUTHOR, else the OS user;
 * clipped to what the record stores for a person, so a very long user.name
 * cannot make every write fail.
 */
export async function authorIdentity(cwd: string, options: GitOptions = {}): Promise<string> {
  const { name, email } = await new GitRepository(cwd, options).currentIdentity().catch(() => ({ name: undefined, email: undefined }));
  const identity = name ? (email ? `${name} <${email}>` : name) : process.env.INCIDENT_AUTHOR || process.env.USER || 'unknown';
  return clipText(identity, PERSON_MAX);
}
