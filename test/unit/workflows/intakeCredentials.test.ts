/**
 * The intake receiver's credentials on their own: the bearer token (any
 * path, the scheme in any case, nothing else in the header), Sentry's and
 * Grafana's HMAC signatures (their own path only, over the exact bytes,
 * Grafana's timestamp inside five minutes), and a header sent twice counts
 * as not sent.
 */
import * as assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { IntakeCredentials } from '../../../src/workflows/intakeCredentials';

const TOKEN = 'a-token-of-24-characters';
const hmac = (secret: string, text: string) => createHmac('sha256', secret).update(text).digest('hex');
const body = Buffer.from('{"alerts":[]}');

describe('intake credentials', () => {
  it('grants a right bearer token on every path, whatever the case of the scheme, and refuses anything else', () => {
    const credentials = new IntakeCredentials({ token: TOKEN });
    for (const source of ['alertmanager', 'grafana', 'sentry', 'generic'] as const) {
      assert.equal(credentials.fromHeaders(source, { authorization: `Bearer ${TOKEN}` }), 'granted');
      assert.equal(credentials.fromHeaders(source, { authorization: `bearer ${TOKEN}` }), 'granted');
    }
    for (const authorization of [undefined, '', 'Bearer', `Bearer ${TOKEN}x`, `Bearer ${TOKEN} extra`, `Basic ${TOKEN}`, TOKEN, [`Bearer ${TOKEN}`, `Bearer ${TOKEN}`]]) {
      assert.equal(credentials.fromHeaders('alertmanager', { authorization }), 'refused', JSON.stringify(authorization));
    }
    assert.equal(credentials.describe(), 'bearer token');
    assert.equal(new IntakeCredentials({}).any, false);
  });

  it("checks Sentry's signature over the exact body, on /sentry only", () => {
    const credentials = new IntakeCredentials({ sentrySecret: 'sentry-secret' });
    const signed = { 'sentry-hook-signature': hmac('sentry-secret', body.toString()) };
    assert.equal(credentials.fromHeaders('sentry', signed), 'signed');
    assert.equal(credentials.signatureHolds('sentry', signed, body), true);
    assert.equal(credentials.signatureHolds('sentry', signed, Buffer.from(`${body} `)), false);
    assert.equal(credentials.fromHeaders('alertmanager', signed), 'refused');
    assert.equal(credentials.signatureHolds('alertmanager', signed, body), false);
    assert.equal(credentials.fromHeaders('sentry', { 'sentry-hook-signature': [signed['sentry-hook-signature'], 'x'] }), 'refused');
    assert.equal(credentials.fromHeaders('sentry', { authorization: 'Bearer anything-at-all-here' }), 'refused', 'no token configured, none accepted');
  });

  it("checks Grafana's signature in the header it is configured with, over timestamp:body when a timestamp header is set, within five minutes", () => {
    const now = Date.parse('2026-06-01T12:00:00Z');
    const seconds = (offsetMs: number) => String(Math.floor((now + offsetMs) / 1000));
    const plain = new IntakeCredentials({ grafana: { secret: 'g', signatureHeader: 'X-Signature' } });
    assert.equal(plain.signatureHolds('grafana', { 'x-signature': hmac('g', body.toString()) }, body, now), true);
    assert.equal(plain.fromHeaders('grafana', { 'x-grafana-alerting-signature': hmac('g', body.toString()) }), 'refused', 'only the configured header');
    const stamped = new IntakeCredentials({ grafana: { secret: 'g', signatureHeader: 'X-Grafana-Alerting-Signature', timestampHeader: 'X-Grafana-Alerting-Timestamp' } });
    const headers = (timestamp: string, signedOver = `${timestamp}:${body}`) => ({
      'x-grafana-alerting-timestamp': timestamp,
      'x-grafana-alerting-signature': hmac('g', signedOver),
    });
    assert.equal(stamped.signatureHolds('grafana', headers(seconds(0)), body, now), true);
    assert.equal(stamped.signatureHolds('grafana', headers(seconds(-4 * 60_000)), body, now), true);
    assert.equal(stamped.signatureHolds('grafana', headers(seconds(-6 * 60_000)), body, now), false, 'a replay from six minutes ago');
    assert.equal(stamped.signatureHolds('grafana', headers(seconds(6 * 60_000)), body, now), false);
    assert.equal(stamped.signatureHolds('grafana', headers(seconds(0), body.toString()), body, now), false, 'the timestamp is part of what is signed');
    assert.equal(stamped.signatureHolds('grafana', headers('soon'), body, now), false);
    assert.equal(stamped.signatureHolds('sentry', headers(seconds(0)), body, now), false);
  });
});
