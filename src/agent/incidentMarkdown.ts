/**
 * One incident as Markdown for a model to read (the `incidents_get` tool and
 * the MCP resource of each active incident): everything a responder would
 * look at, newest timeline events last, capped so a long incident still fits
 * a model's context.
 */
import { terminalText } from '../core/text/terminalText';
import { isDrill } from '../core/lifecycle/drills';
import { formatDuration } from '../core/clocks/durations';
import { isActive } from '../core/lifecycle/lifecycle';
import type { EffectivePlan } from '../core/plan/plan';
import { regulatoryClocks } from '../core/clocks/regulatory';
import type { Deploy, Incident } from '../core/record/schema';
import { slaClocks } from '../core/clocks/sla';
import { typeTitle } from '../core/plan/incidentTypes';
import { fieldRows } from '../core/plan/fieldValues';

/** Timeline events shown in full; older ones are counted, not listed. */
export const TIMELINE_EVENTS_SHOWN = 300;

/** User text on one Markdown line (list items and headings): line breaks become spaces. */
/** Text from people and from monitoring on one line, its control characters shown rather than passed on (an escape sequence, a bell). */
const line = (text: string) => terminalText(text.replace(/\s*[\r\n]+\s*/g, ' ').trim());
/** Multi-line user text under a list item: later lines indented so they stay inside the item. */
const block = (text: string) => terminalText(text.trim().replace(/\r?\n/g, '\n  '));

function clockLines(incident: Incident, plan: EffectivePlan, now: Date): string[] {
  if (!isActive(incident)) return [];
  const sla = slaClocks(incident, plan.sla, now).map((clock) =>
    clock.metAt
      ? `- ${clock.name}: met ${clock.metAt.toISOString()}${clock.breached ? ` (${formatDuration(clock.remainingMs)} late)` : ''}`
      : `- ${clock.name}: ${clock.breached ? `OVERDUE by ${formatDuration(clock.remainingMs)}` : `due in ${formatDuration(clock.remainingMs)}`} (deadline ${clock.deadline.toISOString()})`,
  );
  const regulatory = regulatoryClocks(incident, plan.regulatory, plan.sla.timeZone, now, plan).map((clock) =>
    clock.met
      ? `- regulatory "${line(clock.title)}": sent ${clock.met.at.toISOString()} to ${line(clock.met.to)}`
      : `- regulatory "${line(clock.title)}": ${clock.breached ? 'OVERDUE' : 'due'} by ${clock.deadline.toISOString()}${clock.to ? ` to ${line(clock.to)}` : ''}`,
  );
  return [...sla, ...regulatory];
}

function section(title: string, lines: readonly string[]): string[] {
  return lines.length ? ['', `## ${title}`, ...lines] : [];
}

