/**
 * Which channels a message goes to, as delivery records to write with it: the
 * declaration to the channels the plan's severity says to notify, a status
 * update to the channels of its audience, the resolution and the closure to
 * every delivered channel. Only channels with a `delivery` block count, and
 * never a message deliveryRefusal refuses (a drill to outside readers, an
 * update not written for them). Pure: the caller writes what this returns in
 * the same store write as the message itself.
 */
import { deliveryRefusal, type IncidentEvent } from '../../core/delivery/deliveryMessage';
import { newDelivery } from '../../core/delivery/deliveryRecords';
import type { Channel, ResponsePlan } from '../../core/plan/plan';
import type { DeliveryRecord, Incident } from '../../core/record/schema';

export type TargetPlan = Pick<ResponsePlan, 'channels' | 'severities'>;

const same = (a: string, b: string) => a.trim().replace(/\s+/g, ' ').toLowerCase() === b.trim().replace(/\s+/g, ' ').toLowerCase();
const named = (channel: Channel, who: string) => same(channel.name, who) || same(channel.audience, who) || same(channel.reach, who);

/** The plan's channels that receive this event of the incident. */
export function channelsFor(incident: Incident, event: IncidentEvent, messageId: string, plan: TargetPlan): Channel[] {
  const delivered = plan.channels.filter((channel) => channel.delivery);
  const chosen =
    event === 'declared'
      ? delivered.filter((channel) => (plan.severities[incident.severity].notify ?? []).some((who) => named(channel, who)))
      : event === 'update'
        ? delivered.filter((channel) => {
            const update = incident.updates.find((candidate) => candidate.id === messageId);
            return update !== undefined && named(channel, update.audience);
          })
        : event === 'overdue'
          ? delivered.filter((channel) => channel.delivery?.remindOverdue)
          : delivered;
  return chosen.filter((channel) => !deliveryRefusal({ incident, event, channel, ...(event === 'update' ? { updateId: messageId } : {}) }));
}

/** New pending deliveries of this message, on this machine's claim; none for a channel that already has this message's delivery. */
export function deliveriesFor(incident: Incident, event: IncidentEvent, messageId: string, plan: TargetPlan, machine: string, person: string, now: Date): DeliveryRecord[] {
  const known = new Set((incident.deliveries ?? []).map((record) => record.id));
  return channelsFor(incident, event, messageId, plan)
    .map((channel) => newDelivery({ message: messageId, event, channel: channel.name, createdBy: person, origin: machine }, now))
    .filter((record) => !known.has(record.id));
}

/** The incident with these deliveries added (unchanged, same object, when there are none). */
export const withDeliveries = (incident: Incident, records: readonly DeliveryRecord[]): Incident =>
  records.length ? { ...incident, deliveries: [...(incident.deliveries ?? []), ...records] } : incident;

/** The message a status change delivers, when it is one: resolved and closed. */
export const statusEvent = (status: string): IncidentEvent | undefined => (status === 'resolved' || status === 'closed' ? status : undefined);

/** The id a declaration, resolution or closure is delivered under: the timeline event it wrote (the last one), else the event and time. */
export const eventMessageId = (incident: Incident, event: IncidentEvent, at: Date): string => incident.timeline.at(-1)?.id ?? `${event}-${at.getTime()}`;

/**
 * A change that adds the deliveries of the message the change before it
 * wrote (`event`; for an update, the update just appended), for the callers
 * that write a message: composed into the same store write. The plan is read
 * inside the write (a store that cannot be written says only that), and
 * `machine` asked only when some channel gets the message.
 */
export function addDeliveries(event: IncidentEvent, planNow: () => TargetPlan, machine: () => string) {
  return (incident: Incident, ctx: { at: Date; author: string }): Incident => {
    const plan = planNow();
    const messageId = event === 'update' ? incident.updates.at(-1)?.id : eventMessageId(incident, event, ctx.at);
    if (!messageId || !channelsFor(incident, event, messageId, plan).length) return incident;
    return withDeliveries(incident, deliveriesFor(incident, event, messageId, plan, machine(), ctx.author, ctx.at));
  };
}
