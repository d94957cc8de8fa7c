/**
 * `incident deliver` reminds the channels that ask (`remindOverdue`) when an
 * update is overdue: once per due time, whether one machine runs it twice or
 * two clones syncing through a git daemon on 127.0.0.1 run it one after the
 * other and at the same time; and a reminder not yet sent when the update
 * comes is never sent. Counted at a loopback receiver of our signed webhook.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { postStatusUpdate } from '../../../src/core/lifecycle/changes';
import { IncidentStore } from '../../../src/store/incidentStore';
import { emptyRepo } from '../git/repoBuilder';
import type { Clone, Team } from '../sync/syncTeam';
import { as, buildCli, QUICK_TIMES, spawned, twoClones } from './deliveryClones';
import { deliveryWorld, writePlan, type DeliveryWorld } from './deliveryFixture';

/** The fixture's plan with reminders asked of the signed webhook channel only. */
function remindingPlan(world: DeliveryWorld): object {
  const plan = world.plan as { channels: { name: string; delivery: object }[] };
  return { ...plan, channels: plan.channels.map((channel) => (channel.name === 'ops-webhook' ? { ...channel, delivery: { ...channel.delivery, remindOverdue: true } } : channel)) };
}

/** An update on `id` whose promised next update was due a minute ago (written to the store, delivered nowhere). */
async function lateUpdate(dir: string, id: string): Promise<string> {
  const at = new Date();
  const due = new Date(at.getTime() - 60_000);
  await new IncidentStore(dir).update(id, (current) =>
    postStatusUpdate(current, { audience: 'ops', text: 'Looking into it', nextUpdateBy: due }, { at, author: 'Dana <dana@example.com>' }),
  );
  return due.toISOString();
}

/** The reminders the webhook receiver took, by the due time their text names. */
const reminders = (world: DeliveryWorld) =>
  world.receivers.accepted
    .filter((request) => request.kind === 'webhook' && (request.body as { event?: string }).event === 'overdue')
    .map((request) => request.body as { text: string });
const chatCount = (world: DeliveryWorld) => world.receivers.accepted.length;
const records = (dir: string) =>
  (
    JSON.parse(readFileSync(join(dir, '.incidents', 'incidents.json'), 'utf8')) as {
      incidents: { deliveries?: { event: string; state: string; message: string; lastError?: string }[] }[];
    }
  ).incidents[0].deliveries ?? [];

describe('incident deliver: reminders that an update is overdue', function () {
  this.timeout(300_000);
  let world: DeliveryWorld;
  beforeEach(async () => {
    world = await deliveryWorld();
    process.env.INCIDENT_DELIVERY_TIMES = QUICK_TIMES;
  });
  afterEach(async () => {
    delete process.env.INCIDENT_DELIVERY_TIMES;
    await world.stop();
  });

  describe('one machine', () => {
    let repo: string;
    let id: string;
    beforeEach(async () => {
      repo = emptyRepo('incident-remind-');
      writePlan(repo, remindingPlan(world));
      id = (await as('alpha', repo, 'declare', '--title', 'Checkout down', '--category', 'regression', '--severity', 'SEV2')).stdout;
    });

    it('sends one reminder to the channel that asks (a dry run first, which writes nothing), however often it runs, with the time it was due', async () => {
      assert.equal((await as('alpha', repo, 'deliver')).stdout, 'Nothing to deliver.', 'nothing is due yet (SEV2: an update an hour after declaring)');
      const due = await lateUpdate(repo, id);
      const dry = await as('alpha', repo, 'deliver', '--dry-run');
      assert.equal(dry.stdout, `${id} overdue → ops-webhook: would send`);
      assert.deepEqual(records(repo), [], 'a dry run writes nothing');
      const first = await as('alpha', repo, 'deliver');
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, new RegExp(`^${id} overdue → ops-webhook: sent`));
      await as('bravo', repo, 'deliver');
      assert.equal((await as('alpha', repo, 'deliver')).stdout, 'Nothing to deliver.');
      assert.equal(reminders(world).length, 1);
      assert.equal(chatCount(world), 1, 'no other channel was reminded');
      assert.deepEqual(world.receivers.rejected, []);
      assert.match(reminders(world)[0].text, new RegExp(`Update was due by: ${due.slice(0, 10)} ${due.slice(11, 16)} UTC`));
      assert.deepEqual(
        records(repo).map((record) => [record.event, record.state, record.message]),
        [['overdue', 'sent', `overdue:${due}`]],
      );
    });

    it('a reminder still waiting (a 500, to be retried) when the update comes is never sent', async () => {
      await lateUpdate(repo, id);
      world.receivers.fail('webhook', { status: 500 }, 1);
      assert.match((await as('alpha', repo, 'deliver')).stdout, /overdue → ops-webhook: waiting \(next try after .* \(500 from the signed webhook/);
      const posted = await as('alpha', repo, 'update', id, '--audience', 'ops', '--next', '1h', 'Rolled back; watching');
      assert.equal(posted.code, 0, posted.stderr);
      assert.equal((await as('alpha', repo, 'deliver')).stdout, 'Nothing to deliver.');
      assert.equal(reminders(world).length, 0);
      const reminder = records(repo).find((record) => record.event === 'overdue');
      assert.equal(reminder?.state, 'obsolete');
      assert.match(reminder?.lastError ?? '', /^an update was posted at .* UTC, after the reminder's due time/);
      assert.equal(world.receivers.accepted.filter((request) => request.kind === 'webhook').length, 1, 'the update itself went out');
    });
  });

  describe('two clones (git daemon)', () => {
    let crew: Team;
    let a: Clone;
    let b: Clone;
    before(buildCli);
    beforeEach(async () => {
      ({ crew, a, b } = await twoClones(remindingPlan(world), lateUpdate));
    });
    afterEach(() => crew.server.stop());

    it('both notice the overdue update, one after the other: one reminder', async () => {
      for (let round = 0; round < 3; round++) {
        await as('beta', b.dir, 'deliver');
        await as('alpha', a.dir, 'deliver');
      }
      assert.equal(reminders(world).length, 1);
    });

    it('both notice it at the same time, again and again: one reminder', async () => {
      for (let round = 0; round < 8 && reminders(world).length === 0; round++) await Promise.all([spawned('alpha', a.dir, 'deliver'), spawned('beta', b.dir, 'deliver')]);
      assert.equal(reminders(world).length, 1, 'sent once the claims were settled');
      for (let round = 0; round < 2; round++) await Promise.all([spawned('alpha', a.dir, 'deliver'), spawned('beta', b.dir, 'deliver')]);
      assert.equal(reminders(world).length, 1);
      await as('alpha', a.dir, 'sync');
      assert.deepEqual(
        records(a.dir).map((record) => record.state),
        ['sent'],
      );
    });
  });
});
