import * as assert from 'node:assert/strict';
import { dueAlerts } from '../../../../src/core/clocks/alerts';
import { changeStatus } from '../../../../src/core/lifecycle/lifecycle';
import { resolvePolicy } from '../../../../src/core/clocks/sla';
import { anIncident, ctx, minutesAfter } from '../builders';

const policy = resolvePolicy(undefined);
const LEAD = 5 * 60_000;

describe('SLA and update alerts', () => {
  it('is quiet while every deadline is further than the lead time', () => {
    assert.deepEqual(dueAlerts(anIncident(), policy, minutesAfter(2), LEAD), []);
  });

  it('warns shortly before the response deadline, then again once it is breached, with distinct keys', () => {
    const soon = dueAlerts(anIncident(), policy, minutesAfter(11), LEAD);
    assert.deepEqual(
      soon.map((a) => [a.kind, a.stage]),
      [['response', 'soon']],
    );
    assert.match(soon[0].message, /response due in 4m/);
    const late = dueAlerts(anIncident(), policy, minutesAfter(16), LEAD);
    assert.deepEqual(
      late.map((a) => [a.kind, a.stage]),
      [['response', 'breached']],
    );
    assert.notEqual(soon[0].key, late[0].key);
    assert.equal(dueAlerts(anIncident(), policy, minutesAfter(17), LEAD)[0].key, late[0].key, 'the same breach keeps its key so it is shown once');
  });

  it('reminds the communicator when an update is due, and stops for resolved incidents', () => {
    const acknowledged = changeStatus(anIncident({ commander: 'Sam' }), 'triaged', ctx(minutesAfter(1)));
    const kinds = dueAlerts(acknowledged, policy, minutesAfter(27), LEAD).map((a) => a.kind);
    assert.deepEqual(kinds, ['update']);
    const resolved = changeStatus(acknowledged, 'resolved', ctx(minutesAfter(20)));
    assert.deepEqual(dueAlerts(resolved, policy, minutesAfter(300), LEAD), []);
  });
});
