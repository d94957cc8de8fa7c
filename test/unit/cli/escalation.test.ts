/**
 * Escalation: an incident routed to a rotation (its severity's `rotation`)
 * that nobody acknowledges by its response target pages the next person on
 * call through the rotation's `page` channels, once, whether one machine runs
 * the delivery again and again or two clones syncing through a git daemon on
 * 127.0.0.1 run it at the same time; the timeline says who was told when; an
 * acknowledgement first stops it. Counted at a loopback receiver of our
 * signed webhook (a paging service's stand-in).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IncidentStore } from '../../../src/store/incidentStore';
import { defaultPlan } from '../../../src/core/plan/plan';
import { emptyRepo } from '../git/repoBuilder';
import type { Clone, Team } from '../sync/syncTeam';
import { as, buildCli, QUICK_TIMES, spawned, twoClones } from './deliveryClones';
import { deliveryWorld, writePlan, type DeliveryWorld } from './deliveryFixture';
import { SAM, ANA, KIM, paymentsRotation } from '../core/paymentsRotation';

/** The fixture's channels, SEV2 routed to "payments" (Sam primary this week, Ana secondary), paged through the signed webhook. */
function pagingPlan(world: DeliveryWorld): object {
  return {
    ...(world.plan as object),
    severities: { ...defaultPlan().severities, SEV2: { ...defaultPlan().severities.SEV2, rotation: 'payments' } },
    oncall: {
      timeZone: 'UTC',
      rotations: [paymentsRotation([SAM, ANA, KIM], ['ops-webhook'])],
    },
  };
}

/** Makes the incident look declared `minutes` ago by the alert pipeline: no commander, not acknowledged. */
async function unacknowledgedFor(dir: string, id: string, minutes = 40): Promise<void> {
  const declaredAt = new Date(Date.now() - minutes * 60_000).toISOString();
  await new IncidentStore(dir).update(id, (current) => ({
    ...current,
    declaredAt,
    acknowledgedAt: undefined,
    roles: { ...current.roles, commander: undefined },
    timeline: current.timeline.map((event, index) => (index === 0 ? { ...event, at: declaredAt } : event)),
  }));
}

const pages = (world: DeliveryWorld) =>
  world.receivers.accepted
    .filter((request) => request.kind === 'webhook' && (request.body as { event?: string }).event === 'escalation')
    .map((request) => request.body as { text: string; headline: string });
const incidentIn = (dir: string) =>
  (
    JSON.parse(readFileSync(join(dir, '.incidents', 'incidents.json'), 'utf8')) as {
      incidents: { timeline: { text: string; author: string }[]; deliveries?: { event: string; state: string; lastError?: string }[] }[];
    }
  ).incidents[0];

describe('incident deliver: escalation when nobody acknowledges', function () {
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
      repo = emptyRepo('incident-escalate-');
      writePlan(repo, pagingPlan(world));
      const declared = await as('alpha', repo, 'declare', '--title', 'Checkout down', '--category', 'regression', '--severity', 'SEV2', '--no-commander', '--no-deliver');
      assert.equal(declared.code, 0, declared.stderr);
      id = declared.stdout.split('\n')[0];
    });

    it('pages the secondary once the response target passed, once however often it runs, and says so on the timeline', async () => {
      await unacknowledgedFor(repo, id, 10);
      assert.doesNotMatch((await as('alpha', repo, 'deliver')).stdout, /escalation/, 'SEV2 responds in 30m: not yet');
      await unacknowledgedFor(repo, id, 40);
      const run = await as('alpha', repo, 'deliver');
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, new RegExp(`^${id} escalation → ops-webhook: sent`, 'm'));
      for (let again = 0; again < 2; again++) await as(again ? 'bravo' : 'alpha', repo, 'deliver');
      assert.equal(pages(world).length, 1);
      assert.deepEqual(world.receivers.rejected, []);
      const [page] = pages(world);
      assert.match(page.headline, /^Not acknowledged, paging: \[SEV2\] Checkout down/);
      assert.match(page.text, new RegExp(`Ana Díaz <ana@example.com> \\(payments secondary\\): you are next\\. Acknowledge with "incident ack ${id}"`));
      const noted = incidentIn(repo).timeline.filter((event) => event.text.startsWith('Escalated to'));
      assert.deepEqual(
        noted.map((event) => event.text),
        [`Escalated to ${ANA} (payments secondary) through ops-webhook: not acknowledged by the response target`],
      );
    });

    it('an acknowledgement first stops it; one that comes while a page waits for a retry makes the page obsolete', async () => {
      await unacknowledgedFor(repo, id, 40);
      world.receivers.fail('webhook', { status: 500 }, 1);
      assert.match((await as('alpha', repo, 'deliver')).stdout, /escalation → ops-webhook: waiting \(next try after/);
      const acked = await as('kim', repo, 'ack', id);
      assert.equal(acked.code, 0, acked.stderr);
      await as('alpha', repo, 'deliver');
      assert.equal(pages(world).length, 0);
      const escalation = incidentIn(repo).deliveries?.find((record) => record.event === 'escalation');
      assert.equal(escalation?.state, 'obsolete');
      assert.match(escalation?.lastError ?? '', /^the incident was acknowledged at .* UTC$/);
    });
  });

  describe('two clones (git daemon)', () => {
    let crew: Team;
    let a: Clone;
    let b: Clone;
    before(buildCli);
    beforeEach(async () => {
      ({ crew, a, b } = await twoClones(pagingPlan(world), (dir, id) => unacknowledgedFor(dir, id, 40)));
    });
    afterEach(() => crew.server.stop());

    it('both notice it at the same time, again and again: one page', async () => {
      for (let round = 0; round < 8 && pages(world).length === 0; round++) await Promise.all([spawned('alpha', a.dir, 'deliver'), spawned('beta', b.dir, 'deliver')]);
      assert.equal(pages(world).length, 1, 'sent once the claims were settled');
      for (let round = 0; round < 2; round++) await Promise.all([spawned('alpha', a.dir, 'deliver'), spawned('beta', b.dir, 'deliver')]);
      assert.equal(pages(world).length, 1);
      await as('alpha', a.dir, 'sync');
      const escalations = incidentIn(a.dir).deliveries?.filter((record) => record.event === 'escalation');
      assert.deepEqual(
        escalations?.map((record) => record.state),
        ['sent'],
      );
      assert.equal(incidentIn(a.dir).timeline.filter((event) => event.text.startsWith('Escalated to')).length, 1);
    });
  });
});
