/** Which channels a message goes to: the severity's notify, the update's audience, outside readers' rules, only delivered channels, once per channel. */
import * as assert from 'node:assert/strict';
import { postStatusUpdate } from '../../../../src/core/lifecycle/changes';
import { channelsFor, deliveriesAdded, deliveriesFor, withMessageDeliveries } from '../../../../src/workflows/delivery/deliveryTargets';
import { anIncident, ctx, minutesAfter } from '../../core/builders';
import { channel, deliveryPlan } from '../../core/delivery/deliveryStores';

const NOW = minutesAfter(5);
const plan = () => {
  const base = deliveryPlan();
  return {
    ...base,
    severities: { ...base.severities, SEV1: { ...base.severities.SEV1, notify: ['responders', 'status'] } },
    channels: [...base.channels, { name: 'pager', audience: 'responders', reach: '#pager' }, channel('outside-ops', 'customers')],
  };
};

describe('deliveriesFor: which channels get a message', () => {
  it("sends the declaration to the channels the severity's notify names, by name or audience, that have a delivery", () => {
    const names = channelsFor(anIncident(), 'declared', 'e1', plan()).map((target) => target.name);
    assert.deepEqual(names, ['incident-command', 'status'], '"pager" has no delivery; stakeholders are not named');
  });

  it("adds the channels an incident type's tell names to the declaration's, for an incident of that type only", () => {
    const typed = { ...plan(), types: [{ id: 'data-loss', title: 'Data loss', definition: 'Data gone', category: 'security' as const, tell: ['stakeholders'] }] };
    const names = (incident: ReturnType<typeof anIncident>) => channelsFor(incident, 'declared', 'e1', typed as never).map((target) => target.name);
    assert.deepEqual(names({ ...anIncident(), type: 'data-loss' }), ['incident-command', 'stakeholders', 'status']);
    assert.deepEqual(names(anIncident()), ['incident-command', 'status']);
  });

  it("sends an update to its audience's channels only, and an update for the team never to customers", () => {
    const team = postStatusUpdate(anIncident(), { audience: 'stakeholders', text: 'Rolling back' }, ctx(NOW));
    assert.deepEqual(
      channelsFor(team, 'update', team.updates[0].id, plan()).map((target) => target.name),
      ['stakeholders'],
    );
    const customers = postStatusUpdate(anIncident(), { audience: 'customers', text: 'We are on it' }, ctx(NOW));
    assert.deepEqual(
      channelsFor(customers, 'update', customers.updates[0].id, plan()).map((target) => target.name),
      ['status', 'outside-ops'],
    );
    assert.deepEqual(channelsFor(customers, 'update', 'no-such-update', plan()), []);
  });

  it('never delivers a drill outside the team; resolution and closure go to every delivered team channel', () => {
    const drill = anIncident({ drill: true });
    assert.deepEqual(
      channelsFor(drill, 'resolved', 'e2', plan()).map((target) => target.name),
      ['incident-command', 'stakeholders'],
    );
  });

  it("writes pending records on the author machine's claim, and none twice for the same message and channel", () => {
    const incident = postStatusUpdate(anIncident(), { audience: 'stakeholders', text: 'Rolling back' }, ctx(NOW));
    const [record, ...rest] = deliveriesFor(incident, 'update', incident.updates[0].id, plan(), 'alpha', 'Dana', NOW);
    assert.equal(rest.length, 0);
    assert.deepEqual([record.state, record.origin, record.channel, Object.keys(record.claims ?? {})], ['pending', 'alpha', 'stakeholders', ['0/alpha']]);
    assert.deepEqual(deliveriesFor({ ...incident, deliveries: [record] }, 'update', incident.updates[0].id, plan(), 'beta', 'Sam', NOW), []);
  });

  it('asks for the machine id only when a channel gets the message', () => {
    let asked = 0;
    const machine = () => (asked++, 'alpha');
    const incident = anIncident();
    const posted = postStatusUpdate(incident, { audience: 'stakeholders', text: 'x' }, ctx(NOW));
    const quiet = withMessageDeliveries(incident, posted, { plan: () => ({ ...plan(), channels: [] }), machine }, ctx(NOW));
    assert.equal(quiet, posted);
    assert.equal(asked, 0);
    const told = withMessageDeliveries(incident, posted, { plan, machine }, ctx(NOW));
    assert.equal(told.deliveries?.length, 1);
    assert.equal(asked, 1);
    assert.deepEqual(
      deliveriesAdded(incident, told).map((record) => record.id),
      [`${posted.updates.at(-1)?.id}|stakeholders`],
    );
  });
});
