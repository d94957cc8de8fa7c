import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyNotification, ALERT_AUTHORS } from '../../../../src/core/intake/applyNotification';
import { decideAlert } from '../../../../src/core/intake/intakeRules';
import { readNotification } from '../../../../src/core/intake/payloads/detect';
import { FLAP_EVENTS } from '../../../../src/core/intake/alertRecords';
import { changeStatus } from '../../../../src/core/lifecycle/lifecycle';
import { joinStores } from '../../../../src/core/merge/merge';
import { defaultPlan, type ResponsePlan } from '../../../../src/core/plan/plan';
import { incidentSchema, STORE_SCHEMA_VERSION, type StoreDocument } from '../../../../src/core/record/schema';
import { routeOf } from '../../../../src/core/oncall/routing';
import { formatStore } from '../../../../src/store/stableFormat';
import { ctx } from '../builders';

const FIXTURES = join(__dirname, '..', '..', '..', '..', '..', 'test', 'fixtures', 'intake', 'alertmanager-real');
const payload = (name: string): unknown => JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8'));
const EMPTY: StoreDocument = { version: STORE_SCHEMA_VERSION, incidents: [], deploys: [] };

function apply(document: StoreDocument, body: unknown, plan: ResponsePlan = defaultPlan()) {
  const notification = readNotification(body);
  return applyNotification(document, notification, decideAlert(notification, plan));
}

/** The same notification body with each alert's state, start and end replaced. */
function reshaped(name: string, change: (alert: Record<string, unknown>) => Record<string, unknown>): unknown {
  const body = payload(name) as { alerts: Record<string, unknown>[]; status: string };
  const alerts = body.alerts.map(change);
  return { ...body, alerts, status: alerts.some((alert) => alert.status === 'firing') ? 'firing' : 'resolved' };
}

const alertLines = (document: StoreDocument, id: string) => document.incidents.find((incident) => incident.id === id)!.timeline.filter((event) => event.data?.alert);

