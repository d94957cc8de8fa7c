import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyNotification } from '../../../../src/core/intake/applyNotification';
import { decideAlert } from '../../../../src/core/intake/intakeRules';
import { readNotification } from '../../../../src/core/intake/payloads/detect';
import { assignRole } from '../../../../src/core/lifecycle/changes';
import { defaultPlan, planSchema, type ResponsePlan } from '../../../../src/core/plan/plan';
import { STORE_SCHEMA_VERSION, type AlertRecord, type Incident, type StoreDocument } from '../../../../src/core/record/schema';
import { alertAnnouncement, alertRow, alertsInOrder, alertSummaryLine, distinguishingLabels, labelSummary } from '../../../../src/ui/views/alertRows';
import { ctx } from '../../core/builders';

const FIXTURES = join(__dirname, '..', '..', '..', '..', '..', 'test', 'fixtures', 'intake', 'alertmanager-real');
const payload = (name: string): unknown => JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8'));
const EMPTY: StoreDocument = { version: STORE_SCHEMA_VERSION, incidents: [], deploys: [] };

function alertIncident(bodies: unknown[] = [payload('firing')], plan: ResponsePlan = defaultPlan()): Incident {
  const document = bodies.reduce<StoreDocument>((current, body) => {
    const notification = readNotification(body);
    return applyNotification(current, notification, decideAlert(notification, plan)).document;
  }, EMPTY);
  return document.incidents[0];
}

