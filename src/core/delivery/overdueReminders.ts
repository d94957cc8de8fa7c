/**
 * Reminders that an update is overdue, delivered to the plan's team channels
 * that ask for them (`delivery.remindOverdue`): one per channel and due time,
 * once the time has passed on an active incident that is not a drill. The
 * due time is the one the editor's clocks show (nextUpdateDue: the latest
 * update's promise, else the severity's cadence).
 *
 * Every machine that runs the delivery notices the same overdue update, so
 * the reminder's message id comes from the due time alone
 * (`overdue:2026-12-07T10:30:00.000Z`): two machines write the same record
 * id, team sync joins the two, and since the record is written without a
 * claim (newUnclaimedDelivery) the claims decide which one sends.
 *
 * A reminder not sent by the time the update comes (or the due time moves,
 * or the incident is resolved) is no longer wanted: it is marked obsolete,
 * with why, rather than failed (nothing for a person to retry).
 */
import { isActive } from '../lifecycle/lifecycle';
import { isDrill } from '../lifecycle/drills';
import { nextUpdateDue } from '../clocks/sla';
import type { Channel } from '../plan/plan';
import type { DeliveryRecord, Incident, SlaPolicy } from '../record/schema';
import { shortUtc } from '../text/time';
import { deliveryRefusal } from './deliveryMessage';
import { newUnclaimedDelivery, withObsolete } from './deliveryRecords';

const PREFIX = 'overdue:';

/** The message id of the reminder for this due time. */
export const reminderMessageId = (due: Date): string => `${PREFIX}${due.toISOString()}`;

/** The due time (ISO 8601) a reminder's message id names, or undefined when it names none. */
export function reminderDue(messageId: string): string | undefined {
  if (!messageId.startsWith(PREFIX)) return undefined;
  const due = new Date(messageId.slice(PREFIX.length));
  return Number.isNaN(due.getTime()) ? undefined : due.toISOString();
}

export interface ReminderPlan {
  channels: readonly Channel[];
  /** The SLA in force (its cadence times an update when the latest promised none). */
  sla: SlaPolicy;
}

/** Who notices: this machine, and the person it runs for (the records' origin and author). */
export interface ReminderWriter {
  machine: string;
  person: string;
}

/** The next update's due time while reminders apply (an active incident, not a drill), else undefined. */
export function reminderDueTime(incident: Incident, sla: SlaPolicy): Date | undefined {
  return isActive(incident) && !isDrill(incident) ? nextUpdateDue(incident, sla) : undefined;
}

/** The channels that get a reminder: delivered, asking for reminders, read by the team only. */
export const reminderChannels = (incident: Incident, channels: readonly Channel[]): Channel[] =>
  channels.filter((channel) => channel.delivery?.remindOverdue && !deliveryRefusal({ incident, event: 'overdue', channel }));

/** The reminders to add now: one per reminding channel for a due time that has passed, none already on the incident. */
export function overdueReminders(incident: Incident, plan: ReminderPlan, writer: ReminderWriter, now: Date): DeliveryRecord[] {
  const due = reminderDueTime(incident, plan.sla);
  if (!due || now.getTime() < due.getTime()) return [];
  const message = reminderMessageId(due);
  const known = new Set((incident.deliveries ?? []).map((record) => record.id));
  return reminderChannels(incident, plan.channels)
    .map((channel) => newUnclaimedDelivery({ message, event: 'overdue', channel: channel.name, createdBy: writer.person, origin: writer.machine }, now))
    .filter((record) => !known.has(record.id));
}

/** Why a reminder is no longer to be sent (one line), or undefined while its due time is still the incident's. */
export function reminderObsolete(incident: Incident, record: Pick<DeliveryRecord, 'event' | 'message'>, sla: SlaPolicy): string | undefined {
  if (record.event !== 'overdue') return undefined;
  const due = reminderDue(record.message);
  if (!due) return 'the reminder names no due time';
  if (!isActive(incident)) return `no update is due: the incident is ${incident.status}`;
  if (isDrill(incident)) return 'a drill is never reminded';
  const current = nextUpdateDue(incident, sla);
  if (current?.toISOString() === due) return undefined;
  const since = incident.updates.filter((update) => Date.parse(update.at) >= Date.parse(due)).sort((a, b) => Date.parse(a.at) - Date.parse(b.at))[0];
  if (since) return `an update was posted at ${shortUtc(since.at)} UTC, after the reminder's due time (${shortUtc(due)} UTC)`;
  return current ? `the next update is now due by ${shortUtc(current.toISOString())} UTC, not ${shortUtc(due)} UTC` : 'no update is due any more';
}

/** Reminders still waiting (pending, or failed for a person) that are no longer wanted, marked obsolete; one being sent is left to finish. */
function withoutObsolete(incident: Incident, sla: SlaPolicy): Incident {
  let changed = false;
  const deliveries = (incident.deliveries ?? []).map((record) => {
    if (record.event !== 'overdue' || (record.state !== 'pending' && record.state !== 'failed')) return record;
    const why = reminderObsolete(incident, record, sla);
    if (!why) return record;
    changed = true;
    return withObsolete(record, why);
  });
  return changed ? { ...incident, deliveries } : incident;
}

/** The incident with its obsolete reminders marked and the reminders due now added; the same object when nothing changes. */
export function withOverdueReminders(incident: Incident, plan: ReminderPlan, writer: ReminderWriter, now: Date): Incident {
  const cleaned = withoutObsolete(incident, plan.sla);
  const added = overdueReminders(cleaned, plan, writer, now);
  return added.length ? { ...cleaned, deliveries: [...(cleaned.deliveries ?? []), ...added] } : cleaned;
}
