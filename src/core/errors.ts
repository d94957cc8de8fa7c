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
