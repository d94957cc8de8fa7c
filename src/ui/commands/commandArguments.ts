/**
 * The answers a script or a test may hand a command instead of being asked:
 * one value of a closed list, or a text with something in it. Anything else
 * reads as "not given", and the command asks. No vscode import, so it is
 * unit-tested directly.
 */

/** `value` when it is one of `allowed`; otherwise undefined. */
export function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** `value` trimmed when it is a string that is not blank; otherwise undefined. */
export function givenText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}
