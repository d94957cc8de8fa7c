/**
 * What a delivered message says, before any format: one per incident event
 * and channel, as plain text (each body builder escapes it for its format).
 * Every message carries the incident's id, severity and status, the
 * next-update time when there is one, and a link back when the plan has a
 * template for the audience (src/core/plan/deliveryPlan.ts, `links`).
 *
 * A channel read outside the team (customers, the public: isOutsideChannel)
 * gets what the status page would show and no more: the incident titled by
 * the first update written for such readers (the record's title is the
 * team's words), updates written for them with the names and emails of the
 * people the record knows removed, and nothing of notes, evidence, roles,
 * commits, root cause or category. A drill never reaches such a channel.
 */
import type { Incident, StatusUpdate } from '../record/schema';
import { audienceKind, messagePlan, userTextIn, type MessageAudience } from '../communication/messages';
import { isDrill, drillMarked } from '../lifecycle/drills';
import type { Channel } from '../plan/plan';
import type { PlanLinks } from '../plan/deliveryPlan';
import { fillLink, isOutsideChannel } from './deliveryKinds';
import { PUBLIC_STATUS } from '../statusPage/model';
import { STATUS_WORD } from '../statusPage/words';
import { publicTitle } from '../statusPage/publicTitle';
import { publishable } from '../statusPage/publicText';
import { shortUtc } from '../text/time';
import { internalParagraphs, outsideParagraphs } from './messageParagraphs';

export const DELIVERY_EVENTS = ['declared', 'update', 'resolved', 'closed', 'overdue', 'escalation', 'test'] as const;
export type DeliveryEvent = (typeof DELIVERY_EVENTS)[number];
export type IncidentEvent = Exclude<DeliveryEvent, 'test'>;

export interface MessageFact {
  label: string;
  value: string;
}

/** The incident as the message shows it: for outside readers, the public title and status word. */
export interface MessageIncident {
  id: string;
  title: string;
  severity: string;
  /** The record's status (detected … closed), whoever reads. */
  status: string;
  /** The status in the words the reader gets ("Investigating" for outside readers). */
  statusText: string;
  nextUpdateBy?: string;
  url?: string;
}

export interface DeliveryMessage {
  event: DeliveryEvent;
  audience: MessageAudience;
  /** The plan channel's name. */
  channel: string;
  drill: boolean;
  /** Absent only for a test message. */
  incident?: MessageIncident;
  /** One line of plain text: what happened, to what. */
  headline: string;
  /** Label and value, plain text. */
  facts: MessageFact[];
  /** Plain text, people's words among them: every format escapes them. */
  paragraphs: string[];
  link?: { url: string; label: string };
  /** When it happened (ISO 8601). */
  at: string;
}

/** Whom an escalation pages: the person, their rotation and layer, and when the first response target passed. */
export interface EscalationFact {
  person: string;
  rotation: string;
  layer: string;
  responseDue: string;
}

export interface MessageInput {
  incident: Incident;
  event: IncidentEvent;
  channel: Pick<Channel, 'name' | 'audience' | 'public'>;
  /** For "update": the id of the update delivered. */
  updateId?: string;
  /** For "overdue": the due time (ISO 8601) the reminder is about (reminderDue), else the latest update's promise. */
  dueBy?: string;
  /** For "escalation": whom it pages. */
  escalation?: EscalationFact;
  plan: { severities: Record<string, { notify?: readonly string[] }>; channels: readonly { audience: string; reach: string }[]; links?: PlanLinks };
  now: Date;
}

const normalised = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();

/** Whether readers of `channel` may see `update`: the team sees every update; outside readers those written for outside readers or for this channel. */
export function updateVisibleTo(update: Pick<StatusUpdate, 'audience'>, channel: Pick<Channel, 'name' | 'audience' | 'public'>): boolean {
  if (!isOutsideChannel(channel)) return true;
  const to = normalised(update.audience);
  return audienceKind(update.audience) === 'external' || to === normalised(channel.name) || to === normalised(channel.audience);
}

/** Why this message must not be delivered at all, or undefined: a drill to outside readers, an update not written for them. */
export function deliveryRefusal(input: Pick<MessageInput, 'incident' | 'event' | 'channel' | 'updateId'>): string | undefined {
  const outside = isOutsideChannel(input.channel);
  if (outside && isDrill(input.incident)) return 'a drill is never delivered to readers outside the team';
  if (outside && input.event === 'overdue') return 'a reminder that an update is overdue is for the team, not for readers outside it';
  if (outside && input.event === 'escalation') return 'a page is for the team, not for readers outside it';
  if (input.event !== 'update') return undefined;
  const update = input.incident.updates.find((candidate) => candidate.id === input.updateId);
  if (!update) return `the incident has no update "${input.updateId ?? ''}"`;
  return updateVisibleTo(update, input.channel) ? undefined : `the update is written for "${update.audience}", not for this channel's readers`;
}

