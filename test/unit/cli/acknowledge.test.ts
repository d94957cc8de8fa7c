import * as assert from 'node:assert/strict';
import { acknowledge, acknowledgement } from '../../../src/core/lifecycle/acknowledge';
import { changeStatus } from '../../../src/core/lifecycle/lifecycle';
import { slaClocks, resolvePolicy } from '../../../src/core/clocks/sla';
import { anIncident, ctx, minutesAfter } from '../core/builders';
import { tempRepo } from '../store/tempRepo';
import { incident } from './runCli';

const show = async (repo: string, id: string) => JSON.parse((await incident(repo, 'show', id, '--json')).stdout);

describe('acknowledging an incident: "I have it"', () => {
  it('stamps the response once, makes the first to acknowledge commander when nobody commands, and says so on the timeline', () => {
    const open = anIncident({ commander: undefined });
    assert.equal(open.roles.commander, undefined);
    const acked = acknowledge(open, ctx(minutesAfter(4), 'Sam Lee <sam@example.com>'));
    assert.equal(acked.acknowledgedAt, minutesAfter(4).toISOString());
    assert.equal(acked.roles.commander, 'Sam Lee <sam@example.com>');
    assert.deepEqual(
      acked.timeline.slice(-2).map((event) => event.text),
      ['Sam Lee <sam@example.com> is commander', 'Acknowledged by Sam Lee <sam@example.com>'],
    );
    assert.deepEqual(acknowledgement(acked), { at: minutesAfter(4).toISOString(), by: 'Sam Lee <sam@example.com>' });
    const [response] = slaClocks(acked, resolvePolicy(undefined), minutesAfter(30));
    assert.equal(response.metAt?.toISOString(), minutesAfter(4).toISOString(), 'the response clock stops');
    assert.equal(acknowledge(acked, ctx(minutesAfter(6), 'Ana Lima <ana@example.com>')), acked, 'a second acknowledgement changes nothing');
  });

  it('keeps a commander already named, and refuses an incident that has ended', () => {
    const led = anIncident({ commander: 'Ana Lima <ana@example.com>' });
    const withoutAck = { ...led, acknowledgedAt: undefined };
    assert.equal(acknowledge(withoutAck, ctx(minutesAfter(2), 'Sam Lee <sam@example.com>')).roles.commander, 'Ana Lima <ana@example.com>');
    const resolved = changeStatus(changeStatus(acknowledge(withoutAck, ctx(minutesAfter(2))), 'triaged', ctx(minutesAfter(3))), 'resolved', ctx(minutesAfter(4)));
    assert.throws(() => acknowledge({ ...resolved, acknowledgedAt: undefined }, ctx(minutesAfter(5))), /is resolved: there is nothing to acknowledge/);
  });

  it('incident ack ID acknowledges from the command line; again says who already did, and changes nothing', async () => {
    const repo = tempRepo();
    const id = (await incident(repo, 'declare', '--title', 'Checkout 500s', '--category', 'regression', '--severity', 'SEV1', '--no-commander')).stdout;
    assert.equal((await show(repo, id)).acknowledgedAt, undefined);
    const acked = await incident(repo, 'ack', id);
    assert.equal(acked.code, 0, acked.stderr);
    assert.match(acked.stdout, /^INC-\w+ acknowledged by Dana Ortiz <dana@example.com>; commander Dana Ortiz <dana@example.com>$/);
    const after = await show(repo, id);
    assert.ok(after.acknowledgedAt);
    const again = await incident(repo, 'ack', id);
    assert.match(again.stdout, /^INC-\w+ was already acknowledged at .* by Dana Ortiz <dana@example.com>; nothing changed$/);
    assert.deepEqual(await show(repo, id), after);
    const unknown = await incident(repo, 'ack', 'INC-00000000');
    assert.deepEqual([unknown.code, unknown.stderr.split('\n').length], [1, 1]);
  });
});
