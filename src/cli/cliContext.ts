import type { IncidentStore } from '../store/incidentStore';

/** What a verb gets: the store of the repository, the clock, the author and an output line writer. */
export interface CliContext {
  store: IncidentStore;
  now: () => Date;
  author: string;
  out: (line: string) => void;
  /** Progress for a person watching (stderr), kept apart from the result on `out`. */
  err?: (line: string) => void;
}

/** What a verb that only reads the store reads it through (an IncidentStore, or a store not created yet). */
export type StoreReader = Pick<IncidentStore, 'root' | 'file' | 'relativePath' | 'relativeDir' | 'read'>;

/** What a verb that only reads gets: no author (nothing is written) and a store it can only read. */
export interface ReadContext {
  store: StoreReader;
  now: () => Date;
  out: (line: string) => void;
  /** What a person should know besides the result (stderr). */
  err: (line: string) => void;
}

/** The user asked for something wrong (exit 1, one line on stderr). */
export class UsageError extends Error {}

/** A verb's own failure with an exit code of its own (documented in its usage), one line on stderr. */
export class VerbExit extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}
