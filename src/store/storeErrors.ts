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

/**
 * The store file cannot be used as asked (malformed, conflicted, newer version,
 * invalid records or policy, a symbolic link, unreadable). The CLI exits 2.
 */
export type StoreProblemKind = 'malformed' | 'conflicted' | 'newer-version' | 'invalid-records' | 'invalid-policy' | 'unsafe-path' | 'not-a-file' | 'unreadable';

export class StoreUnusableError extends Error {
  constructor(
    readonly file: string,
    readonly kind: StoreProblemKind,
    readonly details: string[],
    readonly remedy: string,
  ) {
    super(`${file}: ${details[0] ?? kind}${details.length > 1 ? ` (and ${details.length - 1} more)` : ''}. ${remedy}`);
    this.name = 'StoreUnusableError';
  }
}