describe('an alert notification applied to the store', () => {
  it("opens one incident from a firing alert: the derived id, the rule's title and severity, detected at the alert's start, by the monitoring", () => {
    const body = payload('firing');
    const notification = readNotification(body);
    const decision = decideAlert(notification, defaultPlan());
    const applied = apply(EMPTY, body);
    assert.equal(applied.outcome, 'declared');
    assert.equal(applied.incidentId, decision.incident.id);
    const [incident] = applied.document.incidents;
    assert.deepEqual([incident.title, incident.severity, incident.status], [decision.incident.title, decision.incident.severity, 'detected']);
    assert.equal(incident.declaredAt, new Date(notification.alerts[0].startsAt).toISOString());
    assert.equal(incident.declaredBy, ALERT_AUTHORS.alertmanager);
    // The impact began when the alert did: the metrics count it as known, time to detect and the suspects measure from it.
    assert.equal(incident.startedAt, new Date(notification.alerts[0].startsAt).toISOString());
    assert.equal(incident.alerts?.length, 1);
    assert.deepEqual([incident.alerts![0].state, incident.alerts![0].notifications, incident.alerts![0].name], ['firing', 1, 'HighErrorRate']);
    assert.match(alertLines(applied.document, incident.id)[0].text, /^Alert HighErrorRate firing since 2026-12-07T04:04:31\.374Z/);
    assert.ok(incidentSchema.safeParse(incident).success, 'the record is valid');
    assert.equal(incident.timeline[0].data, undefined, 'the default rule decided: no rule named on the declaration');
  });

  it("names the intake rule that opened it on the declaration, so that routing finds the rule's rotation later", () => {
    const plan: ResponsePlan = { ...defaultPlan(), intake: { rules: [{ name: 'payments-critical', match: {}, rotation: 'payments' }] } };
    const [incident] = apply(EMPTY, payload('firing'), plan).document.incidents;
    assert.deepEqual([incident.timeline[0].kind, incident.timeline[0].data], ['declared', { intakeRule: 'payments-critical' }]);
    assert.deepEqual(routeOf(incident), { severity: incident.severity, rule: 'payments-critical' });
  });

  it('counts the same notification again without a new line, and a second alert of the group joins the same incident', () => {
    const first = apply(EMPTY, payload('firing'));
    const again = apply(first.document, payload('firing'));
    assert.deepEqual([again.outcome, again.incidentId, again.counts], ['attached', first.incidentId, { new: 0, changed: 0, repeats: 1 }]);
    assert.equal(again.document.incidents[0].timeline.length, first.document.incidents[0].timeline.length, 'no new event for a repeat');
    assert.equal(again.document.incidents[0].alerts![0].notifications, 2);
    const grouped = apply(again.document, payload('firing-grouped'));
    assert.deepEqual([grouped.outcome, grouped.incidentId, grouped.counts], ['attached', first.incidentId, { new: 1, changed: 0, repeats: 1 }]);
    assert.equal(grouped.document.incidents.length, 1);
    assert.equal(alertLines(grouped.document, first.incidentId!).length, 2);
  });

  it('records the resolution, says every alert resolved, and never moves the status itself', () => {
    const grouped = apply(apply(EMPTY, payload('firing')).document, payload('firing-grouped'));
    const resolved = apply(grouped.document, payload('resolved'));
    assert.deepEqual([resolved.outcome, resolved.counts, resolved.allResolved], ['attached', { new: 0, changed: 2, repeats: 0 }, true]);
    const [incident] = resolved.document.incidents;
    assert.equal(incident.status, 'detected');
    assert.ok(alertLines(resolved.document, incident.id).some((event) => /resolved at 2026-12-07T04:04:34\.433Z/.test(event.text)));
    assert.equal(apply(grouped.document, payload('firing-grouped')).allResolved, false);
  });

  it('opens a new incident naming the earlier one when an alert fires again after its incident was resolved; a late resolution joins the resolved one', () => {
    const opened = apply(EMPTY, payload('firing'));
    const id = opened.incidentId!;
    const resolvedIncident = { ...opened.document, incidents: opened.document.incidents.map((i) => changeStatus(changeStatus(i, 'mitigated', ctx()), 'resolved', ctx())) };
    const late = apply(resolvedIncident, payload('resolved'));
    assert.deepEqual([late.outcome, late.incidentId, late.document.incidents.length], ['attached', id, 1]);
    const refire = apply(
      late.document,
      reshaped('firing', (alert) => ({ ...alert, startsAt: '2026-12-07T06:00:00Z' })),
    );
    assert.equal(refire.outcome, 'declared');
    assert.notEqual(refire.incidentId, id);
    assert.equal(refire.earlier, id);
    assert.equal(refire.document.incidents.length, 2);
    const fresh = refire.document.incidents.find((i) => i.id === refire.incidentId)!;
    assert.ok(fresh.timeline.some((event) => event.data?.earlierIncident === id && event.text.includes(id)));
  });

  it('writes nothing for resolved alerts no incident holds, nor when the rule only attaches and no incident is open', () => {
    const resolvedOnly = apply(EMPTY, payload('resolved'));
    assert.deepEqual([resolvedOnly.outcome, resolvedOnly.document], ['ignored', EMPTY]);
    const plan = { ...defaultPlan(), intake: { rules: [{ name: 'attach-only', match: { 'labels.alertname': 'HighErrorRate' }, declare: false }] } } as ResponsePlan;
    const attachOnly = apply(EMPTY, payload('firing'), plan);
    assert.equal(attachOnly.outcome, 'ignored');
    assert.match(attachOnly.reason, /attach-only/);
    assert.equal(attachOnly.document, EMPTY);
  });

  it('writes a flapping alert as a few lines and a count, not one line per change', () => {
    let document = apply(EMPTY, payload('firing')).document;
    const base = Date.parse('2026-12-07T05:00:00Z');
    for (let flip = 1; flip <= 500; flip++) {
      const at = new Date(base + flip * 60_000).toISOString();
      const body = reshaped('firing', (alert) =>
        flip % 2 ? { ...alert, status: 'resolved', endsAt: at } : { ...alert, status: 'firing', startsAt: at, endsAt: '0001-01-01T00:00:00Z' },
      );
      document = apply(document, body).document;
    }
    const [incident] = document.incidents;
    assert.equal(incident.alerts![0].changes, 500);
    assert.equal(alertLines(document, incident.id).length, FLAP_EVENTS + 1, 'first firing, three changes, one line saying it flaps');
  });

  it('two receivers given the same notifications write the same store, and joining them keeps one incident with each line once', () => {
    const bodies = [payload('firing'), payload('firing-grouped'), payload('firing-grouped'), payload('resolved')];
    const receive = (list: unknown[]) => list.reduce<StoreDocument>((document, body) => apply(document, body).document, EMPTY);
    const a = receive(bodies);
    // The second receiver missed the first notification and got one repeat more.
    const b = receive([bodies[1], bodies[2], bodies[2], bodies[3]]);
    const joined = joinStores(a, b);
    assert.equal(joined.incidents.length, 1);
    assert.equal(joined.incidents[0].id, a.incidents[0].id);
    const lines = joined.incidents[0].timeline.map((event) => event.id);
    assert.equal(new Set(lines).size, lines.length, 'each line once');
    assert.equal(alertLines(joined, joined.incidents[0].id).length, 4, 'two firings and two resolutions');
    assert.equal(formatStore(joinStores(b, a)), formatStore(joined), 'the same either way');
    assert.equal(formatStore(receive(bodies)), formatStore(a), 'the same notifications always write the same bytes');
  });
});
