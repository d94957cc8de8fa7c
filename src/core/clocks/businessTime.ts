/**
 * Business time in a team's calendar: business hours on business days, in
 * the team's time zone, without holidays. Local dates and times are built
 * with @date-fns/tz, so a day that has 23 or 25 hours (a daylight-saving
 * change) still opens and closes at the right instants; the arithmetic here is
 * only adding up the open stretches of each day.
 */
import { TZDate } from '@date-fns/tz';
import { DomainError } from '../record/errors';

export interface BusinessCalendar {
  /** IANA name (`Europe/Berlin`) or `UTC`. */
  timeZone: string;
  /** 0 = Sunday … 6 = Saturday. */
  businessDays: readonly number[];
  /** Local opening and closing times, `HH:MM`. */
  businessHours: { start: string; end: string };
  /** Local dates (`YYYY-MM-DD`) that are not business days. */
  holidays: readonly string[];
}

const MINUTE = 60_000;
/** No calendar has a decade without a business day; a longer search means a broken calendar. */
const SEARCH_LIMIT_DAYS = 3_660;

interface LocalDay {
  year: number;
  month: number;
  day: number;
}

function minutesOfDay(text: string, what: string): number {
  const match = /^(\d\d):(\d\d)$/.exec(text);
  const minutes = match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
  if (!match || Number(match[1]) > 24 || Number(match[2]) > 59 || minutes > 24 * 60)
    throw new DomainError(`business hours ${what} "${text}" is not a time like 09:00`, 'bad-calendar');
  return minutes;
}

const prepared = new Map<string, ReturnType<typeof prepareUncached>>();

/** Checks a calendar once and returns what the arithmetic needs (kept: SLA clocks for 10,000 incidents ask thousands of times). */
function prepare(calendar: BusinessCalendar) {
  const key = JSON.stringify([calendar.timeZone, calendar.businessDays, calendar.businessHours.start, calendar.businessHours.end, calendar.holidays]);
  let entry = prepared.get(key);
  if (!entry) {
    entry = prepareUncached(calendar);
    if (prepared.size > 32) prepared.clear();
    prepared.set(key, entry);
  }
  return entry;
}

function prepareUncached(calendar: BusinessCalendar) {
  try {
    new Intl.DateTimeFormat('en', { timeZone: calendar.timeZone });
  } catch {
    throw new DomainError(`"${calendar.timeZone}" is not a time zone (use an IANA name like Europe/Berlin)`, 'bad-calendar');
  }
  const open = minutesOfDay(calendar.businessHours.start, 'start');
  const close = minutesOfDay(calendar.businessHours.end, 'end');
  if (close <= open) throw new DomainError(`business hours end (${calendar.businessHours.end}) must be after their start (${calendar.businessHours.start})`, 'bad-calendar');
  const days = new Set(calendar.businessDays.filter((d) => Number.isInteger(d) && d >= 0 && d <= 6));
  if (!days.size) throw new DomainError('a business calendar needs at least one business day', 'bad-calendar');
  const holidays = new Set(calendar.holidays);
  const zone = calendar.timeZone;
  const at = (day: LocalDay, minutes: number) => new TZDate(day.year, day.month, day.day, Math.floor(minutes / 60), minutes % 60, 0, 0, zone);
  const localDay = (instant: Date): LocalDay => {
    const local = new TZDate(instant.getTime(), zone);
    return { year: local.getFullYear(), month: local.getMonth(), day: local.getDate() };
  };
  // Time-zone lookups dominate the cost (each asks Intl), and clocks for thousands of incidents
  // fall on the same few hundred days: what each local day looks like is remembered.
  const dayKey = (day: LocalDay) => `${day.year}-${String(day.month + 1).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`;
  const remembered = <T>(compute: (day: LocalDay) => T) => {
    const cache = new Map<string, T>();
    return (day: LocalDay): T => {
      const key = dayKey(day);
      if (!cache.has(key)) {
        if (cache.size > 50_000) cache.clear();
        cache.set(key, compute(day));
      }
      return cache.get(key) as T;
    };
  };
  const nextDay = remembered((day): LocalDay => localDay(new TZDate(day.year, day.month, day.day + 1, 12, 0, 0, 0, zone)));
  const isBusinessDay = (day: LocalDay) => days.has(at(day, 12 * 60).getDay()) && !holidays.has(dayKey(day));
  /** The open stretch of a local day, or undefined when the day is closed. */
  const hoursOf = remembered((day) => (isBusinessDay(day) ? { open: at(day, open).getTime(), close: at(day, close).getTime() } : undefined));
  return { localDay, nextDay, hoursOf, at, open, close };
}

/** The instant after `minutes` of business time from `start` (which may itself be outside business hours). */
export function addBusinessMinutes(start: Date, minutes: number, calendar: BusinessCalendar): Date {
  if (minutes < 0) throw new DomainError('business minutes to add must not be negative', 'bad-duration');
  const { localDay, nextDay, hoursOf } = prepare(calendar);
  let remaining = minutes * MINUTE;
  let cursor = start.getTime();
  let day = localDay(start);
  for (let searched = 0; searched < SEARCH_LIMIT_DAYS; searched++) {
    const hours = hoursOf(day);
    if (hours) {
      const from = Math.max(cursor, hours.open);
      if (from < hours.close) {
        if (remaining <= hours.close - from) return new Date(from + remaining);
        remaining -= hours.close - from;
      }
    }
    day = nextDay(day);
    cursor = -Infinity;
  }
  throw new DomainError('the business calendar has no business day in ten years', 'bad-calendar');
}

/** Close of business on the first business day after `start`'s local date ("next business day"). */
export function endOfNextBusinessDay(start: Date, calendar: BusinessCalendar): Date {
  const { localDay, nextDay, hoursOf } = prepare(calendar);
  let day = nextDay(localDay(start));
  for (let searched = 0; searched < SEARCH_LIMIT_DAYS; searched++) {
    const hours = hoursOf(day);
    if (hours) return new Date(hours.close);
    day = nextDay(day);
  }
  throw new DomainError('the business calendar has no business day in ten years', 'bad-calendar');
}

/**
 * The same local time of day `days` business days later; a start outside
 * business hours counts from the next opening (so "1 business day" from
 * Friday 20:00 is Tuesday 09:00 in a Monday–Friday week).
 */
export function addBusinessDays(start: Date, days: number, calendar: BusinessCalendar): Date {
  if (days < 0 || !Number.isInteger(days)) throw new DomainError('business days to add must be a whole number ≥ 0', 'bad-duration');
  const { localDay, nextDay, hoursOf, at, open, close } = prepare(calendar);
  // Move the start into business time first.
  const opened = addBusinessMinutes(start, 0, calendar);
  const local = new TZDate(opened.getTime(), calendar.timeZone);
  const minuteOfDay = Math.min(close, Math.max(open, local.getHours() * 60 + local.getMinutes()));
  let day = localDay(opened);
  for (let counted = 0, searched = 0; counted < days; searched++) {
    if (searched > SEARCH_LIMIT_DAYS) throw new DomainError('the business calendar has no business day in ten years', 'bad-calendar');
    day = nextDay(day);
    if (hoursOf(day)) counted++;
  }
  return new Date(at(day, minuteOfDay).getTime() + local.getSeconds() * 1000 + local.getMilliseconds());
}
