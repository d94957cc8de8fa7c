/**
 * Wall-clock time in a time zone, for rotations. A wall time is kept as the
 * milliseconds its local date and time would be in UTC ("floating"), so a
 * day is always 1440 minutes and a week 10080: shifts are counted on the
 * wall clock, and only turning a wall time into an instant meets the
 * daylight-saving changes (@date-fns/tz's TZDate reads each instant's
 * offset). The two awkward cases, decided once here:
 * - a wall time that happens twice (clocks go back) is its first instant;
 * - a wall time that never happens (clocks go forward) is the first instant
 *   after the gap, so a 02:30 hand-off on that night happens at 03:00.
 */
import { TZDate } from '@date-fns/tz';

/** A local date, or a local date and time ("2026-12-24T18:00"), in the plan's time zone. */
export const LOCAL_DATE_TIME = /^(\d{4})-(\d\d)-(\d\d)(?:[T ]([01]\d|2[0-3]):([0-5]\d))?$/;
const MINUTE = 60_000;
const DAY = 1440 * MINUTE;

/** Whether the runtime knows the IANA zone (`Europe/Berlin`). */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const offsets = new Map<string, number>();

/** The zone's offset from UTC at `instant`, in milliseconds (+2h in Berlin's summer); remembered by minute, since a list of shifts asks about the same instants again. */
function offsetAt(instant: number, zone: string): number {
  const key = `${zone} ${Math.floor(instant / MINUTE)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    // Offsets change on the minute in every zone the runtime knows, so one per minute is exact.
    offset = -new TZDate(instant, zone).getTimezoneOffset() * MINUTE;
    if (offsets.size > 100_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/** The wall time at `instant` in `zone`. */
export function wallOf(instant: number, zone: string): number {
  return instant + offsetAt(instant, zone);
}

/** The instant of wall time `wall` in `zone`: the first when it happens twice, the end of the gap when it never happens. */
export function instantOfWall(wall: number, zone: string): number {
  const before = offsetAt(wall - DAY, zone);
  const after = offsetAt(wall + DAY, zone);
  const candidates = [...new Set([wall - before, wall - after])].filter((instant) => wallOf(instant, zone) === wall).sort((a, b) => a - b);
  if (candidates.length) return candidates[0];
  // In the gap: the first instant whose wall time is at or after `wall` (the change itself), found by halving.
  let low = wall - Math.max(before, after);
  let high = wall - Math.min(before, after);
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (wallOf(middle, zone) >= wall) high = middle;
    else low = middle;
  }
  return high;
}

/** The wall time of a local date ("2026-12-24", its midnight) or date and time ("2026-12-24T18:00"); undefined when it is neither. */
export function parseLocalWall(text: string): number | undefined {
  const match = LOCAL_DATE_TIME.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day, hours = '0', minutes = '0'] = match.slice(1);
  const date = new Date(Date.UTC(2000, Number(month) - 1, Number(day), Number(hours), Number(minutes)));
  // Set apart: Date.UTC reads the years 0 to 99 as 1900 to 1999.
  date.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  return date.getUTCFullYear() === Number(year) && date.getUTCDate() === Number(day) && date.getUTCMonth() === Number(month) - 1 ? date.getTime() : undefined;
}

/** The wall time of a local date at a clock time ("09:00"). */
export function wallAt(date: string, clock: string): number {
  return parseLocalWall(`${date}T${clock}`) as number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Mon 14 Dec 09:00" in `zone`, with the year when it is not `reference`'s. */
export function localTimeText(instant: Date, zone: string, reference?: Date): string {
  const wall = new Date(wallOf(instant.getTime(), zone));
  const year = reference && new Date(wallOf(reference.getTime(), zone)).getUTCFullYear() !== wall.getUTCFullYear() ? ` ${wall.getUTCFullYear()}` : '';
  const time = `${String(wall.getUTCHours()).padStart(2, '0')}:${String(wall.getUTCMinutes()).padStart(2, '0')}`;
  return `${WEEKDAYS[wall.getUTCDay()]} ${wall.getUTCDate()} ${MONTHS[wall.getUTCMonth()]}${year} ${time}`;
}
