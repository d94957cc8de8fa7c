/**
 * The deliveries a person should hear about: the failed ones (retry them or
 * copy the message by hand) of incidents still active, or of any incident
 * when the failure is less than a day old (a resolution that did not reach
 * the stakeholders), newest first. Drills count too: a failing channel is
 * worth knowing about in a drill.
 */
import { isInactive } from '../statusPage/lifecycleAt';
import type { DeliveryRecord, Incident } from '../record/schema';

export interface Undelivered {
  incident: Incident;
  record: DeliveryRecord;
}

const RECENT_MS = 24 * 60 * 60_000;

export function undeliveredRecords(incidents: readonly Incident[], now: Date): Undelivered[] {
  return incidents
    .flatMap((incident) =>
      (incident.deliveries ?? [])
        .filter((record) => record.state === 'failed' && (!isInactive(incident.status) || now.getTime() - Date.parse(record.createdAt) < RECENT_MS))
        .map((record) => ({ incident, record })),
    )
    .sort((a, b) => (a.record.createdAt < b.record.createdAt ? 1 : a.record.createdAt > b.record.createdAt ? -1 : 0));
}

/** "declaration", "update", … in a person's words. */
export const EVENT_WORDS: Record<string, string> = {
  declared: 'declaration',
  update: 'status update',
  resolved: 'resolution',
  closed: 'closure',
  overdue: 'overdue reminder',
  test: 'test message',
};
