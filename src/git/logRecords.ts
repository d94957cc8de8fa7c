/**
 * The compact `--format`s the adapter asks git for, and their one-pass parsers.
 * Fields are split by US (0x1f), records by NUL (`-z`): neither can appear in
 * a sha, a date or a commit message git would write, so no quoting is needed.
 */
import type { CommitSummary } from '../core/code/commitSummary';

export const FIELD = '\u001f';

/**
 * `git log` as every parser here expects it, whatever the user's config says:
 * NUL-separated, no gpg output mixed in (log.showSignature), no colour codes.
 */
export const LOG = ['log', '-z', '--no-show-signature', '--no-color'] as const;
/** Marks the start of a record in outputs that also list files (`--name-only -z`). */
export const RECORD_START = '\u0001';

/** sha, subject, author, committer date: what a quick pick or a LinkedCommit needs. */
export const COMMIT_SUMMARY_FORMAT = '%H%x1f%s%x1f%aN <%aE>%x1f%ct';

/** `%ct` (seconds since the epoch) to ISO UTC: cheaper to parse than `%cI`, which counts on a 100,000-commit log. */
export function isoFromUnixSeconds(seconds: string): string {
  return new Date(Number(seconds) * 1000).toISOString();
}

export function parseCommitSummary(record: string): CommitSummary {
  const [sha, subject, author, committedAt] = record.split(FIELD);
  return { sha, subject, author, committedAt: isoFromUnixSeconds(committedAt) };
}

/** Records of a `-z` log with COMMIT_SUMMARY_FORMAT. */
export function parseCommitSummaries(output: string): CommitSummary[] {
  return output
    .split('\0')
    .map((record) => record.replace(/^\n/, ''))
    .filter(Boolean)
    .map(parseCommitSummary);
}

export interface CommitWithFiles extends CommitSummary {
  parents: string[];
  /** Paths touched relative to the first parent; empty for a merge. */
  files: string[];
}

/** RECORD_START + parents + COMMIT_SUMMARY_FORMAT; git appends `\0\n` and the NUL-terminated file names. */
export const COMMIT_WITH_FILES_FORMAT = `%x01%P%x1f${COMMIT_SUMMARY_FORMAT}`;

/**
 * Splits `git log -z --name-only` output whose format starts with RECORD_START:
 * each record is `\x01header\0` then, when files changed, `\nfile\0file\0…`.
 * A record begins at a NUL followed by \x01 (a file name with \x01 in it
 * right after another name's NUL is the one thing this would misread).
 */
function* recordsWithFiles(output: string): Generator<{ header: string; files: string[] }> {
  for (const chunk of output.split(`\0${RECORD_START}`)) {
    const record = chunk.startsWith(RECORD_START) ? chunk.slice(1) : chunk;
    if (!record) continue;
    const [header, ...names] = record.split('\0');
    yield { header, files: names.map((name) => name.replace(/^\n/, '')).filter(Boolean) };
  }
}

/** Parses `git log -z --name-only --format=COMMIT_WITH_FILES_FORMAT`. */
export function parseCommitsWithFiles(output: string): CommitWithFiles[] {
  const commits: CommitWithFiles[] = [];
  for (const { header, files } of recordsWithFiles(output)) {
    const cut = header.indexOf(FIELD);
    const parents = header.slice(0, cut).split(' ').filter(Boolean);
    commits.push({ ...parseCommitSummary(header.slice(cut + 1)), parents, files });
  }
  return commits;
}
