/**
 * The reference scan's git side: the arguments that make git do the heavy
 * lifting (walk history and grep messages in C), and the one-pass parser of
 * what it prints. Only commits that can matter cross the pipe.
 */
import type { CommitSummary } from '../core/code/commitSummary';
import { classifyCommitMessage, hasReferences, INCIDENT_ID_IN_TEXT, type CommitMessageReferences } from '../core/code/references';
import { INCIDENT_ID_PATTERN } from '../core/record/schema';
import { FIELD, isoFromUnixSeconds } from './logRecords';

export interface ReferencingCommit extends CommitSummary {
  references: CommitMessageReferences;
}

/** sha, author, committer date, raw message; records split by NUL (`-z`). */
export const REFERENCE_LOG_FORMAT = '%H%x1f%aN <%aE>%x1f%ct%x1f%B';

/**
 * `--grep`s that select a superset of the commits classifyCommitMessage
 * reports: any incident id (the built-in pattern is also a valid POSIX ERE)
 * or a Closes-Action trailer. Extra patterns are JavaScript regular
 * expressions, which git's regex dialects do not reliably understand, so with
 * extra patterns nothing is filtered in git and every message is read here.
 */
export function referenceGrepArgs(hasExtraPatterns: boolean): string[] {
  if (hasExtraPatterns) return [];
  const incidentId = INCIDENT_ID_PATTERN.source.replace(/^\^|\$$/g, '');
  return ['--extended-regexp', `--grep=${incidentId}`, '--grep=[Cc][Ll][Oo][Ss][Ee][Ss]-[Aa][Cc][Tt][Ii][Oo][Nn]'];
}

/**
 * A cheap yes/no before the full classification: without a git-side filter
 * most of 100,000 messages name nothing, and one `test` per pattern is far
 * cheaper than splitting each into paragraphs and trailers.
 */
function referenceTester(extraPatterns: readonly RegExp[]): (message: string) => boolean {
  const tests = [INCIDENT_ID_IN_TEXT, /closes-action/i, ...extraPatterns].map((pattern) => new RegExp(pattern.source, pattern.flags.replace('g', '')));
  return (message) => tests.some((pattern) => pattern.test(message));
}

/** Parses the log in one pass and keeps the commits that reference something. */
export function parseReferenceLog(output: string, extraPatterns: readonly RegExp[]): ReferencingCommit[] {
  const mayReference = referenceTester(extraPatterns);
  const commits: ReferencingCommit[] = [];
  let start = 0;
  while (start < output.length) {
    let end = output.indexOf('\0', start);
    if (end < 0) end = output.length;
    const commit = parseRecord(output, start, end, extraPatterns, mayReference);
    if (commit) commits.push(commit);
    start = end + 1;
  }
  return commits;
}

function parseRecord(output: string, start: number, end: number, extraPatterns: readonly RegExp[], mayReference: (message: string) => boolean): ReferencingCommit | undefined {
  // Between records git puts a newline after the NUL.
  if (output.charCodeAt(start) === 10) start++;
  const shaEnd = output.indexOf(FIELD, start);
  const authorEnd = output.indexOf(FIELD, shaEnd + 1);
  const dateEnd = output.indexOf(FIELD, authorEnd + 1);
  if (shaEnd < 0 || dateEnd < 0 || dateEnd > end) return undefined;
  const message = output.slice(dateEnd + 1, end);
  if (!mayReference(message)) return undefined;
  const references = classifyCommitMessage(message, extraPatterns);
  if (!hasReferences(references)) return undefined;
  return {
    sha: output.slice(start, shaEnd),
    // Like git's %s: the first paragraph, its lines joined by spaces.
    subject: message
      .split(/\n[ \t]*\n/, 1)[0]
      .trim()
      .replace(/\s*\n\s*/g, ' '),
    author: output.slice(shaEnd + 1, authorEnd),
    committedAt: isoFromUnixSeconds(output.slice(authorEnd + 1, dateEnd)),
    references,
  };
}
