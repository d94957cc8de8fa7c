/** The words the page, the feed and summary.json use for states, and how they write times. */
import type { ComponentStatus, Impact, PublicStatus } from './model';

export const INDICATOR_DESCRIPTION: Record<Impact, string> = {
  none: 'All systems operational',
  minor: 'Degraded performance',
  major: 'Partial outage',
  critical: 'Major outage',
};

export const STATUS_WORD: Record<PublicStatus, string> = { investigating: 'Investigating', identified: 'Identified', monitoring: 'Monitoring', resolved: 'Resolved' };

export const COMPONENT_WORD: Record<ComponentStatus, string> = {
  operational: 'Operational',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
};

export const IMPACT_WORD: Record<Impact, string> = { none: 'No impact', minor: 'Minor impact', major: 'Major impact', critical: 'Critical impact' };

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "23 Nov 2026, 10:16 UTC": written out by hand, so no locale or time zone of the machine changes the bytes. */
export function readableUtc(iso: string): string {
  const at = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getUTCDate()} ${MONTHS[at.getUTCMonth()]} ${at.getUTCFullYear()}, ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())} UTC`;
}
