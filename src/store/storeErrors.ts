/**
 * A write the store refused or could not make, with the reason in words and
 * what to do. Nothing was changed when it is thrown. The CLI exits 2 with its
 * message; the extension shows it.
 */
export type StoreWriteProblem = 'read-only' | 'locked' | 'lock-lost' | 'io';

export class StoreWriteError extends Error {
  constructor(
    readonly problem: StoreWriteProblem,
    message: string,
  ) {
    super(message);
    this.name = 'StoreWriteError';
  }
}
