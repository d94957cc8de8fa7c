/**
 * runDeliveries with reminders on, against our signed webhook's loopback
 * receiver: the reminder sent once; not sent when the update it waits for
 * arrives by team sync after its claim, or after its `sending` mark (the
 * loop looks again before the request); off unless asked.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { planOf } from '../../../../src/cli/incidentLines';
import { declareIncident } from '../../../../src/core/lifecycle/declare';
import { postStatusUpdate } from '../../../../src/core/lifecycle/changes';
import { STORE_SCHEMA_VERSION } from '../../../../src/core/record/schema';
import { IncidentStore } from '../../../../src/store/incidentStore';
import { formatStore } from '../../../../src/store/stableFormat';
import { runDeliveries, type RunOptions } from '../../../../src/workflows/delivery/deliveryLoop';
import { startChatReceivers, type ChatReceivers } from '../../../harness/chatReceivers';
import { emptyRepo } from '../../git/repoBuilder';

const ID = 'INC-REM1NDED';
const AUTHOR = 'Dana Ortiz <dana@example.com>';

describe('runDeliveries with overdue reminders', function () {
  this.timeout(60_000);
  let receivers: ChatReceivers;
  let store: IncidentStore;
  let options: RunOptions;
  beforeEach(async () => {
    receivers = await startChatReceivers();
    const repo = emptyRepo('incident-remind-loop-');
    mkdirSync(join(repo, '.incidents'));
    const now = Date.now();
    let incident = declareIncident({ title: 'Checkout down', category: 'regression', severity: 'SEV2' }, { at: new Date(now - 600_000), author: AUTHOR }, ID);
    incident = postStatusUpdate(incident, { audience: 'ops', text: 'Looking', nextUpdateBy: new Date(now - 60_000) }, { at: new Date(now - 300_000), author: AUTHOR });
    writeFileSync(join(repo, '.incidents', 'incidents.json'), formatStore({ version: STORE_SCHEMA_VERSION, incidents: [incident], deploys: [] }));
    const channel = { name: 'ops-webhook', audience: 'ops', reach: '#ops', delivery: { kind: 'webhook', url: receivers.urls.webhook, remindOverdue: true } };
    writeFileSync(join(repo, '.incidents', 'plan.json'), JSON.stringify({ version: 1, channels: [channel] }));
    store = new IncidentStore(repo);
    options = { machine: 'alpha', plan: planOf(store), secrets: () => receivers.signingKey, now: () => new Date(), timeoutMs: 10_000, remindOverdue: { person: AUTHOR } };
  });
  afterEach(() => receivers.stop());

  const reminder = () => {
    const read = store.read();
    return read.kind === 'loaded' ? read.document.incidents[0].deliveries?.find((record) => record.event === 'overdue') : undefined;
  };
  /** Team sync that, on its `n`-th call, brings an update from another machine (posted now, the next one in an hour). */
  const syncBringingUpdateAt = (n: number) => {
    let calls = 0;
    return async () => {
      if (++calls === n)
        await store.update(ID, (current) =>
          postStatusUpdate(current, { audience: 'ops', text: 'Fixed', nextUpdateBy: new Date(Date.now() + 3_600_000) }, { at: new Date(), author: 'Sam' }),
        );
      return true;
    };
  };

  it('sends it once when nothing changes, claimed and synced first; a second run sends nothing', async () => {
    let syncs = 0;
    const summary = await runDeliveries({ store }, { ...options, sync: async () => (syncs++, true) });
    assert.deepEqual(
      summary.sent.map((report) => [report.event, report.channel]),
      [['overdue', 'ops-webhook']],
    );
    assert.equal(syncs, 4, 'the run starts with a sync, then the claim, the sending mark and the outcome are synced');
    assert.equal((await runDeliveries({ store }, { ...options, sync: async () => true })).sent.length, 0);
    assert.equal(receivers.accepted.length, 1);
    assert.deepEqual(receivers.rejected, []);
  });

  for (const [n, when] of [
    [2, 'after its claim'],
    [3, 'after its sending mark'],
  ] as const)
    it(`does not send it when the update arrives by sync ${when}: obsolete, with why`, async () => {
      const summary = await runDeliveries({ store }, { ...options, sync: syncBringingUpdateAt(n) });
      assert.equal(receivers.accepted.length, 0);
      assert.deepEqual(
        summary.obsolete.map((report) => report.channel),
        ['ops-webhook'],
      );
      assert.equal(reminder()?.state, 'obsolete');
      assert.match(reminder()?.lastError ?? '', /^an update was posted at .* UTC, after the reminder's due time/);
    });

  it('adds no reminder unless asked', async () => {
    const { remindOverdue: _off, ...withoutReminders } = options;
    const summary = await runDeliveries({ store }, withoutReminders);
    assert.equal(summary.sent.length, 0);
    assert.equal(reminder(), undefined);
    assert.equal(receivers.accepted.length, 0);
  });
});
