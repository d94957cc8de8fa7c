/** A rule of the domain was broken (an illegal transition, an unknown item): the message is for the user. */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** What a caught value says, for a log line or a one-line message: an Error's message, anything else as text. */
export const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));
