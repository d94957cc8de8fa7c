import * as assert from 'node:assert/strict';
import { readNotification } from '../../../../../src/core/intake/payloads/detect';
import type { GenericMapping } from '../../../../../src/core/intake/payloads/generic';
import { MAX_ALERTS } from '../../../../../src/core/intake/payloads/payloadValues';
import type { AlertSource } from '../../../../../src/core/intake/receivedAlert';
import { DomainError } from '../../../../../src/core/record/errors';
import { amAlert, amBody, readFixture, sentryBody, UPTIME_MAPPING } from './payloadBuilders';

/** The one line `readNotification` refuses `body` with (a DomainError, never a TypeError from deep inside). */
function refusal(body: unknown, source?: AlertSource, mapping?: GenericMapping): string {
  try {
    readNotification(body, source, mapping);
  } catch (error) {
    assert.ok(error instanceof DomainError, `a DomainError, not ${String(error)}`);
    assert.ok(!error.message.includes('\n'), `one line: ${error.message}`);
    return error.message;
  }
  return assert.fail('was read, not refused');
}

describe('alert payloads: what is refused, in one line', () => {
  it('a body that is not a JSON object', () => {
    assert.equal(refusal([amBody()]), 'an alert notification is a JSON object, not a list');
    assert.equal(refusal(null), 'an alert notification is a JSON object, not null');
    assert.equal(refusal('{"alerts": []}'), 'an alert notification is a JSON object, not string');
    assert.equal(refusal(42, 'alertmanager'), 'an alert notification is a JSON object, not number');
  });

  it('an unknown shape: says what each source lacked', () => {
    assert.equal(
      refusal({ title: 'Disk full', alerts: 'none' }),
      'not an alert notification of a known source: Alertmanager lacks alerts and version "4"; Grafana lacks alerts and orgId; ' +
        "Sentry lacks data.event (or data.issue, or the plugin's id, project and event); a generic body needs a mapping in the plan",
    );
    assert.match(refusal({ version: '3', alerts: [] }), /Alertmanager lacks version "4"; Grafana lacks orgId;/);
  });

  it('a named source missing a field it always sends: names the field', () => {
    const { fingerprint: _dropped, ...noFingerprint } = amAlert();
    assert.equal(refusal(amBody([noFingerprint])), 'not an Alertmanager notification: missing alerts[0].fingerprint');
    assert.equal(refusal(amBody(undefined, { groupKey: undefined })), 'not an Alertmanager notification: missing groupKey');
    assert.equal(refusal(amBody(undefined, { version: undefined }), 'alertmanager'), 'not an Alertmanager notification: missing version');
    assert.equal(refusal(amBody(), 'grafana'), 'not a Grafana alerting notification: missing orgId');
    assert.equal(refusal(amBody(), 'sentry'), "not a Sentry alert: missing data.event (or the webhook plugin's id, project and event)");
    assert.equal(refusal(sentryBody({ issue_id: undefined })), 'not a Sentry alert: missing data.event.issue_id');
    assert.equal(refusal({ check: {} }, 'generic', UPTIME_MAPPING()), "not an alert the mapping can read: missing /check/id (the mapping's fingerprint)");
    assert.equal(refusal({ check: {} }, 'generic'), 'a generic alert is read through the mapping in the plan, and the plan has none');
  });

  it('an alert without startsAt, or with Go’s zero time as its start', () => {
    assert.equal(refusal(amBody([amAlert({ startsAt: undefined })])), 'not an Alertmanager notification: missing alerts[0].startsAt');
    assert.equal(refusal(amBody([amAlert(), amAlert({ startsAt: '0001-01-01T00:00:00Z' })])), 'not an Alertmanager notification: missing alerts[1].startsAt');
    assert.equal(refusal(sentryBody({ datetime: undefined })), 'not a Sentry alert: missing data.event.datetime');
  });

  it('a date that is not a real date and time', () => {
    for (const bad of [
      'yesterday',
      '2026-02-30T10:00:00Z',
      '2026-03-14T24:00:00Z',
      '2026-03-14T10:00:00',
      '2026-03-14',
      '1969-12-31T23:59:59Z',
      '2026-03-14T10:00:00+25:00',
      1e20,
      true,
    ]) {
      assert.match(
        refusal(amBody([amAlert({ startsAt: bad })])),
        /^Alertmanager notification refused: alerts\[0\]\.startsAt .* is not a date and time like 2026-01-31T10:00:00Z$/,
        String(bad),
      );
    }
    assert.match(refusal(amBody([amAlert({ status: 'resolved', endsAt: 'soon' })])), /alerts\[0\]\.endsAt "soon" is not a date and time/);
  });

  it(`more than ${MAX_ALERTS} alerts, or none`, () => {
    const many = Array.from({ length: MAX_ALERTS + 1 }, (_, i) => amAlert({ fingerprint: `fp${i}` }));
    assert.equal(
      refusal(amBody(many)),
      `Alertmanager notification refused: alerts holds ${MAX_ALERTS + 1} alerts; at most ${MAX_ALERTS} are read from one notification (send smaller groups)`,
    );
    assert.equal(readNotification(amBody(many.slice(0, MAX_ALERTS))).alerts.length, MAX_ALERTS);
    assert.equal(refusal(amBody([])), 'Alertmanager notification refused: alerts is empty: a notification carries at least one alert');
  });

  it('fingerprints that are not plain: other characters, too long, not text; quoted with their control characters escaped', () => {
    assert.equal(
      refusal(amBody([amAlert({ fingerprint: 'a/b' })])),
      'Alertmanager notification refused: alerts[0].fingerprint "a/b" is not a fingerprint (up to 200 letters, digits, ".", "_", ":" and "-")',
    );
    assert.match(refusal(amBody([amAlert({ fingerprint: 'f'.repeat(201) })])), /alerts\[0\]\.fingerprint "f{39}…" is not a fingerprint/);
    assert.match(refusal(amBody([amAlert({ fingerprint: { id: 1 } })])), /alerts\[0\]\.fingerprint "\{\\"id\\":1\}" is not a fingerprint/);
    const message = refusal(amBody([amAlert({ fingerprint: 'x\u001b[2Jy' })]));
    assert.ok(!message.includes('\u001b') && message.includes('x\\u001b[2Jy'), message);
    assert.equal(readNotification(amBody([amAlert({ fingerprint: 'a'.repeat(200) })])).alerts[0].fingerprint.length, 200);
  });

  it('wrong kinds: a version other than "4", a status other than firing or resolved, an alert or labels that are not objects, nested label values', () => {
    assert.equal(refusal(amBody(undefined, { version: 3 }), 'alertmanager'), 'Alertmanager notification refused: version "3" is not read (only version "4")');
    assert.equal(refusal(amBody([amAlert({ status: 'pending' })])), 'Alertmanager notification refused: alerts[0].status "pending" is neither "firing" nor "resolved"');
    assert.equal(refusal(amBody(['firing'])), 'Alertmanager notification refused: alerts[0] is not an object');
    assert.equal(refusal(amBody([amAlert({ labels: ['a'] })])), 'Alertmanager notification refused: alerts[0].labels is a list, not an object of names and values');
    assert.equal(refusal(amBody([amAlert({ labels: { team: { name: 'x' } } })])), 'Alertmanager notification refused: alerts[0].labels.team is an object: values here are text');
    assert.equal(refusal(amBody([amAlert({ labels: { 'odd key': [] } })])), 'Alertmanager notification refused: alerts[0].labels["odd key"] is a list: values here are text');
  });

  it('Sentry: an action other than triggered on an issue alert, an issue action that says nothing of state', () => {
    assert.equal(refusal({ ...sentryBody(), action: 'resolved' }), 'Sentry notification refused: action "resolved" is not an issue alert (it is always "triggered")');
    const assigned = readFixture('sentry', 'issue-resolved.json');
    assigned.action = 'assigned';
    assert.equal(refusal(assigned), 'Sentry notification refused: issue action "assigned" says nothing of the alert\'s state (created, unresolved and resolved do)');
  });

  it('generic: a status the map does not list, a pointer that names an object, a mapping that is not valid', () => {
    const body = readFixture<{ check: Record<string, unknown> }>('generic', 'uptime-down.json');
    body.check.state = 'PAUSED';
    assert.equal(
      refusal(body, 'generic', UPTIME_MAPPING()),
      'Generic alert notification refused: /check/state (the mapping\'s status) is "PAUSED", which the mapping\'s status values do not list ("DOWN", "UP")',
    );
    body.check.state = 'DOWN';
    body.check.name = { text: 'x' };
    assert.equal(refusal(body, 'generic', UPTIME_MAPPING()), "Generic alert notification refused: /check/name (the mapping's title) is an object, not text");
    assert.equal(
      refusal(body, 'generic', { ...UPTIME_MAPPING(), title: 'check/name' }),
      'Generic alert notification refused: the plan\'s mapping is not valid at title: a JSON Pointer starts with "/", like /alert/title ("" is the whole body)',
    );
  });
});
