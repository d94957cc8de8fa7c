/**
 * Audience briefs from the record, in Markdown or Slack's mrkdwn (the same
 * formatting as the ready-to-paste messages, messages.ts):
 *   - executive: impact, customer effect, ETA, next update; for the plan's
 *     executives' or stakeholders' channel at its cadence. No evidence, no
 *     commits, no hypotheses: what happened in words, not the investigation.
 *     The customer effect is the latest update written for outside readers,
 *     as those readers saw it (no names or emails).
 *   - technical: conditions (state, clocks, the triage checklist, evidence,
 *     suspect commits), actions taken, needs and asks, open tasks; for the
 *     responders' channel.
 */
import { actionsTaken, asks, channelFor, deadlinesOf, dueIn, latestEta, oneLine, openTasks, type BriefPlan } from './briefFacts';
import { formatDuration } from '../clocks/durations';
import { isActive, stageOf } from '../lifecycle/lifecycle';
import { boldIn, headline, latestUpdate, userTextIn, type MessageFormat } from './messages';
import type { Incident } from '../record/schema';
import { shortUtc } from '../text/time';

export const BRIEF_AUDIENCES = ['executive', 'technical'] as const;
export type BriefAudience = (typeof BRIEF_AUDIENCES)[number];

/** The plan's channel names each brief looks for, in order of preference. */
const CHANNEL_AUDIENCES: Record<BriefAudience, readonly string[]> = {
  executive: ['executives', 'executive', 'leadership', 'stakeholders'],
  technical: ['responders', 'engineering', 'technical'],
};

const utc = (date: Date | string) => `${shortUtc(typeof date === 'string' ? date : date.toISOString())} UTC`;
const bullet = (format: MessageFormat) => (format === 'slack' ? '• ' : '- ');

/** The first lines of both briefs: the headline, then the status and how long it has been open. */
function opening(incident: Incident, format: MessageFormat, audience: BriefAudience, now: Date): string[] {
  const text = userTextIn(incident, format, 'internal');
  const prefix = audience === 'executive' ? 'Executive brief: ' : 'Technical brief: ';
  const open = isActive(incident)
    ? `open for ${formatDuration(now.getTime() - Date.parse(incident.declaredAt))}`
    : `${incident.status} ${utc(incident.resolvedAt ?? incident.updatedAt)}`;
  return [
    headline(incident, format, text, prefix),
    `Status: ${incident.status} (stage ${stageOf(incident.status)}) · ${open} · Commander: ${text(incident.roles.commander ?? 'not yet assigned')}`,
  ];
}

/** When the next update goes out, and where, per the plan. */
function nextUpdateLine(incident: Incident, plan: BriefPlan, audience: BriefAudience, format: MessageFormat, now: Date): string {
  const text = userTextIn(incident, format, 'internal');
  const { channel, every } = channelFor(plan, incident, CHANNEL_AUDIENCES[audience]);
  const due = deadlinesOf(incident, plan, now).nextUpdate;
  const where = channel ? ` in ${text(channel.name)} (${text(channel.reach)})` : '';
  const cadence = every ? `, then every ${every}` : '';
  const when = due ? `${utc(due)} (${dueIn(due.getTime() - now.getTime())})${where}${cadence}` : `none due: the incident is ${incident.status}`;
  return `${boldIn(format)('Next update')}: ${when}`;
}

/**
 * The ETA in words: resolved or restored (by the status, as a reopened
 * incident keeps the time it was first mitigated), else the latest "ETA:"
 * note, else that there is none, with the resolution target.
 */
