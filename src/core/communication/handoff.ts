/**
 * Handing command over when a shift ends: a brief for the next commander
 * (state and clocks, what was tried, open hypotheses and tasks, deadlines,
 * who holds which role) and the hand-over itself, recorded on the timeline
 * with that brief.
 *
 * The hand-over is a "role" event, like every commander change: a new event
 * kind would make the record unreadable to older builds on the team, and the
 * role event is what field stamps already read to order commander changes
 * (fieldStamps.ts), so a merge keeps the newer commander with no new rule.
 */
import { requiredFieldsEmpty } from '../plan/incidentTypes';
import { typeQuestions } from '../lifecycle/typeFields';
import { PERSON_MAX } from '../text/clip';
import { stamp, type ChangeContext } from '../record/context';
import { actionsTaken, asks, deadlinesOf, dueIn, latestEta, oneLine, openHypotheses, openTasks, type BriefPlan, type Deadlines } from './briefFacts';
import { drillMarked } from '../lifecycle/drills';
import { formatDuration } from '../clocks/durations';
import { DomainError } from '../record/errors';
import { isActive, stageOf } from '../lifecycle/lifecycle';
import type { Incident, TimelineEvent } from '../record/schema';
import { shortUtc } from '../text/time';
import { addTimelineEvent } from '../lifecycle/timeline';

const utc = (iso: string) => `${shortUtc(iso)} UTC`;
const nameOf = (who: string) => who.replace(/\s*<[^>]*>$/, '') || who;

/** A person for a role, as git knows them: one line, not empty, within what the record stores; the reason it is not, or undefined. */
export function personProblem(person: string): string | undefined {
  const trimmed = person.trim();
  if (!trimmed) return 'name the person ("Name <email>" or a handle)';
  if (trimmed.length > PERSON_MAX) return `a person is at most ${PERSON_MAX} characters ("Name <email>" or a handle)`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) return 'a person is one line of text, without control characters';
  return undefined;
}

function stateLines(incident: Incident, now: Date): string[] {
  const openFor = formatDuration(now.getTime() - Date.parse(incident.declaredAt));
  const lines = [
    `- Status: ${incident.status} (stage ${stageOf(incident.status)}) · Severity: ${incident.severity} · Category: ${incident.category}`,
    `- ${isActive(incident) ? `Open for ${openFor}` : `Declared ${openFor} ago`}: declared ${utc(incident.declaredAt)} by ${incident.declaredBy}${incident.startedAt ? `; impact began ${utc(incident.startedAt)}` : ''}`,
  ];
  for (const [what, at] of [
    ['Acknowledged', incident.acknowledgedAt],
    ['Mitigated', incident.mitigatedAt],
    ['Resolved', incident.resolvedAt],
  ] as const)
    if (at) lines.push(`- ${what} ${utc(at)}`);
  if (incident.impact) lines.push(`- Impact: ${oneLine(incident.impact)}`);
  const eta = latestEta(incident);
  if (eta) lines.push(`- ETA: ${oneLine(eta.text)} (as of ${utc(eta.event.at)})`);
  return lines;
}

function deadlineLines({ sla, regulatory, nextUpdate }: Deadlines, now: Date): string[] {
  const lines = [
    ...(nextUpdate ? [`- Next status update due ${utc(nextUpdate.toISOString())} (${dueIn(nextUpdate.getTime() - now.getTime())})`] : []),
    ...sla.map((clock) => `- SLA ${clock.name}: due ${utc(clock.deadline.toISOString())} (${dueIn(clock.remainingMs)})`),
    ...regulatory.map(
      (clock) => `- Regulatory: ${oneLine(clock.title)}${clock.to ? ` to ${oneLine(clock.to)}` : ''}: due ${utc(clock.deadline.toISOString())} (${dueIn(clock.remainingMs)})`,
    ),
  ];
  return lines.length ? lines : ['- None running.'];
}

function roleLines(incident: Incident): string[] {
  const { responders, ...named } = incident.roles;
  const lines = (['commander', 'communicator', 'scribe', 'patcher', 'admin'] as const).flatMap((role) => {
    const holder = named[role];
    return typeof holder === 'string' ? [`- ${role[0].toUpperCase()}${role.slice(1)}: ${holder}`] : [];
  });
  if (responders.length) lines.push(`- Responders: ${responders.join(', ')}`);
  return lines.length ? lines : ['- Nobody holds a role yet.'];
}

