/** A commit as the record and every layer describe it: what git reports, what a link stores. */
export interface CommitSummary {
  sha: string;
  subject: string;
  /** "Name <email>", after .mailmap */
  author: string;
  /** ISO-8601 in UTC */
  committedAt: string;
}

/** A commit as a person reads it in a title: its subject (cut to `max` characters) and short sha, `"Round amounts in cents" (24b1ed6c)`. */
export function commitLabel(commit: Pick<CommitSummary, 'sha' | 'subject'>, max = 60): string {
  const subject = commit.subject.replace(/\s+/g, ' ').trim();
  const shown = subject.length > max ? `${subject.slice(0, max - 1).trimEnd()}…` : subject;
  return shown ? `"${shown}" (${commit.sha.slice(0, 8)})` : commit.sha.slice(0, 8);
}
