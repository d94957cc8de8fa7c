/**
 * Exactly once across the team: two clones syncing through a git daemon on
 * 127.0.0.1 both run `incident deliver`, one after the other and at the same
 * time (separate processes of dist/cli.js), and the author's clone may go
 * offline right after posting. Each receiver counts what it got. Claims go
 * stale after 1.5 s here (INCIDENT_DELIVERY_TIMES) so the tests wait little.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clone, Team } from '../sync/syncTeam';
import { as, buildCli, QUICK_TIMES, spawned, STALE_MS, twoClones } from './deliveryClones';
import { counts, deliveryWorld, type DeliveryWorld } from './deliveryFixture';

/** For the tests where the author's claim must still be fresh a few syncs later. */
const SLOW_TIMES = 'staleMs=6000,backoffMs=20';
const ONE_EACH = { slack: 1, teams: 1, mattermost: 1, discord: 1, webhook: 1, email: 1 };

const deliveries = (clone: Clone) =>
  (JSON.parse(readFileSync(join(clone.dir, '.incidents', 'incidents.json'), 'utf8')) as { incidents: { deliveries?: { state: string; channel: string; sentBy?: string }[] }[] })
    .incidents[0].deliveries ?? [];

describe('exactly once across two clones (git daemon)', function () {
  this.timeout(300_000);
  let world: DeliveryWorld;
  let crew: Team;
  let a: Clone;
  let b: Clone;
  let id: string;
  const output: string[] = [];
  const keep = <T extends { stdout: string; stderr: string }>(result: T) => (output.push(result.stdout, result.stderr), result);

  before(buildCli);
  beforeEach(async () => {
    world = await deliveryWorld();
    process.env.INCIDENT_DELIVERY_TIMES = QUICK_TIMES;
    let setup: string[];
    ({ crew, a, b, id, output: setup } = await twoClones(world.plan));
    output.push(...setup);
  });
  afterEach(async () => {
    delete process.env.INCIDENT_DELIVERY_TIMES;
    await crew.server.stop();
    await world.stop();
  });

  it('both clones deliver, one after the other: each channel gets the update once, sent by the author', async () => {
    process.env.INCIDENT_DELIVERY_TIMES = SLOW_TIMES;
    assert.equal(keep(await as('alpha', a.dir, 'update', id, '--audience', 'ops', '--no-deliver', 'Rolling back')).code, 0);
    assert.equal((await as('alpha', a.dir, 'sync')).code, 0);
    for (let round = 0; round < 3; round++) {
      keep(await as('beta', b.dir, 'deliver'));
      keep(await as('alpha', a.dir, 'deliver'));
    }
    await as('beta', b.dir, 'sync');
    assert.deepEqual(counts(world), ONE_EACH);
    for (const clone of [a, b]) assert.deepEqual(new Set(deliveries(clone).map((record) => `${record.state} by ${record.sentBy}`)), new Set(['sent by alpha']));
  });

  it('both clones deliver at the same time, again and again, after the claim went stale: each channel gets it once', async () => {
    assert.equal(keep(await as('alpha', a.dir, 'update', id, '--audience', 'ops', '--no-deliver', 'Rolling back')).code, 0);
    assert.equal((await as('alpha', a.dir, 'sync')).code, 0);
    assert.equal((await as('beta', b.dir, 'sync')).code, 0);
    const posted = Date.now();
    // Both go on after the author's claim went stale, so both may claim the next round at once.
    while (Date.now() - posted < STALE_MS + 100) await as('beta', b.dir, 'list');
    for (let round = 0; round < 8 && JSON.stringify(counts(world)) !== JSON.stringify(ONE_EACH); round++) {
      const [x, y] = await Promise.all([spawned('alpha', a.dir, 'deliver'), spawned('beta', b.dir, 'deliver')]);
      keep(x);
      keep(y);
    }
    // Settle: a few more runs of both change nothing at the receivers.
    for (let round = 0; round < 2; round++) await Promise.all([spawned('alpha', a.dir, 'deliver'), spawned('beta', b.dir, 'deliver')]).then((results) => results.map(keep));
    assert.deepEqual(counts(world), ONE_EACH);
    await as('alpha', a.dir, 'sync');
    assert.deepEqual(new Set(deliveries(a).map((record) => record.state)), new Set(['sent']));
  });

  it("the author posts with --no-deliver, syncs and goes offline: the other clone delivers once, only after the author's claim went stale", async () => {
    process.env.INCIDENT_DELIVERY_TIMES = SLOW_TIMES;
    assert.equal(keep(await as('alpha', a.dir, 'update', id, '--audience', 'ops', '--no-deliver', 'Rolling back')).code, 0);
    assert.equal((await as('alpha', a.dir, 'sync')).code, 0);
    const early = keep(await as('beta', b.dir, 'deliver'));
    assert.equal(
      Object.values(counts(world)).reduce((x, y) => x + y, 0),
      0,
      `a fresh claim of the author is respected:\n${early.stdout}`,
    );
    for (let run = 0; run < 60 && JSON.stringify(counts(world)) !== JSON.stringify(ONE_EACH); run++) keep(await as('beta', b.dir, 'deliver'));
    assert.deepEqual(counts(world), ONE_EACH);
    for (let run = 0; run < 2; run++) keep(await as('beta', b.dir, 'deliver'));
    assert.deepEqual(counts(world), ONE_EACH);
    assert.deepEqual(new Set(deliveries(b).map((record) => `${record.state} by ${record.sentBy}`)), new Set(['sent by beta']));
  });

  it('after a full run no secret is in either clone, the sync branch history, the store or the output', async () => {
    keep(await as('alpha', a.dir, 'update', id, '--audience', 'ops', 'Rolling back'));
    keep(await as('beta', b.dir, 'deliver'));
    keep(await as('alpha', a.dir, 'deliver', '--test', 'ops-webhook'));
    assert.deepEqual(counts(world), { ...ONE_EACH, webhook: 2 });
    const texts = [
      ...output,
      ...[a, b].map((clone) => readFileSync(join(clone.dir, '.incidents', 'incidents.json'), 'utf8')),
      ...[a, b].map((clone) => execFileSync('git', ['log', '-p', '--all'], { cwd: clone.dir, encoding: 'utf8', maxBuffer: 64 << 20 })),
      execFileSync('git', ['log', '-p', '--all'], { cwd: crew.bare, encoding: 'utf8', maxBuffer: 64 << 20 }),
      execFileSync('git', ['grep', '-I', '-e', '.', 'incident-log'], { cwd: crew.bare, encoding: 'utf8', maxBuffer: 64 << 20 }),
    ].join('\n');
    assert.match(texts, /ops-slack/, 'the store was read');
    for (const secret of world.secrets) assert.ok(!texts.includes(secret), 'a secret leaked');
  });
});
