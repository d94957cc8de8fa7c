/**
 * Text from outside (a commit subject, a git user.name) clipped to what the
 * record stores, so one long line cannot make a write fail. The limits are the
 * schema's (schema.ts uses these constants).
 */

/** A subject, a title, a ticket: one line of text. */
export const SHORT_TEXT_MAX = 500;
/** A note, a step, a root cause: text that may run over many lines. */
export const LONG_TEXT_MAX = 100_000;
/** A person as git knows them: "Name <email>". */
export const PERSON_MAX = 200;

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/**
 * `text` when it fits in `max` UTF-16 units (what the schema counts), else
 * its start ending in "…" within `max`, cut between code points so a
 * surrogate pair (an emoji) is never split in half.
 */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) end--;
  return `${text.slice(0, end)}…`;
}
