/** The delivery loop against loopback receivers: no request unless the `sending` mark was synced, a mark left by a crash never resent, secrets only from the lookup. */
import * as assert from 'node:assert/strict';
import { IncidentStore } from '../../../../src/store/incidentStore';
import { planOf } from '../../../../src/cli/incidentLines';
import { runDeliveries, type RunOptions } from '../../../../src/workflows/delivery/deliveryLoop';
import { emptyRepo } from '../../git/repoBuilder';
import { incident } from '../../cli/runCli';
import { counts, deliveryWorld, writePlan, type DeliveryWorld } from '../../cli/deliveryFixture';

describe('runDeliveries', function () {
  this.timeout(60_000);
  let world: DeliveryWorld;
  let store: IncidentStore;
  let options: RunOptions;
  beforeEach(async () => {
    world = await deliveryWorld();
    const repo = emptyRepo('incident-loop-');
    writePlan(repo, world.plan);
    process.env.INCIDENT_MACHINE_ID = 'alpha';
    const id = (await incident(repo, 'declare', '--title', 'Checkout down', '--category', 'regression', '--severity', 'SEV2')).stdout;
    await incident(repo, 'update', id, '--audience', 'ops', '--no-deliver', 'Rolling back');
    delete process.env.INCIDENT_MACHINE_ID;
    store = new IncidentStore(repo);
    options = {
      machine: 'alpha',
      plan: planOf(store),
      secrets: (name) => process.env[`INCIDENT_SECRET_${name.toUpperCase().replace(/-/g, '_')}`],
      now: () => new Date(),
      timeoutMs: 10_000,
      emailCa: world.smtp.ca,
    };
  });
  afterEach(() => world.stop());

  const records = () => {
    const read = store.read();
    return read.kind === 'loaded' ? (read.document.incidents[0].deliveries ?? []) : [];
  };
  const total = () => Object.values(counts(world)).reduce((a, b) => a + b, 0);

  it('makes no request while the sending mark cannot be synced, takes the mark back, and sends once when sync works', async () => {
    let syncs = 0;
    const failing = await runDeliveries({ store }, { ...options, sync: async () => (syncs++, syncs === 1) });
    assert.equal(total(), 0);
    assert.equal(failing.waiting.length, 6);
    assert.match(failing.waiting[0].reason ?? '', /team sync failed before sending/);
    assert.deepEqual(new Set(records().map((record) => record.state)), new Set(['pending']), 'no mark is left that would read as "maybe sent"');
    const working = await runDeliveries({ store }, { ...options, sync: async () => true });
    assert.equal(working.sent.length, 6);
    assert.equal(total(), 6);
  });

  it('two processes of one machine (VS Code and the command line) at once: each message sent once, none taken for a crash', async () => {
    // The two runs reach each record together: one marks it and sends while the other finds the mark.
    const both = await Promise.all([runDeliveries({ store }, options), runDeliveries({ store }, options)]);
    assert.equal(total(), 6, 'each channel got the update once');
    assert.deepEqual(
      records().map((record) => [record.channel, record.state, record.uncertain ?? false]),
      ['slack', 'teams', 'mattermost', 'discord', 'webhook', 'email'].map((kind) => [`ops-${kind}`, 'sent', false]),
    );
    assert.equal(both[0].failed.length + both[1].failed.length, 0, 'nothing was marked failed');
  });

  it('never resends a mark its own machine left (a crash between mark and answer): after the mark is stale, failed, uncertain, for a person', async () => {
    const read = store.read();
    assert.equal(read.kind, 'loaded');
    const id = records()[0].id;
    await store.update(read.kind === 'loaded' ? read.document.incidents[0].id : '', (current) => ({
      ...current,
      deliveries: current.deliveries?.map((record) =>
        record.id === id ? { ...record, state: 'sending' as const, sendingBy: 'alpha', sendingAt: new Date().toISOString(), attempts: 1 } : record,
      ),
    }));
    const waiting = await runDeliveries({ store }, options);
    assert.equal(total(), 5);
    assert.deepEqual(
      waiting.waiting.map((report) => report.delivery),
      [id],
      'while the mark is fresh its request may still be in flight (another process of this machine): it waits',
    );
    const later = new Date(Date.now() + 6 * 60_000);
    const summary = await runDeliveries({ store }, { ...options, now: () => later });
    assert.equal(total(), 5);
    assert.deepEqual(
      summary.failed.map((report) => report.delivery),
      [id],
    );
    assert.equal(records().find((record) => record.id === id)?.uncertain, true);
  });

  it('without a secret: failed, not retried, saying where it goes; no request made', async () => {
    const summary = await runDeliveries({ store }, { ...options, secrets: () => undefined });
    assert.equal(total(), 0);
    assert.equal(summary.failed.length, 6);
    for (const report of summary.failed)
      assert.match(report.reason ?? '', /^no secret for channel "ops-\w+": put it in the environment variable INCIDENT_SECRET_OPS_\w+ \(command line, CI\)/);
    const again = await runDeliveries({ store }, options);
    assert.equal(again.sent.length + again.waiting.length, 0, 'failed stays failed until --retry');
  });

  it('a dry run writes and sends nothing', async () => {
    const before = JSON.stringify(records());
    const summary = await runDeliveries({ store }, { ...options, dryRun: true });
    assert.equal(summary.wouldSend.length, 6);
    assert.equal(JSON.stringify(records()), before);
    assert.equal(total(), 0);
  });
});
