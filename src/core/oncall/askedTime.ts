/**
 * The instant a person asks about (`incident oncall --at`): past or future,
 * since a rotation is asked about ahead ("who is on call on Saturday night?").
 * A local date or time is read in the rotations' time zone, the way the plan
 * writes them; an instant with "Z" or an offset is that instant.
 */
import { instantOfWall, parseLocalWall } from './localTime';
import { SPAN, unitLetter } from '../text/spanWords';

/** The forms accepted, for a usage line. */
export const ASKED_TIME_FORMS = "now, in 2h, 3d ago, 2026-12-24 (midnight), 2026-12-24 18:00 (both in the plan's time zone), or 2026-12-24T18:00Z / 2026-12-24T18:00+01:00";

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const AHEAD = new RegExp(`^in\\s+${SPAN}$`, 'i');
const AGO = new RegExp(`^${SPAN}\\s+ago$`, 'i');

/** The instant `text` names, or what is wrong with it in one line. */
export function parseAskedTime(text: string, now: Date, zone: string): { at: Date } | { problem: string } {
  const trimmed = text.trim();
  const at = instantOf(trimmed, now, zone);
  if (at === undefined || Number.isNaN(at) || Math.abs(at) > 8.64e15)
    return { problem: `"${trimmed.length > 60 ? `${trimmed.slice(0, 59)}…` : trimmed}" is not a time; give ${ASKED_TIME_FORMS}` };
  return { at: new Date(at) };
}

function instantOf(text: string, now: Date, zone: string): number | undefined {
  if (/^now$/i.test(text)) return now.getTime();
  const ahead = AHEAD.exec(text);
  if (ahead) return now.getTime() + Number(ahead[1]) * UNIT_MS[unitLetter(ahead[2])];
  const ago = AGO.exec(text);
  if (ago) return now.getTime() - Number(ago[1]) * UNIT_MS[unitLetter(ago[2])];
  const local = parseLocalWall(text);
  if (local !== undefined) return instantOfWall(local, zone);
  const zoned = /^(\d{4}-\d\d-\d\d)[T ]([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/i.exec(text);
  if (!zoned) return undefined;
  const [, day, hours, minutes, seconds = '00', offset] = zoned;
  if (parseLocalWall(day) === undefined) return undefined;
  return Date.parse(`${day}T${hours}:${minutes}:${seconds}${offset.toUpperCase()}`);
}
