/**
 * Sync never touches a branch that holds anything but the store: not the
 * branch people work on, not the remote's default branch, not a branch whose
 * tree has other files (code, docs) on the remote or in this clone. And
 * teammates whose stores live at different paths share one file on the
 * branch, at the branch's path, instead of replacing each other's tree.
 * All on real clones of a real remote served by `git daemon` on 127.0.0.1.
 */
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addTimelineEvent } from '../../../src/core/lifecycle/timeline';
import { declareIncident } from '../../../src/core/lifecycle/declare';
import { SyncRemoteError } from '../../../src/git/syncBranch';
import { syncStore } from '../../../src/workflows/sync';
import { runGit } from '../../harness/gitServers';
import { incident } from '../cli/runCli';
import { ctx, ID, OPTIONS, refsOf, STORE, type Team, team } from './syncTeam';

const filesOn = async (bare: string, branch: string) => (await runGit(bare, ['ls-tree', '-r', '--name-only', branch])).trim().split('\n').filter(Boolean);
const notASyncBranch = (error: unknown) => error instanceof SyncRemoteError && error.kind === 'not-a-sync-branch';
const ONE_LINE = /^incident: [^\n]+$/;

describe('sync refuses a branch that holds anything but the store', function () {
  this.timeout(300_000);
  let current: Team | undefined;
  afterEach(async () => current?.server.stop());

  it('the checked-out work branch: --enable writes no sync block, a committed one is refused, and the remote keeps its code', async () => {
    const t = (current = await team());
    const a = await t.clone('ana');
    await a.store.add(declareIncident({ title: 'Checkout down', category: 'regression', severity: 'SEV1' }, ctx('Ana', 0), ID));
    const before = await refsOf(t.bare);
    const stored = readFileSync(join(a.dir, STORE), 'utf8');

    const enable = await incident(a.dir, 'sync', '--enable', '--branch', 'main');
    assert.equal(enable.code, 1, enable.stderr);
    assert.match(enable.stderr, ONE_LINE);
    assert.match(enable.stderr, /"main" .*checked out.*; sync to a branch of its own, such as "incident-log"/);
    assert.equal(enable.stdout, '');
    assert.equal(readFileSync(join(a.dir, STORE), 'utf8'), stored, 'no sync block was written');

    // A teammate committed the block by hand: every sync refuses it, nothing is pushed.
    const document = JSON.parse(stored) as Record<string, unknown>;
    writeFileSync(join(a.dir, STORE), `${JSON.stringify({ ...document, sync: { enabled: true, remote: 'origin', branch: 'main' } }, null, 2)}\n`);
    const sync = await incident(a.dir, 'sync');
    assert.equal(sync.code, 1, sync.stderr);
    assert.match(sync.stderr, ONE_LINE);
    assert.deepEqual(await refsOf(t.bare), before, 'nothing reached the remote');
    assert.deepEqual(await filesOn(t.bare, 'main'), ['README.md']);
  });

  it('a branch whose remote tree holds other files, even when nothing here is checked out on it or named after it', async () => {
    const t = (current = await team());
    const a = await t.clone('ana');
    await a.store.add(declareIncident({ title: 'Checkout down', category: 'regression', severity: 'SEV1' }, ctx('Ana', 0), ID));
    // main is the remote's default branch and holds the code; release holds the code too, and a store.
    await runGit(a.dir, ['checkout', '--quiet', '--detach']);
    await runGit(a.dir, ['branch', '--quiet', '-D', 'main']);
    await runGit(a.dir, ['add', STORE]);
    await runGit(a.dir, ['commit', '--quiet', '-m', 'Incident store next to the code']);
    await runGit(a.dir, ['push', '--quiet', 'origin', 'HEAD:refs/heads/release']);
    const before = await refsOf(t.bare);
    for (const branch of ['main', 'release']) {
      await assert.rejects(syncStore(a.store, a.git, { ...OPTIONS, branch }), notASyncBranch, branch);
      const cli = await incident(a.dir, 'sync', '--branch', branch);
      assert.equal(cli.code, 1, cli.stderr);
      assert.match(cli.stderr, ONE_LINE);
      const why = branch === 'main' ? /"main" is the default branch of origin/ : /origin\/release holds other files than the incident store \((README\.md|\.incidents\/), …\)/;
      assert.match(cli.stderr, why);
    }
    const stored = readFileSync(join(a.dir, STORE), 'utf8');
    const enable = await incident(a.dir, 'sync', '--enable', '--branch', 'release');
    assert.equal(enable.code, 1, enable.stderr);
    assert.match(enable.stderr, /origin\/release holds other files than the incident store/);
    assert.equal(readFileSync(join(a.dir, STORE), 'utf8'), stored, 'no sync block was written');
    assert.deepEqual(await refsOf(t.bare), before, 'nothing reached the remote');
    assert.deepEqual((await filesOn(t.bare, 'release')).sort(), [STORE, 'README.md']);
  });

  it('a local branch of that name with other files, though the remote has no such branch yet', async () => {
    const t = (current = await team());
    const a = await t.clone('ana');
    await a.store.add(declareIncident({ title: 'Checkout down', category: 'regression', severity: 'SEV1' }, ctx('Ana', 0), ID));
    await runGit(a.dir, ['branch', 'ops-notes', 'main']);
    const before = await refsOf(t.bare);
    await assert.rejects(syncStore(a.store, a.git, { ...OPTIONS, branch: 'ops-notes' }), notASyncBranch);
    assert.deepEqual(await refsOf(t.bare), before);
  });

  it('the remote default branch, when it is empty still (a new remote), is refused too', async () => {
    const t = (current = await team());
    const a = await t.clone('ana');
    await a.store.add(declareIncident({ title: 'Checkout down', category: 'regression', severity: 'SEV1' }, ctx('Ana', 0), ID));
    // The remote's HEAD names a branch nobody pushed yet: the first push of code would land on top of the store.
    await runGit(t.bare, ['symbolic-ref', 'HEAD', 'refs/heads/trunk']);
    await runGit(a.dir, ['remote', 'set-head', 'origin', '--auto']).catch(() => undefined);
    await runGit(a.dir, ['symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/trunk']);
    const before = await refsOf(t.bare);
    const enable = await incident(a.dir, 'sync', '--enable', '--branch', 'trunk');
    assert.equal(enable.code, 1, enable.stderr);
    assert.match(enable.stderr, /"trunk" is the default branch of origin/);
    await assert.rejects(syncStore(a.store, a.git, { ...OPTIONS, branch: 'trunk' }), notASyncBranch);
    assert.deepEqual(await refsOf(t.bare), before);
  });

  it('a sync branch that holds only the store still syncs, and its tree keeps only the store', async () => {
    const t = (current = await team());
    const a = await t.clone('ana');
    await a.store.add(declareIncident({ title: 'Checkout down', category: 'regression', severity: 'SEV1' }, ctx('Ana', 0), ID));
    await syncStore(a.store, a.git, OPTIONS);
    await a.store.update(ID, (i) => addTimelineEvent(i, { kind: 'note', text: 'second' }, ctx('Ana', 1)));
    const second = await syncStore(a.store, a.git, OPTIONS);
    assert.ok(second.pushed);
    assert.deepEqual(await filesOn(t.bare, 'incident-log'), [STORE]);
  });
});

