/**
 * Alerts as the incident keeps them: one record per alert (`<source>:<fingerprint>`),
 * whatever number of notifications named it and whichever receivers got
 * them. Everything here is derived from the alert itself, never from the
 * receiving machine's clock, so two receivers that got the same
 * notifications write the same records and the same timeline events, and
 * team sync joins them into one.
 */
import type { AlertRecord } from '../record/schema';
import { clipText, SHORT_TEXT_MAX } from '../text/clip';
import { fnv1a64 } from './alertIncidentId';
import type { ReceivedAlert } from './receivedAlert';

/** After this many state changes of one alert its flapping is counted on the record, not written to the timeline. */
export const FLAP_EVENTS = 4;

export const alertRecordId = (alert: Pick<ReceivedAlert, 'source' | 'fingerprint'>): string => `${alert.source}:${alert.fingerprint}`;

/** When the alert reached its current state, by the monitoring's clock: a resolved alert's end, a firing one's start. */
export const stateTime = (alert: Pick<AlertRecord, 'state' | 'startsAt' | 'endsAt'>): string => (alert.state === 'resolved' ? (alert.endsAt ?? alert.startsAt) : alert.startsAt);

/** The name people know the alert by: its alertname label, its title, else its fingerprint. */
export function alertName(alert: ReceivedAlert): string {
  const name = alert.labels.alertname ?? alert.fields.title ?? alert.annotations.summary ?? alert.fingerprint;
  return clipText(name.replace(/\s+/g, ' ').trim() || alert.fingerprint, SHORT_TEXT_MAX);
}

/** A new record for an alert first seen in this notification. */
export function newAlertRecord(alert: ReceivedAlert, groupKey: string): AlertRecord {
  return {
    id: alertRecordId(alert),
    source: alert.source,
    fingerprint: alert.fingerprint,
    groupKey,
    name: alertName(alert),
    state: alert.state,
    startsAt: alert.startsAt,
    ...(alert.state === 'resolved' && alert.endsAt ? { endsAt: alert.endsAt } : {}),
    labels: { ...alert.labels },
    annotations: { ...alert.annotations },
    links: alert.links.map((link) => ({ ...link })),
    notifications: 1,
    changes: 0,
  };
}

/**
 * A record after one more notification about its alert: a repeat only
 * counts; a new state (or a new firing, with a later start) changes it.
 * `changed` says whether the state moved, for the timeline.
 */
export function withNotification(record: AlertRecord, alert: ReceivedAlert): { record: AlertRecord; changed: boolean } {
  const next = newAlertRecord(alert, record.groupKey);
  const counted = { notifications: record.notifications + 1 };
  const [was, now] = [stateTime(record), stateTime(next)];
  // Only a later state changes it (at the same instant, resolved over firing); a repeat or a retry delivered late only counts.
  const later = now > was || (now === was && record.state === 'firing' && next.state === 'resolved');
  if (!later) return { record: { ...record, ...counted }, changed: false };
  return { record: { ...next, groupKey: record.groupKey, ...counted, changes: record.changes + 1 }, changed: true };
}

/**
 * Two copies of one alert's record joined (team sync, a branch merge): the
 * state reached later by the monitoring's clock wins, resolved over firing
 * at the same instant, then the larger text; the counts are the larger of
 * the two (two receivers count the same notifications). Commutative,
 * associative and idempotent, as every join of the store is.
 */
export function joinAlertRecords(a: AlertRecord, b: AlertRecord): AlertRecord {
  const order = (record: AlertRecord) => [stateTime(record), record.state === 'resolved' ? '1' : '0', JSON.stringify(record)] as const;
  const [x, y] = [order(a), order(b)];
  const winner = x[0] !== y[0] ? (x[0] > y[0] ? a : b) : x[1] !== y[1] ? (x[1] > y[1] ? a : b) : x[2] >= y[2] ? a : b;
  return { ...winner, notifications: Math.max(a.notifications, b.notifications), changes: Math.max(a.changes, b.changes) };
}

/** A timeline event id derived from what it says, so every receiver writes the same one (and a sync keeps one). */
export const alertEventId = (...parts: string[]): string => `alert-${fnv1a64(parts.join('\u0000')).toString(36)}`;

const describeLabels = (labels: Readonly<Record<string, string>>) =>
  ['service', 'job', 'instance', 'severity']
    .filter((key) => labels[key])
    .map((key) => `${key}=${labels[key]}`)
    .join(', ');

/** The timeline line for an alert's state: "Alert HighErrorRate firing (service=checkout, severity=critical)". */
export function alertEventText(record: AlertRecord): string {
  const details = describeLabels(record.labels);
  const what = record.state === 'firing' ? `firing since ${record.startsAt}` : `resolved at ${stateTime(record)}`;
  return clipText(`Alert ${record.name} ${what}${details ? ` (${details})` : ''}`, SHORT_TEXT_MAX);
}
