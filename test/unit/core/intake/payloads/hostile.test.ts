import * as assert from 'node:assert/strict';
import { readNotification } from '../../../../../src/core/intake/payloads/detect';
import type { AlertSource } from '../../../../../src/core/intake/receivedAlert';
import { ANNOTATION_VALUE_MAX, LABEL_KEY_MAX, LABEL_VALUE_MAX, MAX_LABELS, TITLE_MAX } from '../../../../../src/core/intake/payloads/payloadValues';
import { HOSTILE_TITLE } from '../../hostileText';
import { amAlert, amBody, sentryBody } from './payloadBuilders';

const firstAlert = (body: unknown) => readNotification(body).alerts[0];

describe('alert payloads: hostile input is stored safely', () => {
  it('clips a 100 KB label value, a long key, a long annotation, and keeps at most 64 labels', () => {
    const labels: Record<string, string> = { huge: 'x'.repeat(100_000), ['k'.repeat(300)]: 'long key' };
    for (let i = 0; i < 200; i++) labels[`l${i}`] = String(i);
    const alert = firstAlert(amBody([amAlert({ labels, annotations: { description: 'd'.repeat(50_000) } })]));
    assert.equal(Object.keys(alert.labels).length, MAX_LABELS);
    assert.equal(alert.labels.huge.length, LABEL_VALUE_MAX);
    assert.ok(alert.labels.huge.endsWith('…'));
    assert.equal(alert.labels[`${'k'.repeat(LABEL_KEY_MAX - 1)}…`], 'long key');
    assert.equal(alert.annotations.description.length, ANNOTATION_VALUE_MAX);
    assert.equal(alert.labels.l61, '61', 'the first 64 keys, in the order sent');
    assert.equal(alert.labels.l62, undefined);
  });

  it('removes NUL from keys and values but leaves other control characters for the display to escape', () => {
    const alert = firstAlert(amBody([amAlert({ labels: { alertname: HOSTILE_TITLE, 'ke\u0000y': 'v\u0000al' } })]));
    assert.equal(alert.labels.alertname, HOSTILE_TITLE.replace(/\0/g, ''));
    assert.ok(alert.labels.alertname.includes('\u001b[2J'));
    assert.equal(alert.labels.key, 'val');
  });

  it('keeps numbers and booleans as text, leaves null values out', () => {
    const alert = firstAlert(amBody([amAlert({ labels: { code: 503, canary: false, gone: null } })]));
    assert.deepEqual(alert.labels, { code: '503', canary: 'false' });
  });

  it('keeps "__proto__" and "constructor" as plain keys, never as the prototype', () => {
    const body = JSON.parse(
      '{"version":"4","groupKey":"g","status":"firing","alerts":[{"status":"firing","startsAt":"2026-06-01T12:00:00Z","fingerprint":"f","labels":{"__proto__":"x","constructor":"y"}}]}',
    );
    const alert = firstAlert(body);
    assert.equal(Object.getPrototypeOf(alert.labels), Object.prototype);
    assert.deepEqual(Object.keys(alert.labels), ['__proto__', 'constructor']);
    assert.equal(({} as Record<string, unknown>).x, undefined);
  });

  it('keeps links only for http and https, normalized by the URL parser', () => {
    for (const bad of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'data:text/html,<b>x</b>',
      'ftp://example.org/x',
      '//example.org/x',
      'https://',
      `https://example.org/${'a'.repeat(3_000)}`,
      42,
    ]) {
      assert.deepEqual(firstAlert(amBody([amAlert({ generatorURL: bad, annotations: {} })])).links, [], String(bad).slice(0, 40));
    }
    const alert = firstAlert(amBody([amAlert({ generatorURL: 'HTTPS://Example.org/a b?q=\u202e', annotations: { runbook_url: 'http://wiki.example.org/rb' } })]));
    assert.deepEqual(alert.links, [
      { title: 'Source', url: 'https://example.org/a%20b?q=%E2%80%AE' },
      { title: 'Runbook', url: 'http://wiki.example.org/rb' },
    ]);
  });

  it('clips Sentry’s title-ish fields to a line, and a hostile title stays text', () => {
    const alert = firstAlert(sentryBody({ title: `${HOSTILE_TITLE}${'t'.repeat(10_000)}`, culprit: 'c'.repeat(10_000) }));
    assert.equal(alert.fields.title.length, TITLE_MAX);
    assert.equal(alert.fields.culprit.length, TITLE_MAX);
    assert.ok(!alert.fields.title.includes('\u0000'));
  });

  it('normalizes every accepted time form to ISO-8601 in UTC with milliseconds', () => {
    const startsAt = (value: unknown) => firstAlert(amBody([amAlert({ startsAt: value })])).startsAt;
    assert.equal(startsAt('2026-01-31T23:30:00.123456789-01:30'), '2026-02-01T01:00:00.123Z');
    assert.equal(startsAt('2024-02-29t10:00:00z'), '2024-02-29T10:00:00.000Z');
    assert.equal(startsAt('2026-06-01 12:00:00+00:00'), '2026-06-01T12:00:00.000Z');
    assert.equal(startsAt(1_780_000_000), '2026-05-28T20:26:40.000Z');
    assert.equal(startsAt(1_780_000_000_500), '2026-05-28T20:26:40.500Z', 'milliseconds when above 1e11');
  });

  it('finds nothing through the prototype when a sent name is looked up: an action, a platform, an extension, a source', () => {
    const constructorAction = { action: 'constructor', data: { issue: { id: '1', firstSeen: '2026-06-01T12:00:00Z' } } };
    assert.throws(() => readNotification(constructorAction), /issue action "constructor" says nothing of the alert's state/);
    const frames = [
      { filename: 'x.constructor', lineno: 1, platform: '__proto__' },
      { filename: 'y.toString', lineno: 2 },
    ];
    const alert = firstAlert(sentryBody({ platform: 'constructor', exception: { values: [{ type: 'E', stacktrace: { frames } }] } }));
    assert.equal(alert.frames, undefined);
    assert.throws(() => readNotification(amBody(), 'toString' as AlertSource), /^DomainError: "toString" is not an alert source \(alertmanager, grafana, sentry, generic\)$/);
  });
});
