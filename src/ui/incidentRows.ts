/**
 * What one row of the Active Incidents view says, without VS Code: its label,
 * description and tooltip. Pure, so unit tests and the benchmark use it as is.
 */
import { isActive } from '../core/lifecycle';
import type { Incident, SlaPolicy } from '../core/schema';
import { formatDuration } from '../core/durations';
import { clockSummary, clockToWatch, slaClocks, type SlaClock } from '../core/sla';
import { shortUtc } from '../core/time';

export interface IncidentRow {
  /**
   * The clock before the title ("12m left · Checkout…", "overdue 25m · Checkout…"):
   * a default-width sidebar truncates the label's end and hides the description,
   * so the clock must come first to be seen at all.
   */
  label: string;
  /** Status and id ("triaged · INC-1A2B3C4D"), shown when the sidebar is wide enough. */
  description: string;
  /** The clock to look at, in words ("responds in 12m"); undefined once every clock stopped. */
  clock?: string;
  breached: boolean;
}

export function incidentRow(incident: Incident, policy: SlaPolicy, now: Date): IncidentRow {
  const clocks = isActive(incident) ? slaClocks(incident, policy, now) : [];
  const clock = clockToWatch(clocks);
  const summary = clockSummary(clocks);
  const prefix = !clock ? '' : clock.breached ? `overdue ${formatDuration(clock.remainingMs)} · ` : `${formatDuration(clock.remainingMs)} left · `;
  return {
    label: `${prefix}${incident.title}`,
    description: `${incident.status} · ${incident.id}`,
    ...(summary ? { clock: summary.text } : {}),
    breached: clock?.breached ?? false,
  };
}

/** The row's tooltip: who, what, where it stands, both clocks with their deadlines, every role held. */
export function incidentTooltip(incident: Incident, policy: SlaPolicy, now: Date): string {
  const clocks = isActive(incident) ? slaClocks(incident, policy, now) : [];
  const { roles } = incident;
  const held: [string, string | undefined][] = [
    ['Commander', roles.commander ?? 'unassigned'],
    ['Scribe', roles.scribe],
    ['Communicator', roles.communicator],
    ['Applies patches', roles.patcher],
    ['Admin', roles.admin],
    ['Responders', roles.responders.join(', ') || undefined],
  ];
  return [
    `${incident.id} · ${incident.severity} · ${incident.category}`,
    incident.title,
    `Status: ${incident.status}`,
    ...clocks.map(clockLine),
    ...held.filter(([, person]) => person).map(([role, person]) => `${role}: ${person}`),
  ].join('\n');
}

function clockLine(clock: SlaClock): string {
  const name = clock.name === 'response' ? 'Response' : 'Resolution';
  if (clock.metAt) return `${name}: met, ${formatDuration(clock.remainingMs)} ${clock.breached ? 'after' : 'before'} its target`;
  return `${name}: ${clock.breached ? `overdue ${formatDuration(clock.remainingMs)}` : `${formatDuration(clock.remainingMs)} left`}, due ${shortUtc(clock.deadline.toISOString())} UTC`;
}

/** A problem of the store's read ("incident INC-…: severity: Invalid option") split into the record and what is wrong with it. */
export function unreadableRecord(problem: string): { record: string; issue?: string } {
  const colon = problem.indexOf(': ');
  return colon < 0 ? { record: problem } : { record: problem.slice(0, colon), issue: problem.slice(colon + 2) };
}

/** "1 record could not be read", "2 records could not be read". */
export const unreadableCount = (problems: readonly string[]): string => `${problems.length === 1 ? '1 record' : `${problems.length} records`} could not be read`;

/**
 * What the view says when the store holds records it could not read: how
 * many, each by kind and id with its first problem, and that writes wait for
 * the fix. Undefined when every record was read.
 */
export function unreadableRecordsMessage(problems: readonly string[]): string | undefined {
  if (!problems.length) return undefined;
  const named = problems.map(unreadableRecord).map(({ record, issue }) => (issue ? `${record} (${issue})` : record));
  return `${unreadableCount(problems)}: ${named.join('; ')}. The store is read-only until they are fixed.`;
}
