/**
 * Commit lookups through simple-git. A revision that comes from a user, a
 * webview or a file is checked to look like a revision (no leading dash, no
 * whitespace or control characters) and passed after `--end-of-options`, so
 * it is never read as an option (simple-git 4.0.2 still lets `--output=<file>`
 * through raw()).
 */
import { simpleGit, type SimpleGit } from 'simple-git';
import type { GitOptions } from './identity';

export interface CommitInfo {
  sha: string;
  subject: string;
  /** "Name <email>" */
  author: string;
  committedAt: string;
}

export class InvalidRevisionError extends Error {
  constructor(readonly revision: string, reason: string) {
    super(`"${revision}" is not a usable revision: ${reason}`);
    this.name = 'InvalidRevisionError';
  }
}

/** Shape check before git sees the text at all. */
export function checkRevisionText(revision: string): string {
  const text = revision.trim();
  if (!text) throw new InvalidRevisionError(revision, 'it is empty');
  if (text.startsWith('-')) throw new InvalidRevisionError(revision, 'it starts with "-"');
  if (/[\s\u0000-\u001f\u007f]/.test(text)) throw new InvalidRevisionError(revision, 'it contains whitespace or control characters');
  if (text.length > 250) throw new InvalidRevisionError(revision, 'it is too long');
  return text;
}

const SEPARATOR = '\u001f';
const FORMAT = ['%H', '%s', '%an <%ae>', '%cI'].join('%x1f');

export class CommitLookup {
  private readonly git: SimpleGit;

  constructor(readonly root: string, options: GitOptions = {}) {
    this.git = simpleGit({ baseDir: root, binary: options.gitPath ?? 'git' });
  }

  /** Resolves a sha (full or abbreviated), branch, tag or HEAD to the commit it names. */
  async resolveCommit(revision: string): Promise<CommitInfo> {
    const text = checkRevisionText(revision);
    let sha: string;
    try {
      sha = (await this.git.raw(['rev-parse', '--verify', '--quiet', '--end-of-options', `${text}^{commit}`])).trim();
    } catch {
      sha = '';
    }
    if (!/^[0-9a-f]{40}$/.test(sha)) throw new InvalidRevisionError(revision, 'no such commit in this repository');
    // The sha is now 40 hex characters: safe to pass as data.
    const line = (await this.git.raw(['show', '-s', `--format=${FORMAT}`, sha, '--'])).trim();
    const [full, subject, author, committedAt] = line.split(SEPARATOR);
    return { sha: full, subject, author, committedAt: new Date(committedAt).toISOString() };
  }

  /** The last `limit` commits of HEAD, newest first, for a quick pick. */
  async recentCommits(limit = 50): Promise<CommitInfo[]> {
    const count = Math.max(1, Math.min(1000, Math.floor(limit)));
    const out = await this.git.raw(['log', `-n${count}`, `--format=${FORMAT}`, 'HEAD', '--']);
    return out
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [sha, subject, author, committedAt] = line.split(SEPARATOR);
        return { sha, subject, author, committedAt: new Date(committedAt).toISOString() };
      });
  }
}