describe('teammates whose stores live at different paths', function () {
  this.timeout(300_000);
  let current: Team | undefined;
  afterEach(async () => current?.server.stop());

  for (const first of ['default path', 'other path'] as const) {
    it(`share one file at the branch's path, whichever synced first (${first} first)`, async () => {
      const t = (current = await team());
      const a = await t.clone('ana');
      const b = await t.clone('bo', 'ops/incident-log.json');
      await a.store.add(declareIncident({ title: 'From Ana', category: 'regression', severity: 'SEV2' }, ctx('Ana', 0), 'INC-0000000A'));
      await b.store.add(declareIncident({ title: 'From Bo', category: 'performance', severity: 'SEV3' }, ctx('Bo', 1), 'INC-0000000B'));
      const [one, two] = first === 'default path' ? [a, b] : [b, a];
      await syncStore(one.store, one.git, OPTIONS);
      const shared = await syncStore(two.store, two.git, OPTIONS);
      assert.equal(shared.received, 1, 'the second received the first one’s incident');
      assert.ok(shared.pushed, 'and shared its own');
      await syncStore(one.store, one.git, OPTIONS);
      assert.deepEqual(await filesOn(t.bare, 'incident-log'), [one.store.relativePath], 'one file on the branch, at the path it was created with');
      for (const clone of [a, b]) {
        assert.deepEqual(
          clone.store
            .read()
            .incidents.map((i) => i.title)
            .sort(),
          ['From Ana', 'From Bo'],
          clone.store.relativePath,
        );
      }
    });
  }
});
