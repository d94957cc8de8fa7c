/** How `list` and `show` print an incident for a person: SLA clocks in words, times to the minute in UTC, user text made terminal-safe. */
import { drillMarked } from '../core/drills';
import { isActive } from '../core/lifecycle';
import type { Incident, SlaPolicy } from '../core/schema';
import { formatDuration } from '../core/durations';
import { resolvePolicy, slaClocks, type SlaClock } from '../core/sla';
import { terminalText } from '../core/terminalText';
import { shortUtc } from '../core/time';
import type { StoreReader } from './cliContext';

/** "2026-11-23 10:15 UTC". */
export const utcMinute = (iso: string): string => `${shortUtc(iso)} UTC`;
const shown = (text: string) => terminalText(text, { oneLine: true });

/** The store's SLA policy (the defaults when it has none); the second read of the same bytes is not parsed again. */
export function policyOf(store: StoreReader): SlaPolicy {
  const read = store.read();
  return resolvePolicy(read.kind === 'loaded' ? read.document.policy : undefined);
}

const clockText = (clock: SlaClock) => `${clock.name} ${clock.breached ? `overdue ${formatDuration(clock.remainingMs)}` : `due in ${formatDuration(clock.remainingMs)}`}`;

/** The clocks still running on an active incident, overdue ones first, then the nearest. */
function runningClocks(incident: Incident, policy: SlaPolicy, now: Date): SlaClock[] {
  if (!isActive(incident)) return [];
  return slaClocks(incident, policy, now)
    .filter((clock) => !clock.metAt)
    .sort((a, b) => Number(b.breached) - Number(a.breached) || a.remainingMs - b.remainingMs);
}

/** One incident on one line: id, severity, status, the clock that matters most ("response overdue 5m"), title ("[DRILL] title" for a drill). */
export function incidentLine(incident: Incident, policy: SlaPolicy, now: Date): string {
  const clock = runningClocks(incident, policy, now)[0];
  return `${incident.id}  ${incident.severity}  ${incident.status.padEnd(13)}  ${(clock ? clockText(clock) : '').padEnd(26)}  ${drillMarked(incident, shown(incident.title))}`;
}

/** The incident with its clocks and its timeline. */
export function incidentDetails(incident: Incident, policy: SlaPolicy, now: Date): string[] {
  const clocks = runningClocks(incident, policy, now).map(clockText).join(' · ');
  return [
    incidentLine(incident, policy, now),
    `category ${incident.category}; declared ${utcMinute(incident.declaredAt)} by ${shown(incident.declaredBy)}; commander ${shown(incident.roles.commander ?? 'unassigned')}`,
    ...(clocks ? [`SLA: ${clocks}`] : []),
    ...incident.timeline.map((event) => `  ${utcMinute(event.at)}  ${event.kind.padEnd(10)} ${shown(event.author)}: ${shown(event.text)}`),
  ];
}
