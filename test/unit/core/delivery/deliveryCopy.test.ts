/** What Copy instead puts on the clipboard: the message the channel would have received, with its audience's rules. */
import * as assert from 'node:assert/strict';
import { addTimelineEvent } from '../../../../src/core/lifecycle/timeline';
import { postStatusUpdate } from '../../../../src/core/lifecycle/changes';
import { deliveryCopyText } from '../../../../src/core/delivery/deliveryCopy';
import { newDelivery } from '../../../../src/core/delivery/deliveryRecords';
import { undeliveredRecords } from '../../../../src/core/delivery/undelivered';
import { changeStatus } from '../../../../src/core/lifecycle/lifecycle';
import { assignRole } from '../../../../src/core/lifecycle/changes';
import { anIncident, ctx, minutesAfter } from '../builders';
import { deliveryPlan } from './deliveryStores';

const NOW = minutesAfter(30);

function incidentWithUpdates() {
  const noted = addTimelineEvent(
    anIncident({ title: 'Acme Corp card data leak via dana@example.com' }),
    { kind: 'note', text: 'SECRET-NOTE db password rotated' },
    ctx(minutesAfter(1)),
  );
  const internal = postStatusUpdate(noted, { audience: 'stakeholders', text: 'Dana is rolling back the Acme deploy' }, ctx(minutesAfter(2)));
  return postStatusUpdate(internal, { audience: 'customers', text: 'Card payments fail for some customers; we are fixing it.' }, ctx(minutesAfter(3)));
}

describe('deliveryCopyText: the message to paste by hand', () => {
  it("is the update the delivery was for, in the channel's words", () => {
    const incident = incidentWithUpdates();
    const [internal] = incident.updates;
    const text = deliveryCopyText(incident, { event: 'update', message: internal.id, channel: 'stakeholders' }, deliveryPlan(), NOW);
    assert.match(text, /Dana is rolling back the Acme deploy/);
    assert.match(text, new RegExp(incident.id));
    assert.doesNotMatch(text, /Card payments fail/, 'not the later update');
  });

  it('for a customer channel names nobody and carries no note, title or internal update', () => {
    const incident = incidentWithUpdates();
    const customers = incident.updates[1];
    const text = deliveryCopyText(incident, { event: 'update', message: customers.id, channel: 'status' }, deliveryPlan(), NOW);
    assert.match(text, /Card payments fail for some customers/);
    for (const secret of ['SECRET-NOTE', 'dana@example.com', 'Acme Corp', 'Dana is rolling back', 'SECRET-NOTIFY']) assert.ok(!text.includes(secret), `no "${secret}"`);
  });

  it('says so when the channel is gone from the plan', () => {
    const incident = incidentWithUpdates();
    assert.throws(() => deliveryCopyText(incident, { event: 'update', message: incident.updates[0].id, channel: 'gone' }, deliveryPlan(), NOW), /no channel "gone" any more/);
  });
});

describe('undeliveredRecords: the failures a person hears about', () => {
  const failed = (message: string, createdAt: Date) => ({
    ...newDelivery({ message, event: 'update', channel: 'stakeholders', createdBy: 'Dana', origin: 'alpha' }, createdAt),
    state: 'failed' as const,
    lastError: '404 from Slack',
  });

  it("an active incident's failures, newest first; a resolved one's only within a day; sent ones never", () => {
    const active = { ...anIncident(), deliveries: [failed('a', minutesAfter(1)), failed('b', minutesAfter(5)), { ...failed('c', minutesAfter(6)), state: 'sent' as const }] };
    const resolved = changeStatus(changeStatus(assignRole(anIncident(), 'commander', 'Sam', ctx()), 'triaged', ctx()), 'resolved', ctx());
    const old = { ...resolved, id: 'INC-OLD', deliveries: [failed('d', minutesAfter(0))] };
    const dayLater = new Date(minutesAfter(0).getTime() + 25 * 60 * 60_000);
    assert.deepEqual(
      undeliveredRecords([active, old], NOW).map(({ record }) => record.message),
      ['b', 'a', 'd'],
    );
    assert.deepEqual(
      undeliveredRecords([active, old], dayLater).map(({ record }) => record.message),
      ['b', 'a'],
    );
  });
});
