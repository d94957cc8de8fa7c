/** A commit as the record and every layer describe it: what git reports, what a link stores. */
export interface CommitSummary {
  sha: string;
  subject: string;
  /** "Name <email>", after .mailmap */
  author: string;
  /** ISO-8601 in UTC */
  committedAt: string;
}
