/**
 * Which channels a message goes to, as delivery records to write with it: the
 * declaration to the channels the plan's severity says to notify, a status
 * update to the channels of its audience, the resolution and the closure to
 * every delivered channel. Only channels with a `delivery` block count, and
 * never a message deliveryRefusal refuses (a drill to outside readers, an
 * update not written for them). An incident of one of the plan's types also
 * tells the channels its type's `tell` names. Pure: the caller writes what this returns in
 * the same store write as the message itself.
 */
import { deliveryRefusal, type IncidentEvent } from '../../core/delivery/deliveryMessage';
import { newDelivery } from '../../core/delivery/deliveryRecords';
import { messagesWritten } from '../../core/delivery/messagesWritten';
import type { Channel, ResponsePlan } from '../../core/plan/plan';
import type { DeliveryRecord, Incident } from '../../core/record/schema';

export type TargetPlan = Pick<ResponsePlan, 'channels' | 'severities'> & Partial<Pick<ResponsePlan, 'types'>>;

const same = (a: string, b: string) => a.trim().replace(/\s+/g, ' ').toLowerCase() === b.trim().replace(/\s+/g, ' ').toLowerCase();
const named = (channel: Channel, who: string) => same(channel.name, who) || same(channel.audience, who) || same(channel.reach, who);

/** The plan's channels that receive this event of the incident. */
export function channelsFor(incident: Incident, event: IncidentEvent, messageId: string, plan: TargetPlan): Channel[] {
  const delivered = plan.channels.filter((channel) => channel.delivery);
  const chosen =
    event === 'declared'
      ? delivered.filter((channel) =>
          [...(plan.severities[incident.severity].notify ?? []), ...(plan.types?.find((type) => type.id === incident.type)?.tell ?? [])].some((who) => named(channel, who)),
        )
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

/** How a writer delivers: the plan's channels as they are at the write, and this machine's id (asked only when some channel gets a message). */
export interface DeliverySetup {
  plan(): TargetPlan;
  machine(): string;
}

/**
 * The incident after a write with the deliveries of the messages the write
 * made (messagesWritten: the declaration, new updates, a move to resolved or
 * closed), composed into the same store write; the same object when there
 * are none. `before` is undefined for a declaration.
 */
export function withMessageDeliveries(before: Incident | undefined, after: Incident, setup: DeliverySetup, ctx: { at: Date; author: string }): Incident {
  const messages = messagesWritten(before, after);
  if (!messages.length) return after;
  const plan = setup.plan();
  let machine: string | undefined;
  let incident = after;
  for (const { event, messageId } of messages) {
    if (!channelsFor(incident, event, messageId, plan).length) continue;
    incident = withDeliveries(incident, deliveriesFor(incident, event, messageId, plan, (machine ??= setup.machine()), ctx.author, ctx.at));
  }
  return incident;
}

/** The deliveries a write added (none: the write made no message any channel gets). */
export function deliveriesAdded(before: Incident | undefined, after: Incident): DeliveryRecord[] {
  const known = new Set((before?.deliveries ?? []).map((record) => record.id));
  return (after.deliveries ?? []).filter((record) => !known.has(record.id));
}
