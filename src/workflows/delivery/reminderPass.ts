/**
 * The delivery loop's first step when reminders are on: for every incident
 * (or the ones asked for), the reminders that an update is overdue added and
 * the reminders no longer wanted marked obsolete (src/core/delivery/
 * overdueReminders.ts), each incident in one store write under the lock,
 * decided again on the incident as it is then. An incident with nothing to
 * change is not written. A dry run writes nothing and answers the reminders
 * it would add.
 */
import { withOverdueReminders, type ReminderPlan, type ReminderWriter } from '../../core/delivery/overdueReminders';
import { withEscalations, type EscalationPlan } from '../../core/delivery/escalations';
import type { DeliveryRecord, Incident } from '../../core/record/schema';
import type { IncidentStore } from '../../store/incidentStore';

export interface ReminderPass {
  store: Pick<IncidentStore, 'read' | 'update'>;
  /** With rotations (`oncall`), the escalations of incidents nobody acknowledged are added too. */
  plan: ReminderPlan & Partial<Omit<EscalationPlan, keyof ReminderPlan>>;
  writer: ReminderWriter;
  now: () => Date;
  /** Only these incidents (default: all). */
  incidents?: readonly string[];
  dryRun?: boolean;
}

/** The incident with its reminders, and (when the plan has rotations) its escalations, brought up to now. */
function withPages(incident: Incident, pass: ReminderPass): Incident {
  const reminded = withOverdueReminders(incident, pass.plan, pass.writer, pass.now());
  return pass.plan.oncall ? withEscalations(reminded, pass.plan as EscalationPlan, pass.writer, pass.now()) : reminded;
}

/** The reminders and escalations added (or, in a dry run, that would be), by incident. */
export async function passReminders(pass: ReminderPass): Promise<{ incident: string; record: DeliveryRecord }[]> {
  const read = pass.store.read();
  const all: Incident[] = read.kind === 'loaded' ? read.document.incidents : [];
  const added: { incident: string; record: DeliveryRecord }[] = [];
  const newRecords = (before: Incident, after: Incident) => {
    const known = new Set((before.deliveries ?? []).map((record) => record.id));
    return (after.deliveries ?? []).filter((record) => !known.has(record.id)).map((record) => ({ incident: after.id, record }));
  };
  for (const incident of all) {
    if (pass.incidents && !pass.incidents.includes(incident.id)) continue;
    const changed = withPages(incident, pass);
    if (changed === incident) continue;
    if (pass.dryRun) {
      added.push(...newRecords(incident, changed));
      continue;
    }
    let before = incident;
    const written = await pass.store.update(incident.id, (current) => withPages((before = current), pass));
    added.push(...newRecords(before, written));
  }
  return added;
}
