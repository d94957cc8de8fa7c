/**
 * The follow-ups pass as VS Code calls it (runFollowups), against a
 * loopback GitHub on 127.0.0.1 and a real store: the `sending` mark must
 * reach the team before the request (a sync that fails then makes no
 * issue, and a later pass makes one); without a token nothing is tried and
 * the pass says where the token goes; the item is done once its issue
 * closes.
 */
import * as assert from 'node:assert/strict';
import { addActionItem } from '../../../../src/core/lifecycle/changes';
import { declareIncident } from '../../../../src/core/lifecycle/declare';
import { planSchema } from '../../../../src/core/plan/plan';
import { IncidentStore } from '../../../../src/store/incidentStore';
import { askExports, runFollowups, type FollowupOptions } from '../../../../src/workflows/tracker/followupLoop';
import { startTrackerServer, type TrackerServer } from '../../../harness/trackerServers';
import { tempRepo } from '../../store/tempRepo';

const TOKEN = 'ghp_loopTestToken0123456789abcdefABCDEF';

describe('the follow-ups pass (runFollowups)', function () {
  this.timeout(60_000);
  let github: TrackerServer;
  let store: IncidentStore;
  let incidentId: string;
  let itemId: string;
  let options: FollowupOptions;
  const record = () => store.read().incidents[0].retrospective.actionItems[0];

  beforeEach(async () => {
    github = await startTrackerServer({ kind: 'github', token: TOKEN, project: 'acme/shop' });
    store = new IncidentStore(tempRepo());
    const now = new Date();
    const declared = await store.declare((id) => declareIncident({ title: 'Checkout down', category: 'regression', severity: 'SEV2' }, { at: now, author: 'Dana' }, id));
    incidentId = declared.id;
    itemId = (await store.update(incidentId, (incident) => addActionItem(incident, { title: 'Add a canary' }, { at: now, author: 'Dana' }))).retrospective.actionItems[0].id;
    options = {
      machine: 'alpha',
      person: 'Dana',
      plan: planSchema.parse({ version: 1, tracker: { kind: 'github', url: github.url, repo: 'acme/shop' } }),
      secrets: (name) => (name === 'tracker' ? TOKEN : undefined),
      now: () => new Date(),
      timeoutMs: 5000,
      times: { staleMs: 60_000, attempts: 5, backoffMs: 1 },
    };
    await askExports({ store }, [{ incident: incidentId, item: itemId }], options);
  });
  afterEach(() => github.stop());

  it('makes no issue when the sending mark could not be synced, and one on the next pass', async () => {
    let syncs = 0;
    // The claim's sync works, the sending mark's fails.
    const failing = await runFollowups({ store }, { ...options, sync: async () => ++syncs !== 3 });
    assert.equal(github.creates, 0, 'no request before the mark reached the team');
    assert.equal(record().export?.state, 'pending');
    assert.equal(failing.reports[0].state, 'waiting');
    const pass = await runFollowups({ store }, { ...options, sync: async () => true });
    assert.equal(github.creates, 1);
    assert.equal(pass.reports[0].state, 'exported');
    assert.deepEqual(github.problems, []);
  });

  it('without a token tries nothing, leaves the export waiting and says where the token goes', async () => {
    const pass = await runFollowups({ store }, { ...options, secrets: () => undefined });
    assert.match(pass.blocked ?? '', /INCIDENT_SECRET_TRACKER/);
    assert.equal(record().export?.state, 'pending');
    assert.equal(github.creates + github.reads, 0);
  });

  it('marks the item done once its issue is closed', async () => {
    await runFollowups({ store }, options);
    assert.equal((await runFollowups({ store }, options)).closed, 0);
    github.close('1');
    assert.equal((await runFollowups({ store }, options)).closed, 1);
    assert.equal(record().status, 'done');
    assert.equal((await runFollowups({ store }, options)).closed, 0);
    assert.equal(github.creates, 1);
  });
});