describe('alert rows under an incident in the Active Incidents view', () => {
  it("says the alert's name, its state and how many notifications named it; the tooltip has its times, labels, summary and counts", () => {
    const [record] = alertIncident().alerts ?? [];
    const row = alertRow(record);
    assert.equal(row.label, 'HighErrorRate');
    assert.equal(row.description, 'firing · 1 notification');
    assert.equal(row.firing, true);
    assert.equal(
      row.tooltip,
      [
        'Alert HighErrorRate from alertmanager',
        'Firing since 2026-12-07 04:04 UTC',
        'Labels: alertname=HighErrorRate, service=checkout, severity=critical, job=checkout-api, instance=web-1:8080',
        '5xx ratio above 5% on checkout (web-1:8080)',
        '1 notification, 0 state changes',
      ].join('\n'),
    );
  });

  it('says when a resolved alert fired and stopped, and counts repeats and state changes', () => {
    const incident = alertIncident([payload('firing'), payload('firing-grouped'), payload('resolved')]);
    const alerts = alertsInOrder(incident);
    const rows = alerts.map((record) => alertRow(record, distinguishingLabels(alerts)));
    assert.deepEqual(
      rows.map((row) => [row.label, row.description, row.firing]),
      [
        ['HighErrorRate', 'resolved · instance=web-1:8080 · 3 notifications', false],
        ['HighErrorRate', 'resolved · instance=web-2:8080 · 2 notifications', false],
      ],
    );
    assert.match(rows[0].tooltip, /\nResolved at 2026-12-07 \d\d:\d\d UTC; fired from 2026-12-07 04:04 UTC\n/);
    assert.match(rows[0].tooltip, /\n3 notifications, 1 state change$/);
  });

  it('tells alerts apart by the labels whose values differ, at most two, the usual ones first; one alert needs none', () => {
    const alert = (labels: Record<string, string>) => ({ labels });
    assert.deepEqual(distinguishingLabels([alert({ alertname: 'A', pod: 'p1', instance: 'i1', zone: 'z' }), alert({ alertname: 'A', pod: 'p2', instance: 'i2' })]), [
      'instance',
      'pod',
    ]);
    assert.deepEqual(distinguishingLabels([alert({ alertname: 'A', instance: 'i1' })]), []);
    assert.deepEqual(distinguishingLabels([alert({ alertname: 'A' }), alert({ alertname: 'B' })]), ['alertname']);
  });

  it('lists firing alerts before resolved ones, each by start', () => {
    const base = alertIncident().alerts![0];
    const alert = (id: string, state: AlertRecord['state'], startsAt: string): AlertRecord => ({ ...base, id, state, startsAt });
    const ordered = alertsInOrder({
      alerts: [alert('r', 'resolved', '2026-01-01T00:00:00Z'), alert('f2', 'firing', '2026-01-02T00:00:00Z'), alert('f1', 'firing', '2026-01-01T12:00:00Z')],
    });
    assert.deepEqual(
      ordered.map((record) => record.id),
      ['f1', 'f2', 'r'],
    );
  });

  it('shows hostile label text on one line, controls visible, clipped, and only so many labels', () => {
    const labels: Record<string, string> = { alertname: 'Evil\u001b[2J\nname\u202e', service: 'x'.repeat(100_000) };
    for (let n = 0; n < 30; n++) labels[`l${String(n).padStart(2, '0')}`] = `v${n}`;
    const summary = labelSummary(labels);
    assert.ok(![...summary].some((char) => char.charCodeAt(0) < 0x20 || char === '\u202e'), 'no control character left');
    assert.match(summary, /^alertname=Evil␛\[2J⏎name\\u\{202e\}, service=x{119}…, l00=v0, /);
    assert.match(summary, /, and 20 more$/);
    const [record] = alertIncident().alerts ?? [];
    const row = alertRow({ ...record, name: 'Bad\u0007\nname', labels });
    assert.equal(row.label, 'Bad␇⏎name');
    assert.ok(row.tooltip.length < 3_000, `tooltip of ${row.tooltip.length} characters`);
  });

  it("has the incident row's tooltip name the alert that opened it and how its alerts stand", () => {
    assert.equal(alertSummaryLine(alertIncident([payload('firing'), payload('firing-grouped')])), 'Opened by alert HighErrorRate from alertmanager: 2 firing, 0 resolved');
    assert.equal(alertSummaryLine({ alerts: [] }), undefined);
  });
});

describe('the notification that announces an alert-opened incident', () => {
  it('says "SEV1 from alert HighErrorRate on checkout" with the id, as a warning, the default title not repeated', () => {
    const incident = alertIncident();
    assert.deepEqual(alertAnnouncement(incident), { message: `SEV1 from alert HighErrorRate on checkout (${incident.id})`, calm: false });
  });

  it('adds what sets it apart: a title of its own, more alerts, alerts already resolved, a commander', () => {
    const plan = planSchema.parse({ version: 1, intake: { rules: [{ name: 'checkout', match: { 'labels.service': 'checkout' }, title: 'Checkout failing for customers' }] } });
    let incident = alertIncident([payload('firing'), payload('firing-grouped'), payload('resolved')], plan);
    incident = assignRole(incident, 'commander', 'Sam Lee <sam@example.com>', ctx());
    assert.deepEqual(alertAnnouncement(incident), {
      message: `SEV1 from alert HighErrorRate on checkout (${incident.id}). Title: Checkout failing for customers. 1 more alert joined it. Its alerts have resolved since; the incident is still open. Sam Lee <sam@example.com> has command.`,
      calm: true,
    });
  });

  it('says "Drill" first for a drill, calmly, and is calm for SEV3 and SEV4', () => {
    const drillPlan = planSchema.parse({ version: 1, intake: { rules: [{ name: 'game-day', match: {}, drill: true }] } });
    const drill = alertIncident([payload('firing')], drillPlan);
    assert.deepEqual(alertAnnouncement(drill), { message: `Drill: SEV1 from alert HighErrorRate on checkout (${drill.id})`, calm: true });
    const minor = planSchema.parse({ version: 1, intake: { rules: [{ name: 'minor', match: {}, severity: 'SEV3' }] } });
    const sev3 = alertIncident([payload('firing')], minor);
    assert.deepEqual(alertAnnouncement(sev3), { message: `SEV3 from alert HighErrorRate on checkout (${sev3.id})`, calm: true });
  });
});