export function incidentMarkdown(incident: Incident, deploys: readonly Deploy[], plan: EffectivePlan, now: Date): string {
  const roles = Object.entries(incident.roles).flatMap(([role, who]) =>
    Array.isArray(who) ? (who.length ? [`- ${role}s: ${who.map(line).join(', ')}`] : []) : who ? [`- ${role}: ${line(String(who))}`] : [],
  );
  const checklist = Object.entries(incident.checklist).map(([item, tick]) => `- ${item}: ${tick?.checked ? 'ticked' : 'unticked'} by ${line(tick?.by ?? '')}`);
  const tasks = (incident.tasks ?? []).map((task) => `- [${task.done ? 'x' : ' '}] ${line(task.text)}${task.assignee ? ` (assigned to ${line(task.assignee)})` : ''}`);
  const commits = incident.commits.map((commit) => `- ${commit.relation}: ${commit.sha.slice(0, 12)} ${line(commit.subject)} (${line(commit.author)}, ${commit.committedAt})`);
  const linkedDeploys = deploys
    .filter((deploy) => incident.deployIds.includes(deploy.id) || deploy.incidentIds.includes(incident.id))
    .map((deploy) => `- ${deploy.at} ${deploy.environment} ${line(deploy.ref)}${deploy.sha ? ` (${deploy.sha.slice(0, 12)})` : ''} ${deploy.status}`);
  const updates = incident.updates.map(
    (update) =>
      `- ${update.at} to ${line(update.audience)} by ${line(update.author)}: ${block(update.text)}${update.nextUpdateBy ? `\n  Next update by ${update.nextUpdateBy}` : ''}`,
  );
  // Alerts come from the team's monitoring (anyone who can reach the receiver): every value through line().
  const alerts = (incident.alerts ?? []).map((alert) => {
    const labels = Object.entries(alert.labels).map(([key, value]) => `${line(key)}=${line(value)}`);
    const annotations = Object.entries(alert.annotations).map(([key, value]) => `  ${line(key)}: ${line(value)}`);
    const when = alert.state === 'resolved' ? `resolved ${alert.endsAt ?? alert.startsAt}` : `firing since ${alert.startsAt}`;
    return [
      `- ${line(alert.name)} (${alert.source}) ${when}; ${alert.notifications} notification(s), ${alert.changes} change(s) of state${labels.length ? `; ${labels.join(', ')}` : ''}`,
      ...annotations,
      ...alert.links.map((link) => `  ${line(link.title)}: ${line(link.url)}`),
    ].join('\n');
  });
  const shown = incident.timeline.slice(-TIMELINE_EVENTS_SHOWN);
  const leftOut = incident.timeline.length - shown.length;
  const timeline = [
    ...(leftOut ? [`- (${leftOut} earlier events left out)`] : []),
    ...shown.map((event) => `- ${event.at} ${event.kind} by ${line(event.author)}: ${block(event.text)}`),
  ];
  const { retrospective } = incident;
  const retro = [
    ...retrospective.whys.map((why, index) => `- Why ${index + 1}: ${line(why)}`),
    ...(retrospective.rootCause ? [`- Root cause: ${block(retrospective.rootCause)}`] : []),
    ...retrospective.actionItems.map(
      (item) =>
        `- Action item ${item.id} [${item.status}]: ${line(item.title)}${item.owner ? ` (owner ${line(item.owner)})` : ''}${item.due ? ` due ${item.due}` : ''}${item.export?.url ? ` issue ${line(item.export.url)}` : ''}`,
    ),
  ];
  return [
    `# ${incident.id}: ${line(incident.title)}${isDrill(incident) ? ' (DRILL: a practice incident, not a real outage)' : ''}`,
    '',
    `- Severity: ${incident.severity} (SEV1 is the highest)`,
    `- Category: ${incident.category}`,
    ...(incident.type ? [`- Type: ${line(typeTitle(plan, incident.type))} (${incident.type})`] : []),
    `- Status: ${incident.status}${isActive(incident) ? ' (active)' : ''}`,
    `- Declared: ${incident.declaredAt} by ${line(incident.declaredBy)}`,
    ...(incident.startedAt ? [`- Impact started: ${incident.startedAt}`] : []),
    ...(incident.acknowledgedAt ? [`- Acknowledged: ${incident.acknowledgedAt}`] : []),
    ...(incident.mitigatedAt ? [`- Mitigated: ${incident.mitigatedAt}`] : []),
    ...(incident.resolvedAt ? [`- Resolved: ${incident.resolvedAt}`] : []),
    ...(incident.summary ? ['', '## Summary', incident.summary.trim()] : []),
    ...(incident.impact ? ['', '## Impact', incident.impact.trim()] : []),
    ...section(
      'Fields',
      fieldRows(plan, incident).map((row) => `- ${line(row.title)}: ${row.value === undefined ? (row.required ? '(required, still empty)' : '(empty)') : line(row.value)}`),
    ),
    ...section('Roles', roles.length ? roles : ['- nobody assigned yet']),
    ...section('Clocks', clockLines(incident, plan, now)),
    ...section('Alerts (from monitoring)', alerts),
    ...section('Triage checklist', checklist),
    ...section('Runbook tasks', tasks),
    ...section('Linked commits', commits),
    ...section('Deploys', linkedDeploys),
    ...section('Status updates', updates),
    ...section('Timeline (oldest first)', timeline),
    ...section('Retrospective', retro),
    '',
  ].join('\n');
}
