/**
 * The typed failures of the git layer, so the UI and the CLI can say what went
 * wrong in words ("git was not found at …", "… is not a git repository",
 * "… is not a usable revision") instead of showing git's stderr.
 */

/** The git binary could not be started (missing, or not executable). */
export class GitNotFoundError extends Error {
  constructor(
    readonly gitPath: string,
    detail = '',
  ) {
    super(`git was not found or could not be started at "${gitPath}"${detail ? ` (${detail})` : ''}; install git or set "git.path"`);
    this.name = 'GitNotFoundError';
  }
}

/** The folder does not exist or is not inside a git work tree. */
export class NotARepositoryError extends Error {
  constructor(readonly folder: string) {
    super(`"${folder}" is not a git repository`);
    this.name = 'NotARepositoryError';
  }
}

/** Text from a user, a webview or a file that we refuse to pass to git, and why. */
abstract class RefusedTextError extends Error {
  constructor(
    name: string,
    readonly text: string,
    what: string,
    reason: string,
  ) {
    super(`"${text}" is not a usable ${what}: ${reason}`);
    this.name = name;
  }
}

/** A revision that is not a commit we may pass to git. */
export class InvalidRevisionError extends RefusedTextError {
  constructor(revision: string, reason: string) {
    super('InvalidRevisionError', revision, 'revision', reason);
  }
}

/** A path we refuse to pass to git. */
export class InvalidPathError extends RefusedTextError {
  constructor(path: string, reason: string) {
    super('InvalidPathError', path, 'path', reason);
  }
}

/** Git ran and failed for another reason; `stderr` is git's own words. */
export class GitCommandError extends Error {
  constructor(
    readonly command: string,
    readonly stderr: string,
  ) {
    super(`git ${command} failed: ${stderr.trim().split('\n')[0] || 'unknown error'}`);
    this.name = 'GitCommandError';
  }
}

/** Git did not finish within its time limit and was killed. */
export class GitTimeoutError extends Error {
  constructor(
    readonly command: string,
    readonly timeoutMs: number,
  ) {
    super(`git ${command} did not finish within ${timeoutMs} ms and was stopped`);
    this.name = 'GitTimeoutError';
  }
}
