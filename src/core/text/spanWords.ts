/**
 * A span of time as people type it after a number: "30m", "30 min",
 * "30 minutes", "2h", "2 hrs", "2 hours", "3d", "3 days", "1w", "1 week".
 * One pattern for the times given on the command line and in input boxes
 * ("30 minutes ago", "in 2 hours"); each reader says which units it takes.
 */

/** The unit words, by the letter the readers key on (m, h, d, w). */
const UNIT = '(m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?)';

/** "<number> <unit>", capturing the number and the unit word. */
export const SPAN = `(\\d{1,6})\\s*${UNIT}`;

/** The unit's letter ("minutes" → "m"). */
export const unitLetter = (word: string): string => word[0].toLowerCase();