function etaText(incident: Incident, plan: BriefPlan, now: Date, text: (value: string) => string): string {
  if (!isActive(incident)) return `resolved ${utc(incident.resolvedAt ?? incident.updatedAt)}`;
  if (incident.status === 'mitigated' && incident.mitigatedAt) return `service restored ${utc(incident.mitigatedAt)}; the underlying cause is being fixed`;
  const eta = latestEta(incident);
  if (eta) return `${text(oneLine(eta.text))} (as of ${utc(eta.event.at)})`;
  const resolution = deadlinesOf(incident, plan, now).sla.find((clock) => clock.name === 'resolution');
  return `not known yet${resolution ? `; the resolution target is ${utc(resolution.deadline)} (${dueIn(resolution.remainingMs)})` : ''}`;
}

export function executiveBrief(incident: Incident, plan: BriefPlan, format: MessageFormat, now: Date): string {
  const bold = boldIn(format);
  const text = userTextIn(incident, format, 'internal');
  const customers = latestUpdate(incident, 'external');
  const forCustomers = userTextIn(incident, format, 'external');
  return [
    ...opening(incident, format, 'executive', now),
    '',
    `${bold('Impact')}: ${incident.impact ? text(oneLine(incident.impact)) : 'not assessed yet'}`,
    `${bold('Customer effect')}: ${customers ? `${forCustomers(oneLine(customers.text))} (told to ${text(customers.audience)} ${utc(customers.at)})` : 'nothing told to customers yet'}`,
    `${bold('ETA')}: ${etaText(incident, plan, now, text)}`,
    nextUpdateLine(incident, plan, 'executive', format, now),
  ].join('\n');
}

export function technicalBrief(incident: Incident, plan: BriefPlan, format: MessageFormat, now: Date): string {
  const bold = boldIn(format);
  const text = userTextIn(incident, format, 'internal');
  const item = bullet(format);
  const deadlines = deadlinesOf(incident, plan, now);
  const ticked = Object.entries(incident.checklist)
    .filter(([, tick]) => tick?.checked)
    .map(([id]) => id);
  const conditions = [
    `Severity ${incident.severity} · Category ${incident.category}${ticked.length ? ` · Checklist: ${ticked.join(', ')}` : ''}`,
    ...deadlines.sla.map((clock) => `SLA ${clock.name} due ${utc(clock.deadline)} (${dueIn(clock.remainingMs)})`),
    ...deadlines.regulatory.map((clock) => `Regulatory: ${text(oneLine(clock.title))} due ${utc(clock.deadline)} (${dueIn(clock.remainingMs)})`),
    ...incident.timeline.filter((event) => event.kind === 'evidence').map((event) => `Evidence: ${text(oneLine(event.text.split('\n')[0]))}`),
    ...incident.commits.filter((commit) => commit.relation === 'cause').map((commit) => `Suspected cause: ${commit.sha.slice(0, 8)} ${text(oneLine(commit.subject))}`),
  ];
  const actions = actionsTaken(incident).map((event) => `${shortUtc(event.at)} ${event.kind}: ${text(oneLine(event.text))}`);
  const needs = asks(incident).map((ask) => text(oneLine(ask.text)));
  const tasks = openTasks(incident).map((task) => `${text(oneLine(task.text))}${task.assignee ? ` (${text(task.assignee)})` : ''}`);
  /** A titled list, "none" when empty, and a blank line after it. */
  const section = (title: string, lines: string[], none: string) => [bold(title), ...(lines.length ? lines : [none]).map((line) => `${item}${line}`), ''];
  return [
    ...opening(incident, format, 'technical', now),
    '',
    ...section('Conditions', conditions, ''),
    ...section('Actions taken', actions, 'none recorded yet'),
    ...section('Needs and asks', needs, 'none (write a note starting "Need:" or "Ask:")'),
    ...section('Open tasks', tasks, 'none'),
    nextUpdateLine(incident, plan, 'technical', format, now),
  ].join('\n');
}

/** The brief for `audience` in `format`. */
export function audienceBrief(incident: Incident, plan: BriefPlan, audience: BriefAudience, format: MessageFormat, now: Date): string {
  return (audience === 'executive' ? executiveBrief : technicalBrief)(incident, plan, format, now);
}
