/**
 * A time a person gives for something that already happened (a deploy, the
 * start of the impact): typed on the command line or in an input box, read
 * the same way everywhere. UTC unless the text names a zone, never in the
 * future (a little clock skew aside), so "10:05" means the last 10:05 UTC.
 */
import { SPAN, unitLetter } from './spanWords';

/** The forms accepted, for a usage line or an input box's prompt. */
export const GIVEN_TIME_FORMS = 'now, 30m ago, 2h ago, 10:05 (UTC, today), 2026-11-23 10:05 (UTC) or 2026-11-23T10:05:00+01:00';

/** How far ahead of this clock a given time may lie (another machine's clock, a minute typed early). */
const SKEW_MS = 5 * 60_000;

export type GivenTime = { kind: 'time'; at: Date } | { kind: 'problem'; problem: string };

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };
const AGO = new RegExp(`^${SPAN}\\s+ago$`, 'i');

/** `text` as an instant at or before `now` (plus skew), or what is wrong with it, in words for a person. */
export function parseGivenTime(text: string, now: Date): GivenTime {
  const trimmed = text.trim().replace(/\s+UTC$/i, '');
  const at = instantOf(trimmed, now);
  if (!at || Number.isNaN(at.getTime())) return { kind: 'problem', problem: `"${text.trim()}" is not a time; give ${GIVEN_TIME_FORMS}` };
  if (at.getTime() > now.getTime() + SKEW_MS) return { kind: 'problem', problem: `${at.toISOString()} is in the future; give a time that has passed` };
  return { kind: 'time', at };
}

function instantOf(text: string, now: Date): Date | undefined {
  if (/^now$/i.test(text)) return now;
  const ago = AGO.exec(text);
  // Weeks are not taken here: a deploy or an impact start weeks ago is given by its date.
  if (ago && UNIT_MS[unitLetter(ago[2])]) return new Date(now.getTime() - Number(ago[1]) * UNIT_MS[unitLetter(ago[2])]);
  const clock = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (clock) {
    const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), Number(clock[1]), Number(clock[2])));
    // The last such time: "23:50" typed at 00:10 is yesterday's.
    return today.getTime() > now.getTime() + SKEW_MS ? new Date(today.getTime() - UNIT_MS.d) : today;
  }
  const dated = /^(\d{4}-\d\d-\d\d)[T ]([01]\d|2[0-3]):([0-5]\d)(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)?$/.exec(text);
  if (!dated) return undefined;
  const [, day, hours, minutes, seconds = '', , zone = 'Z'] = dated;
  // Date() rolls 2026-02-31 over to March; a day that does not exist is not a time.
  if (new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day) return undefined;
  return new Date(`${day}T${hours}:${minutes}${seconds || ':00'}${zone}`);
}
