import type { IncidentStore } from '../store/incidentStore';

/** What a verb gets: the store of the repository, the clock, the author and an output line writer. */
export interface CliContext {
  store: IncidentStore;
  now: () => Date;
  author: string;
  out: (line: string) => void;
}

/** The user asked for something wrong (exit 1, one line on stderr). */
export class UsageError extends Error {}