const eventLine = (event: TimelineEvent) => `- ${shortUtc(event.at)} ${event.kind} (${nameOf(event.author)}): ${oneLine(event.text)}`;

/**
 * The brief for the next commander, in Markdown: meant to be read and edited
 * before it is recorded. `now` fixes the clocks and the "open for" time.
 */
export function handoffBrief(incident: Incident, plan: BriefPlan, options: { now: Date; from?: string; to?: string }): string {
  const { now } = options;
  const tried = actionsTaken(incident);
  const hypotheses = openHypotheses(incident);
  const tasks = openTasks(incident);
  const emptyFields = requiredFieldsEmpty({ types: plan.types }, incident);
  const openQuestions = typeQuestions({ types: plan.types }, incident).filter((question) => !question.answered);
  const needs = asks(incident);
  const from = options.from ?? incident.roles.commander;
  const handing = [from ? `from ${from}` : undefined, options.to ? `to ${options.to}` : undefined].filter(Boolean).join(' ');
  return [
    drillMarked(incident, `# Handoff: [${incident.severity}] ${oneLine(incident.title)} (${incident.id})`),
    '',
    `Command handed over${handing ? ` ${handing}` : ''} at ${utc(now.toISOString())}.`,
    '',
    '## State',
    ...stateLines(incident, now),
    '',
    '## Deadlines and clocks',
    ...deadlineLines(deadlinesOf(incident, plan, now), now),
    '',
    '## Who holds which role',
    ...roleLines(incident),
    '',
    '## What was tried, and with what effect',
    ...(tried.length ? tried.map(eventLine) : ['- Nothing recorded yet.']),
    '',
    '## Open hypotheses',
    ...(hypotheses.length
      ? hypotheses.map(({ event, text }) => `- ${oneLine(text)} (${nameOf(event.author)}, ${utc(event.at)})`)
      : ['- None recorded (write a note starting "Hypothesis:").']),
    '',
    '## Needs and asks',
    ...(needs.length
      ? needs.map(({ event, text }) => `- ${oneLine(text)} (${nameOf(event.author)}, ${utc(event.at)})`)
      : ['- None recorded (write a note starting "Need:" or "Ask:").']),
    '',
    '## Open tasks',
    ...(tasks.length ? tasks.map((task) => `- [ ] ${oneLine(task.text)}${task.assignee ? ` (${task.assignee})` : ''}`) : ['- None.']),
    '',
    // Only for an incident of a plan type with questions unanswered or required fields left empty, so other briefs read as before.
    ...(openQuestions.length
      ? ['## Questions of its type still open', ...openQuestions.map((question) => `- [ ] ${oneLine(question.text)} (incident answer ${incident.id} ${question.id})`), '']
      : []),
    ...(emptyFields.length
      ? ['## Required fields still empty', ...emptyFields.map((field) => `- [ ] ${oneLine(field.title)} (incident field ${incident.id} ${field.id} VALUE)`), '']
      : []),
  ].join('\n');
}

/** What a hand-over needs: the new commander and the brief as it will be recorded. */
export interface HandOver {
  to: string;
  brief: string;
}

/**
 * Makes `to` the commander and records the hand-over with its brief as one
 * role event, the way assignRole records a commander change (the same data,
 * plus `handoff: true` and the brief), so a merge orders it like any other.
 */
export function handOverCommand(incident: Incident, { to, brief, ...ctx }: HandOver & ChangeContext): Incident {
  const problem = personProblem(to);
  if (problem) throw new DomainError(problem, 'bad-person');
  const person = to.trim();
  const previous = incident.roles.commander;
  if (previous === person) throw new DomainError(`${person} is already the commander of ${incident.id}`, 'same-commander');
  const headline = previous ? `Command handed over from ${previous} to ${person}` : `Command handed over to ${person}`;
  const text = brief.trim() ? `${headline}\n\n${brief.trim()}` : headline;
  const event = { kind: 'role' as const, text, data: { role: 'commander', person, ...(previous ? { previous } : {}), handoff: true } };
  return addTimelineEvent({ ...incident, roles: { ...incident.roles, commander: person }, updatedAt: stamp(ctx) }, event, ctx);
}

/** Whether a timeline event is a recorded hand-over of command. */
export const isHandOver = (event: TimelineEvent): boolean => event.kind === 'role' && event.data?.handoff === true;
