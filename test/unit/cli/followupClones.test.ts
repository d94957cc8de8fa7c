/**
 * One issue, not two, across the team: two clones syncing through a git
 * daemon on 127.0.0.1 export the same action item to a loopback GitHub
 * (test/harness/trackerServers.ts), one after the other, asked on both at
 * once, at the same time in separate processes of dist/cli.js, and with the
 * plan's `export: "auto"`. Claims go stale after 1.5 s here
 * (INCIDENT_DELIVERY_TIMES) so the tests wait little.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTrackerServer, type TrackerServer } from '../../harness/trackerServers';
import type { Clone, Team } from '../sync/syncTeam';
import { as, buildCli, QUICK_TIMES, spawned, STALE_MS, twoClones } from './deliveryClones';
import { writePlan } from './deliveryFixture';

const TOKEN = 'ghp_cloneTestToken0123456789abcdefABCD';

const exportOf = (clone: Clone) =>
  (
    JSON.parse(readFileSync(join(clone.dir, '.incidents', 'incidents.json'), 'utf8')) as {
      incidents: { retrospective: { actionItems: { status: string; export?: { state: string; issue?: string; sentBy?: string } }[] } }[];
    }
  ).incidents[0].retrospective.actionItems[0];

describe('follow-ups exported once across two clones (git daemon)', function () {
  this.timeout(300_000);
  let github: TrackerServer;
  let crew: Team;
  let a: Clone;
  let b: Clone;
  let id: string;
  let item: string;
  const output: string[] = [];
  const keep = <T extends { stdout: string; stderr: string }>(result: T) => (output.push(result.stdout, result.stderr), result);

  /** Both clones run `followups sync` at the same time, in separate processes, until both know the issue (bounded); between rounds, claims may go stale. */
  async function bothSyncUntilSent(): Promise<void> {
    for (let round = 0; round < 12 && (exportOf(a).export?.state !== 'sent' || exportOf(b).export?.state !== 'sent'); round++) {
      const [x, y] = await Promise.all([spawned('alpha', a.dir, 'followups', 'sync'), spawned('beta', b.dir, 'followups', 'sync')]);
      keep(x);
      keep(y);
      const since = Date.now();
      while (Date.now() - since < STALE_MS / 2) await as('beta', b.dir, 'list');
    }
  }

  before(buildCli);
  beforeEach(async () => {
    github = await startTrackerServer({ kind: 'github', token: TOKEN, project: 'acme/shop' });
    process.env.INCIDENT_SECRET_TRACKER = TOKEN;
    process.env.INCIDENT_DELIVERY_TIMES = QUICK_TIMES;
    const plan = { version: 1, tracker: { kind: 'github', url: github.url, repo: 'acme/shop' } };
    let setup: string[];
    ({ crew, a, b, id, output: setup } = await twoClones(plan));
    output.push(...setup);
    item = keep(await as('alpha', a.dir, 'action', 'add', id, 'Add a canary')).stdout;
    assert.equal(keep(await as('alpha', a.dir, 'sync')).code, 0);
    assert.equal(keep(await as('beta', b.dir, 'sync')).code, 0);
  });
  afterEach(async () => {
    delete process.env.INCIDENT_SECRET_TRACKER;
    delete process.env.INCIDENT_DELIVERY_TIMES;
    await crew.server.stop();
    await github.stop();
  });

  it('asked on alpha while the tracker is down, then both sync again and again: one issue, and both clones know it', async () => {
    await github.stop();
    keep(await as('alpha', a.dir, 'followups', 'export', item));
    assert.equal(exportOf(a).export?.state, 'pending');
    await github.start();
    for (let round = 0; round < 6; round++) {
      keep(await as('beta', b.dir, 'followups', 'sync'));
      keep(await as('alpha', a.dir, 'followups', 'sync'));
    }
    assert.equal(github.creates, 1);
    for (const clone of [a, b]) assert.equal(exportOf(clone).export?.state, 'sent');
    github.close('1');
    keep(await as('beta', b.dir, 'followups', 'sync'));
    keep(await as('alpha', a.dir, 'sync'));
    assert.equal(exportOf(a).status, 'done', 'the closing seen on beta reached alpha');
    assert.deepEqual(github.problems, []);
  });

  it('asked on both clones at once, then both export in separate processes at the same time: one issue', async () => {
    keep(await as('alpha', a.dir, 'followups', 'export', item, '--dry-run'));
    await github.stop();
    // Both ask while the tracker is down, each on its own claim; then their claims meet through sync.
    keep(await as('alpha', a.dir, 'followups', 'export', item));
    keep(await as('beta', b.dir, 'followups', 'export', item));
    await github.start();
    await bothSyncUntilSent();
    for (let round = 0; round < 3; round++)
      await Promise.all([spawned('alpha', a.dir, 'followups', 'sync'), spawned('beta', b.dir, 'followups', 'sync')]).then((results) => results.map(keep));
    assert.equal(github.creates, 1);
    for (const clone of [a, b]) assert.equal(exportOf(clone).export?.issue, '1');
  });

  it('with export "auto", both clones sync at the same time: the open item becomes one issue', async () => {
    for (const clone of [a, b]) writePlan(clone.dir, { version: 1, tracker: { kind: 'github', url: github.url, repo: 'acme/shop', export: 'auto' } });
    await bothSyncUntilSent();
    assert.equal(github.creates, 1);
    assert.deepEqual(github.problems, []);
    const texts = [
      ...output,
      ...[a, b].map((clone) => execFileSync('git', ['log', '-p', '--all'], { cwd: clone.dir, encoding: 'utf8', maxBuffer: 64 << 20 })),
      execFileSync('git', ['log', '-p', '--all'], { cwd: crew.bare, encoding: 'utf8', maxBuffer: 64 << 20 }),
    ].join('\n');
    assert.match(texts, /"tracker": "github"/);
    assert.ok(!texts.includes(TOKEN), 'the token leaked');
  });
});
