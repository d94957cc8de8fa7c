/**
 * The id of an incident an alert opens, derived from the alert group's
 * identity: its source, its group key and when its earliest alert started.
 * Teams run more than one receiver (an HA pair, one beside each on-call
 * laptop) and Alertmanager sends each the same notification; every receiver
 * derives the same id without talking to the others, and team sync then
 * joins their records into one incident.
 *
 * The hash is 64-bit FNV-1a over the identity's UTF-8 bytes, written out here
 * and pinned by its published test vectors (not stableHash in
 * src/core/record/ids.ts, which differs from FNV-1a and must itself never
 * change, as task ids come from it): its top 40 bits, the best mixed, as the
 * 8 Crockford base32 characters of an incident id. Two different groups share
 * an id with a chance of about one in a trillion per pair; unlike a declared
 * incident's id, this one does not start with the clock, so it does not sort
 * by time. Changing any of this would make receivers of two versions open
 * two incidents for one alert group.
 */
import { CROCKFORD_ALPHABET } from '../record/ids';
import type { AlertNotification, ReceivedAlert } from './receivedAlert';

/** The alert that started first (the earliest startsAt, as a time, then as text), whatever order the payload lists them in. */
export function earliestAlert(alerts: readonly ReceivedAlert[]): ReceivedAlert | undefined {
  const time = (alert: ReceivedAlert) => {
    const parsed = Date.parse(alert.startsAt);
    return Number.isNaN(parsed) ? Number.POSITIVE_INFINITY : parsed;
  };
  let earliest: ReceivedAlert | undefined;
  for (const alert of alerts) {
    if (!earliest) earliest = alert;
    else {
      const [a, b] = [time(alert), time(earliest)];
      if (a < b || (a === b && alert.startsAt < earliest.startsAt)) earliest = alert;
    }
  }
  return earliest;
}

/** What identifies an alert group's incident: source, group key and the earliest start ("" when the notification has no alert). */
export function alertGroupIdentity(notification: Pick<AlertNotification, 'source' | 'groupKey' | 'alerts'>): string {
  return [notification.source, notification.groupKey, earliestAlert(notification.alerts)?.startsAt ?? ''].join('\u0000');
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = (1n << 64n) - 1n;

/** The UTF-8 bytes of `text` (a lone surrogate as U+FFFD, as TextEncoder writes it). */
function utf8(text: string): number[] {
  const bytes: number[] = [];
  for (const char of text) {
    let code = char.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) code = 0xfffd;
    if (code < 0x80) bytes.push(code);
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 63));
    else if (code < 0x10000) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
    else bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 63), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
  }
  return bytes;
}

/** 64-bit FNV-1a of the text's UTF-8 bytes. */
export function fnv1a64(text: string): bigint {
  let hash = FNV_OFFSET;
  for (const byte of utf8(text)) hash = ((hash ^ BigInt(byte)) * FNV_PRIME) & MASK_64;
  return hash;
}

/** `INC-` and 8 Crockford base32 characters from the identity's hash (its top 40 bits): a valid incident id, the same on every machine. */
export function incidentIdFromIdentity(identity: string): string {
  let bits = fnv1a64(identity) >> 24n;
  let code = '';
  for (let i = 0; i < 8; i++) {
    code = CROCKFORD_ALPHABET[Number(bits & 31n)] + code;
    bits >>= 5n;
  }
  return `INC-${code}`;
}

/** The id of the incident this notification's alert group opens. */
export function alertIncidentId(notification: Pick<AlertNotification, 'source' | 'groupKey' | 'alerts'>): string {
  return incidentIdFromIdentity(alertGroupIdentity(notification));
}
