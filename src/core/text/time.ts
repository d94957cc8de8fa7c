/** "2026-11-23 10:15": an ISO time cut to the minute, in UTC, for timelines and messages. */
export function shortUtc(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}