const byTime = (a: StatusUpdate, b: StatusUpdate) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1);

/** The message for one event of an incident and one channel; throws when deliveryRefusal refuses it. */
export function composeMessage(input: MessageInput): DeliveryMessage {
  const refusal = deliveryRefusal(input);
  if (refusal) throw new Error(`This message cannot be delivered: ${refusal}.`);
  const { incident, event, channel, now } = input;
  const outside = isOutsideChannel(channel);
  const audience: MessageAudience = outside ? 'external' : 'internal';
  const text = (value: string) => publishable(userTextIn(incident, 'markdown', audience)(value));
  const visible = incident.updates.filter((update) => updateVisibleTo(update, channel)).sort(byTime);
  const update = event === 'update' ? incident.updates.find((candidate) => candidate.id === input.updateId) : undefined;
  const latest = update ?? visible.at(-1);
  const ended = event === 'resolved' || event === 'closed' || ['resolved', 'postmortem', 'closed'].includes(incident.status);
  const nextUpdateBy = ended ? undefined : event === 'overdue' ? (input.dueBy ?? latest?.nextUpdateBy) : latest?.nextUpdateBy;
  const title = outside ? (visible.length ? publicTitle(text(visible[0].text)) : 'Service incident') : text(incident.title).replace(/\s*\n\s*/g, ' ');
  const statusText = outside ? STATUS_WORD[PUBLIC_STATUS[incident.status]] : incident.status;
  const url = fillLink(outside ? input.plan.links?.publicUrl : input.plan.links?.incidentUrl, incident.id);
  const facts: MessageFact[] = [
    { label: 'Incident', value: incident.id },
    { label: 'Severity', value: incident.severity },
    { label: 'Status', value: statusText },
    ...(nextUpdateBy ? [{ label: event === 'overdue' ? 'Update was due by' : 'Next update by', value: `${shortUtc(nextUpdateBy)} UTC` }] : []),
    ...(outside ? [] : [{ label: 'Commander', value: text(incident.roles.commander ?? 'not yet assigned') }]),
  ];
  const parts = {
    incident,
    event,
    update,
    latest,
    due: nextUpdateBy,
    ...(input.escalation && { escalation: input.escalation }),
    text,
    now,
    plan: messagePlan(input.plan, incident),
  };
  const at =
    event === 'update' && update ? update.at : event === 'declared' ? incident.declaredAt : event === 'resolved' ? (incident.resolvedAt ?? now.toISOString()) : now.toISOString();
  return {
    event,
    audience,
    channel: channel.name,
    drill: isDrill(incident),
    incident: { id: incident.id, title, severity: incident.severity, status: incident.status, statusText, ...(nextUpdateBy ? { nextUpdateBy } : {}), ...(url ? { url } : {}) },
    headline: drillMarked(incident, `${HEADLINE_PREFIX[event]}[${incident.severity}] ${title} (${incident.id})`),
    facts,
    paragraphs: outside ? outsideParagraphs(parts) : internalParagraphs(parts),
    ...(url ? { link: { url, label: outside ? 'Status page' : 'Open the incident record' } } : {}),
    at,
  };
}

const HEADLINE_PREFIX: Record<IncidentEvent, string> = {
  declared: 'Incident declared: ',
  update: 'Update: ',
  resolved: 'Resolved: ',
  closed: 'Closed: ',
  overdue: 'Update overdue: ',
  escalation: 'Not acknowledged, paging: ',
};

/** The clearly marked message `incident deliver --test CHANNEL` sends, so a team can check a channel's set-up. */
export function composeTestMessage(channel: Pick<Channel, 'name' | 'audience' | 'public'>, now: Date): DeliveryMessage {
  return {
    event: 'test',
    audience: isOutsideChannel(channel) ? 'external' : 'internal',
    channel: channel.name,
    drill: false,
    headline: `Test message from Incident Responder for "${publishable(channel.name)}"`,
    facts: [{ label: 'Sent', value: `${shortUtc(now.toISOString())} UTC` }],
    paragraphs: ['This is a test of the delivery to this channel: nothing has happened. Incident declarations and updates will appear here.'],
    at: now.toISOString(),
  };
}
