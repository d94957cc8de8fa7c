/**
 * SLA durations as people write them in the policy: `15m`, `4h`, `7d` count
 * calendar time; `90bm`, `8bh`, `1bd` count business time (business hours on
 * business days, holidays excluded); `next business day` means close of
 * business on the first business day after the start. Also how a length of
 * time is shown ("1h 05m"). The one parser and formatter of durations for the
 * CLI, the extension and the webviews: no schema library here, so the webview
 * bundles stay small (src/core/record/schema.ts builds its check on parseSlaDuration).
 */

export type SlaDuration = { kind: 'calendar'; minutes: number } | { kind: 'business'; minutes: number } | { kind: 'business-days'; days: number } | { kind: 'next-business-day' };

const DURATION_TEXT = /^([1-9]\d{0,5})(m|h|d|bm|bh|bd)$/;
export const NEXT_BUSINESS_DAY = 'next business day';

export function parseSlaDuration(text: string): SlaDuration | undefined {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === NEXT_BUSINESS_DAY) return { kind: 'next-business-day' };
  const match = DURATION_TEXT.exec(trimmed);
  if (!match) return undefined;
  const count = Number(match[1]);
  switch (match[2]) {
    case 'm':
      return { kind: 'calendar', minutes: count };
    case 'h':
      return { kind: 'calendar', minutes: count * 60 };
    case 'd':
      return { kind: 'calendar', minutes: count * 24 * 60 };
    case 'bm':
      return { kind: 'business', minutes: count };
    case 'bh':
      return { kind: 'business', minutes: count * 60 };
    default:
      return { kind: 'business-days', days: count };
  }
}

/** Minutes as the shortest exact text: 90 → `90m`, 120 → `2h`, 2880 → `2d`; `business` adds the b. */
export function formatMinutes(minutes: number, business = false): string {
  const b = business ? 'b' : '';
  if (minutes % (24 * 60) === 0 && !business) return `${minutes / (24 * 60)}d`;
  if (minutes % 60 === 0) return `${minutes / 60}${b}h`;
  return `${minutes}${b}m`;
}

/** Calendar minutes of `30m`, `2h`, `1d` (a "from now" offset); undefined for anything else, business durations included. */
export function calendarMinutes(text: string): number | undefined {
  const parsed = parseSlaDuration(text);
  return parsed?.kind === 'calendar' ? parsed.minutes : undefined;
}

/** The start of a `since` window: `90d` ago, or a date (`2026-01-31`, midnight UTC); undefined for anything else. */
export function sinceDate(text: string, now: Date): Date | undefined {
  const trimmed = text.trim();
  const days = /^(\d{1,5})d$/.exec(trimmed);
  if (days) return new Date(now.getTime() - Number(days[1]) * 86_400_000);
  const date = /^\d{4}-\d\d-\d\d$/.test(trimmed) ? new Date(`${trimmed}T00:00:00Z`) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

/** "<1m", "12m", "1h 05m", "2d 3h". Under a minute is "<1m": "overdue 0m" read as "not overdue". */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 1) return '<1m';
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h ${String(minutes % 60).padStart(2, '0')}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}
