/**
 * Small hand-written checks for what the host sends, so a webview can refuse
 * a malformed message without carrying a schema library in its bundle. The
 * host validates strictly what a webview sends (src/protocol/*); here the aim
 * is only that the page never renders from a message of the wrong shape.
 */

/** One thing a message must satisfy, with where it failed, e.g. `state.incident.severity`. */
export type ShapeCheck = [where: string, ok: boolean];

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The value at `key` of an object; undefined for anything that is not one. */
export const field = (value: unknown, key: string): unknown => (isRecord(value) && Object.hasOwn(value, key) ? value[key] : undefined);

export const isText = (value: unknown, max = 100_000): value is string => typeof value === 'string' && value.length <= max;

export const isOneOf = <T extends string>(value: unknown, allowed: readonly T[]): value is T => typeof value === 'string' && (allowed as readonly string[]).includes(value);

export const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;

export const isOptional = (value: unknown, check: (value: unknown) => boolean): boolean => value === undefined || check(value);

/** The first check that failed, as an error like the host's ("state.view: malformed"), or undefined when all passed. */
export function firstFailure(checks: readonly ShapeCheck[]): string | undefined {
  const failed = checks.find(([, ok]) => !ok);
  return failed && `${failed[0]}: malformed`;
}
