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
import type { DeliveryRecord, Incident } from '../../core/record/schema';
import type { IncidentStore } from '../../store/incidentStore';

export interface ReminderPass {
  store: Pick<IncidentStore, 'read' | 'update'>;
  plan: ReminderPlan;
  writer: ReminderWriter;
  now: () => Date;
  /** Only these incidents (default: all). */
  incidents?: readonly string[];
  dryRun?: boolean;
}

/** The reminders added (or, in a dry run, that would be), by incident. */
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
    const changed = withOverdueReminders(incident, pass.plan, pass.writer, pass.now());
    if (changed === incident) continue;
    if (pass.dryRun) {
      added.push(...newRecords(incident, changed));
      continue;
    }
    let before = incident;
    const written = await pass.store.update(incident.id, (current) => withOverdueReminders((before = current), pass.plan, pass.writer, pass.now()));
    added.push(...newRecords(before, written));
  }
  return added;
}
