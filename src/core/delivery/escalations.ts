/**
 * Escalation: an incident nobody has acknowledged by its response target
 * pages the next person on call. The plan routes the incident to a rotation
 * (the intake rule's that opened it, else its severity's `rotation`,
 * src/core/oncall/routing.ts); the rotation's
 * `page` channels carry the page (a `pagerduty` or `webhook` channel hands
 * it to a paging service; a chat channel names the person). Step 1, at the
 * response deadline, tells the second in the rotation's escalation chain
 * (the first, the primary, was proposed or made commander when the incident
 * opened); each further step, one response target later, tells the next.
 *
 * Like the overdue reminders, every machine that runs the delivery notices
 * the same step, so the message id comes from the step and its time alone
 * (`escalate:1:2026-12-07T09:15:00.000Z`) and the record is written
 * unclaimed: team sync joins two machines' records into one, and the claims
 * decide which machine sends it. An acknowledgement before it is sent makes
 * it obsolete; an incident that ended, or a drill, is never escalated.
 */
import { resolvePolicy, slaClocks } from '../clocks/sla';
import { isDrill } from '../lifecycle/drills';
import { isActive } from '../lifecycle/lifecycle';
import { escalationChain, type EscalationStep } from '../oncall/onCall';
import { routedRotation, routeOf, type RoutingPlan } from '../oncall/routing';
import type { Channel } from '../plan/plan';
import type { DeliveryRecord, Incident, SlaPolicy } from '../record/schema';
import { shortUtc } from '../text/time';
import { newUnclaimedDelivery, withObsolete } from './deliveryRecords';
import { deliveryRefusal } from './deliveryMessage';
import type { ReminderWriter } from './overdueReminders';

const PREFIX = 'escalate:';

/** What escalation reads of the plan: routing and rotations (with each rotation's `page` channels), the channels, the SLA. */
export interface EscalationPlan extends RoutingPlan {
  channels: readonly Channel[];
  sla: SlaPolicy;
}

/** The escalation plan within a delivery run's plan (the SLA defaults when it names none). */
export const escalationPlan = (plan: Omit<EscalationPlan, 'sla'> & { sla?: SlaPolicy }): EscalationPlan => ({ ...plan, sla: plan.sla ?? resolvePolicy(undefined) });

/** One step of an incident's escalation: when it is due, and whom it tells. */
export interface DueEscalation {
  step: number;
  due: Date;
  target: EscalationStep;
  /** The rotation's channels that carry the page. */
  channels: Channel[];
}

export const escalationMessageId = (step: number, due: Date): string => `${PREFIX}${step}:${due.toISOString()}`;

/** The step and due time an escalation's message id names, or undefined. */
export function escalationOf(messageId: string): { step: number; due: Date } | undefined {
  const match = /^escalate:(\d{1,3}):(.+)$/.exec(messageId);
  const due = match ? new Date(match[2]) : undefined;
  return match && due && !Number.isNaN(due.getTime()) ? { step: Number(match[1]), due } : undefined;
}

/**
 * The steps of the incident's escalation due by `now`, in order, while it
 * is active, not a drill and not acknowledged; none when the plan routes it
 * to no rotation, or the rotation names no page channel.
 */
export function dueEscalations(incident: Incident, plan: EscalationPlan, now: Date): DueEscalation[] {
  if (!isActive(incident) || isDrill(incident) || incident.acknowledgedAt) return [];
  const routed = routedRotation(plan, routeOf(incident));
  const rotation = routed && plan.oncall?.rotations.find((candidate) => candidate.name === routed.rotation);
  const channels = (rotation?.page ?? [])
    .map((name) => plan.channels.find((channel) => channel.name === name))
    .filter((channel): channel is Channel => channel?.delivery !== undefined && !deliveryRefusal({ incident, event: 'escalation', channel }));
  const response = slaClocks(incident, plan.sla, now).find((clock) => clock.name === 'response');
  if (!routed || !channels.length || !response) return [];
  const declared = Date.parse(incident.declaredAt);
  const interval = Math.max(60_000, response.deadline.getTime() - declared);
  const chain = escalationChain(plan, routed.rotation, new Date(declared), { nextInLine: 1 });
  const due: DueEscalation[] = [];
  for (let step = 1; step < chain.length && step <= 20; step++) {
    const at = new Date(response.deadline.getTime() + (step - 1) * interval);
    if (at.getTime() > now.getTime()) break;
    due.push({ step, due: at, target: chain[step], channels });
  }
  return due;
}

/** The escalation step a record stands for, recomputed from the plan (who, where); undefined when the plan no longer gives it. */
export function escalationFor(incident: Incident, record: Pick<DeliveryRecord, 'message'>, plan: EscalationPlan): DueEscalation | undefined {
  const named = escalationOf(record.message);
  if (!named) return undefined;
  const steps = dueEscalations({ ...incident, acknowledgedAt: undefined }, plan, new Date(named.due.getTime()));
  return steps.find((candidate) => candidate.step === named.step && candidate.due.getTime() === named.due.getTime());
}

/** The escalations to add now: one per page channel and step due, none already on the incident. */
export function newEscalations(incident: Incident, plan: EscalationPlan, writer: ReminderWriter, now: Date): DeliveryRecord[] {
  const known = new Set((incident.deliveries ?? []).map((record) => record.id));
  return dueEscalations(incident, plan, now)
    .flatMap(({ step, due, channels }) =>
      channels.map((channel) =>
        newUnclaimedDelivery({ message: escalationMessageId(step, due), event: 'escalation', channel: channel.name, createdBy: writer.person, origin: writer.machine }, now),
      ),
    )
    .filter((record) => !known.has(record.id));
}

/** Why an escalation is no longer to be sent (one line), or undefined while it still stands. */
export function escalationObsolete(incident: Incident): string | undefined {
  if (incident.acknowledgedAt) return `the incident was acknowledged at ${shortUtc(incident.acknowledgedAt)} UTC`;
  if (!isActive(incident)) return `the incident is ${incident.status}`;
  return undefined;
}

/** The timeline's words for a page that went out: who was told, as what, through which channel. */
export const escalationText = (target: EscalationStep, channel: string): string =>
  `Escalated to ${target.person} (${target.rotation} ${target.layer === 'next' ? 'next in line' : target.layer}) through ${channel}: not acknowledged by the response target`;

/** The incident with waiting escalations no longer wanted marked obsolete and the escalations due now added; the same object when nothing changes. */
export function withEscalations(incident: Incident, plan: EscalationPlan, writer: ReminderWriter, now: Date): Incident {
  const why = escalationObsolete(incident);
  let changed = false;
  const deliveries = (incident.deliveries ?? []).map((record) => {
    if (!why || record.event !== 'escalation' || (record.state !== 'pending' && record.state !== 'failed')) return record;
    changed = true;
    return withObsolete(record, why);
  });
  const cleaned = changed ? { ...incident, deliveries } : incident;
  const added = newEscalations(cleaned, plan, writer, now);
  return added.length ? { ...cleaned, deliveries: [...(cleaned.deliveries ?? []), ...added] } : cleaned;
}
