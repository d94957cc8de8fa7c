/**
 * What one row of the Active Incidents view says, without VS Code: its label,
 * description and tooltip. Pure, so unit tests and the benchmark use it as is;
 * its words go through @vscode/l10n, which the extension gives VS Code's
 * translations at activation (English where none is given).
 */
import * as l10n from '@vscode/l10n';
import { isActive } from '../../core/lifecycle/lifecycle';
import type { Incident, SlaPolicy } from '../../core/record/schema';
import { isDrill } from '../../core/lifecycle/drills';
import { formatDuration } from '../../core/clocks/durations';
import { clockSummary, clockToWatch, slaClocks, type SlaClock } from '../../core/clocks/sla';
import { shortUtc } from '../../core/text/time';
import { isAlertOpened } from '../../core/intake/alertAnnouncements';
import { alertSummaryLine } from './alertRows';

export interface IncidentRow {
  /** The title: what a responder recognises first, and what a narrow sidebar keeps. */
  label: string;
  /**
   * The running clock, then status and id ("12m left · triaged · INC-1A2B3C4D",
   * "overdue 25m · …"), after "DRILL" for a drill and "alert" when an alert
   * opened it, shown when the sidebar is wide enough; the severity's flame and the
   * tooltip carry the clock where it is not.
   */
  description: string;
  /** A practice incident: the view gives it its own icon, so it is told apart even where the description is hidden. */
  drill: boolean;
  /** Opened by an alert from the team's monitoring (src/core/intake/alertAnnouncements.ts): a bell icon, and its alerts as children. */
  alert: boolean;
  /** The clock to look at, in words ("responds in 12m"); undefined once every clock stopped. */
  clock?: string;
  breached: boolean;
}

export function incidentRow(incident: Incident, policy: SlaPolicy, now: Date): IncidentRow {
  const clocks = isActive(incident) ? slaClocks(incident, policy, now) : [];
  const clock = clockToWatch(clocks);
  const summary = clockSummary(clocks);
  const left = !clock ? undefined : clock.breached ? l10n.t('overdue {0}', formatDuration(clock.remainingMs)) : l10n.t('{0} left', formatDuration(clock.remainingMs));
  const drill = isDrill(incident);
  const alert = isAlertOpened(incident);
  const kind = drill ? (alert ? l10n.t('DRILL · alert') : l10n.t('DRILL')) : alert ? l10n.t('alert') : undefined;
  return {
    label: incident.title,
    description: [kind, left, incident.status, incident.id].filter((part) => part !== undefined).join(' · '),
    drill,
    alert,
    ...(summary ? { clock: summary.text } : {}),
    breached: clock?.breached ?? false,
  };
}

/** The row's tooltip: who, what, where it stands, both clocks with their deadlines, every role held. */
export function incidentTooltip(incident: Incident, policy: SlaPolicy, now: Date): string {
  const clocks = isActive(incident) ? slaClocks(incident, policy, now) : [];
  const { roles } = incident;
  const held: [string, string | undefined][] = [
    [l10n.t('Commander'), roles.commander ?? l10n.t('unassigned')],
    [l10n.t('Scribe'), roles.scribe],
    [l10n.t('Communicator'), roles.communicator],
    [l10n.t('Applies patches'), roles.patcher],
    [l10n.t('Admin'), roles.admin],
    [l10n.t('Responders'), roles.responders.join(', ') || undefined],
  ];
  return [
    `${incident.id} · ${incident.severity} · ${incident.category}`,
    incident.title,
    ...(isDrill(incident) ? [l10n.t('Drill: a practice, not a real incident')] : []),
    ...(isAlertOpened(incident) ? [alertSummaryLine(incident) ?? ''] : []),
    l10n.t('Status: {0}', incident.status),
    ...clocks.map(clockLine),
    ...held.filter(([, person]) => person).map(([role, person]) => `${role}: ${person}`),
  ].join('\n');
}

function clockLine(clock: SlaClock): string {
  const name = clock.name === 'response' ? l10n.t('Response') : l10n.t('Resolution');
  const duration = formatDuration(clock.remainingMs);
  if (clock.metAt) return clock.breached ? l10n.t('{0}: met, {1} after its target', name, duration) : l10n.t('{0}: met, {1} before its target', name, duration);
  const due = shortUtc(clock.deadline.toISOString());
  return clock.breached ? l10n.t('{0}: overdue {1}, due {2} UTC', name, duration, due) : l10n.t('{0}: {1} left, due {2} UTC', name, duration, due);
}

/** A problem of the store's read ("incident INC-…: severity: Invalid option") split into the record and what is wrong with it. */
export function unreadableRecord(problem: string): { record: string; issue?: string } {
  const colon = problem.indexOf(': ');
  return colon < 0 ? { record: problem } : { record: problem.slice(0, colon), issue: problem.slice(colon + 2) };
}

/** "1 record could not be read", "2 records could not be read". */
export const unreadableCount = (problems: readonly string[]): string =>
  problems.length === 1 ? l10n.t('1 record could not be read') : l10n.t('{0} records could not be read', problems.length);

/**
 * What the view says when the store holds records it could not read: how
 * many, each by kind and id with its first problem, and that writes wait for
 * the fix. Undefined when every record was read.
 */
export function unreadableRecordsMessage(problems: readonly string[]): string | undefined {
  if (!problems.length) return undefined;
  const named = problems.map(unreadableRecord).map(({ record, issue }) => (issue ? `${record} (${issue})` : record));
  return l10n.t('{0}: {1}. The store is read-only until they are fixed.', unreadableCount(problems), named.join('; '));
}
