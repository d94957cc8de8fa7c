/**
 * When the delivery loop should look again at what it had to wait for: the
 * earliest moment a waiting delivery's next step changes (a backoff ends, a
 * claim or a `sending` mark grows stale). The editor sets one timer for it
 * instead of polling.
 */
import type { DeliveryRecord } from '../record/schema';
import { DELIVERY_TIMES, nextDeliveryStep } from './deliveryRecords';

/** The step can be taken now (not waiting, not finished). */
export const actionable = (record: DeliveryRecord, machine: string, now: Date, times = DELIVERY_TIMES): boolean => {
  const step = nextDeliveryStep(record, machine, now, times).do;
  return step !== 'wait' && step !== 'nothing';
};

/** The earliest time after `now` at which one of these deliveries can be taken on, or undefined when none will be without a change. */
export function nextDeliveryWake(records: readonly DeliveryRecord[], machine: string, now: Date, times = DELIVERY_TIMES): Date | undefined {
  let earliest: number | undefined;
  for (const record of records) {
    if (record.state !== 'pending' && record.state !== 'sending') continue;
    const moments = [
      record.nextAttemptAt,
      record.sendingAt && Date.parse(record.sendingAt) + times.staleMs,
      ...Object.values(record.claims ?? {}).flatMap((at) => [Date.parse(at) + times.staleMs / 2, Date.parse(at) + times.staleMs]),
    ]
      .map((moment) => (typeof moment === 'string' ? Date.parse(moment) : moment))
      .filter((moment): moment is number => typeof moment === 'number' && Number.isFinite(moment) && moment > now.getTime())
      .sort((a, b) => a - b);
    const first = moments.find((moment) => actionable(record, machine, new Date(moment + 1), times));
    if (first !== undefined && (earliest === undefined || first < earliest)) earliest = first;
  }
  return earliest === undefined ? undefined : new Date(earliest + 1);
}
