/**
 * Who may hand the intake receiver an alert: a caller with the receiver's
 * bearer token (Alertmanager's `http_config.authorization`, Grafana's
 * Authorization header, curl), or the monitoring itself, proved by its own
 * signature over the raw body: Sentry's `Sentry-Hook-Signature` (HMAC-SHA256
 * of the body with the integration's client secret, hex) on /sentry only, and
 * Grafana's HMAC header (`X-Grafana-Alerting-Signature` unless the contact
 * point names another: HMAC-SHA256 of the body, or of `timestamp:body` when a
 * timestamp header is configured, hex) on /grafana only. A signature made
 * with one product's secret opens no other path.
 *
 * Every comparison takes the same time whatever the guess (timingSafeEqual
 * over digests of equal length). Nothing here logs or returns a secret.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { AlertSource } from '../core/intake/receivedAlert';

export const GRAFANA_SIGNATURE_HEADER = 'x-grafana-alerting-signature';
export const SENTRY_SIGNATURE_HEADER = 'sentry-hook-signature';
/** A Grafana timestamp further than this from our clock is a replay (or a clock to fix). */
export const GRAFANA_TIMESTAMP_SKEW_MS = 5 * 60_000;

export interface IntakeSecrets {
  /** The bearer token every path accepts. */
  token?: string;
  /** Sentry's client secret (INCIDENT_INTAKE_SENTRY_SECRET). */
  sentrySecret?: string;
  /** Grafana's HMAC secret and where its contact point puts the signature and, optionally, the timestamp. */
  grafana?: { secret: string; signatureHeader: string; timestampHeader?: string };
}

/** Headers as node gives them: names in lower case. */
export type RequestHeaders = Readonly<Record<string, string | string[] | undefined>>;

/**
 * What the headers alone say: `granted` (a right bearer token), `signed`
 * (no token, but the signature header this path accepts is there: read the
 * body, then check it with signatureHolds), or `refused`.
 */
export type HeaderVerdict = 'granted' | 'signed' | 'refused';

const digest = (text: string | Buffer) => createHash('sha256').update(text).digest();

/** Equal strings, in time that does not depend on where they differ (nor on the guess's length). */
function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

const single = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? undefined : value);

export class IntakeCredentials {
  private readonly grafanaHeaders: { signature: string; timestamp?: string } | undefined;

  constructor(private readonly secrets: IntakeSecrets) {
    const grafana = secrets.grafana;
    this.grafanaHeaders = grafana && { signature: grafana.signatureHeader.toLowerCase(), timestamp: grafana.timestampHeader?.toLowerCase() };
  }

  /** Whether any way in is configured; the receiver refuses to start without one. */
  get any(): boolean {
    return Boolean(this.secrets.token || this.secrets.sentrySecret || this.secrets.grafana?.secret);
  }

  /** The ways in, for the start-up line: "bearer token, Sentry signature". */
  describe(): string {
    return [this.secrets.token && 'bearer token', this.secrets.sentrySecret && 'Sentry signature', this.secrets.grafana && 'Grafana signature'].filter(Boolean).join(', ');
  }

  fromHeaders(source: AlertSource, headers: RequestHeaders): HeaderVerdict {
    const { token } = this.secrets;
    const authorization = single(headers.authorization);
    const bearer = authorization?.match(/^Bearer[ ]+(\S+)[ ]*$/i)?.[1];
    if (token && bearer !== undefined && sameSecret(bearer, token)) return 'granted';
    return this.signatureHeader(source, headers) !== undefined ? 'signed' : 'refused';
  }

  /** The body's signature holds for this path (after fromHeaders said `signed`). */
  signatureHolds(source: AlertSource, headers: RequestHeaders, body: Buffer, now: number = Date.now()): boolean {
    const given = this.signatureHeader(source, headers);
    if (given === undefined) return false;
    if (source === 'sentry' && this.secrets.sentrySecret) return sameHex(given, hmac(this.secrets.sentrySecret, body));
    const grafana = this.secrets.grafana;
    if (source !== 'grafana' || !grafana || !this.grafanaHeaders) return false;
    if (!this.grafanaHeaders.timestamp) return sameHex(given, hmac(grafana.secret, body));
    const timestamp = single(headers[this.grafanaHeaders.timestamp]);
    if (!timestamp || !/^\d{1,12}$/.test(timestamp) || Math.abs(now - Number(timestamp) * 1000) > GRAFANA_TIMESTAMP_SKEW_MS) return false;
    return sameHex(given, hmac(grafana.secret, Buffer.concat([Buffer.from(`${timestamp}:`), body])));
  }

  /** The signature header this path accepts, when its secret is configured and the request has it once. */
  private signatureHeader(source: AlertSource, headers: RequestHeaders): string | undefined {
    if (source === 'sentry' && this.secrets.sentrySecret) return single(headers[SENTRY_SIGNATURE_HEADER]);
    if (source === 'grafana' && this.grafanaHeaders) return single(headers[this.grafanaHeaders.signature]);
    return undefined;
  }
}

const hmac = (secret: string, body: Buffer) => createHmac('sha256', secret).update(body).digest('hex');

/** A hex signature as sent (any case) against ours, in constant time. */
function sameHex(given: string, expected: string): boolean {
  return sameSecret(given.trim().toLowerCase(), expected);
}
