/**
 * A person's retry of failed deliveries (`incident deliver --retry`, the
 * panel's and the status bar's Retry): each becomes pending again in a new
 * round on this machine's claim, with attempts of its own (retried), under
 * the store's lock; the delivery loop then sends it.
 */
import { retried, DELIVERY_TIMES } from '../../core/delivery/deliveryRecords';
import type { Incident } from '../../core/record/schema';
import type { IncidentStore } from '../../store/incidentStore';

export interface RetryChoice {
  /** Only this incident's failed deliveries (default: every incident's). */
  incidentId?: string;
  /** Only this delivery (with incidentId). */
  deliveryId?: string;
}

/** Retries the failed deliveries chosen; returns how many became pending again. */
export async function retryFailedDeliveries(
  store: Pick<IncidentStore, 'read' | 'update'>,
  choice: RetryChoice,
  machine: string,
  now: Date,
  times = DELIVERY_TIMES,
): Promise<number> {
  const read = store.read();
  if (read.kind !== 'loaded') return 0;
  const chosen = (record: { id: string; state: string }) => record.state === 'failed' && (choice.deliveryId === undefined || record.id === choice.deliveryId);
  const incidents = read.document.incidents.filter(
    (incident: Incident) => (choice.incidentId === undefined || incident.id === choice.incidentId) && incident.deliveries?.some(chosen),
  );
  let count = 0;
  for (const incident of incidents)
    await store.update(incident.id, (current) => {
      const deliveries = current.deliveries?.map((record) => (chosen(record) ? (count++, retried(record, machine, now, times)) : record));
      return { ...current, deliveries };
    });
  return count;
}
