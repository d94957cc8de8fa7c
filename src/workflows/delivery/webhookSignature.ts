/**
 * How our webhook is signed, so the receiver can check the message is ours
 * and fresh. Every request carries:
 *
 *   X-Incident-Timestamp: <seconds since 1970, UTC>
 *   X-Incident-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>", keyed with the secret>
 *
 * The receiver recomputes the HMAC over the timestamp header, a "." and the
 * body bytes exactly as received (before parsing), compares in constant
 * time, and refuses a timestamp more than five minutes from its clock, so a
 * captured request cannot be replayed later. The body's `delivery` field is
 * the same on every retry, to drop duplicates.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Incident-Signature';
export const TIMESTAMP_HEADER = 'X-Incident-Timestamp';
/** How far a receiver should accept a timestamp from its own clock. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export function webhookSignature(key: string, timestamp: number, rawBody: string): string {
  return `sha256=${createHmac('sha256', key).update(`${timestamp}.${rawBody}`, 'utf8').digest('hex')}`;
}

export function signatureHeaders(key: string, now: Date, rawBody: string): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return { [TIMESTAMP_HEADER]: String(timestamp), [SIGNATURE_HEADER]: webhookSignature(key, timestamp, rawBody) };
}

/** For receivers written in TypeScript: whether the headers sign this body with this key, at most five minutes from `now`. */
export function verifyWebhookSignature(key: string, headers: { timestamp?: string; signature?: string }, rawBody: string, now: Date): boolean {
  const timestamp = Number(headers.timestamp);
  if (!Number.isSafeInteger(timestamp) || Math.abs(now.getTime() / 1000 - timestamp) > SIGNATURE_TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(webhookSignature(key, timestamp, rawBody));
  const given = Buffer.from(headers.signature ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
