/**
 * Team sync end to end, on real clones of a real remote served on 127.0.0.1
 * by `git daemon`: three responders changing one store at once, the remote
 * going away and coming back, an old store checked out, hand edits, a remote
 * store this version cannot use, and a sync killed with SIGKILL.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addTimelineEvent } from '../../../src/core/lifecycle/timeline';
import { changeSeverity, renameIncident } from '../../../src/core/lifecycle/changes';
import { declareIncident, type DeclareInput } from '../../../src/core/lifecycle/declare';
import { SyncRemoteError } from '../../../src/git/syncBranch';
import { parseStoreText } from '../../../src/store/storeFile';
import { countUnshared, RemoteStoreUnusableError, syncStore, type SyncTimings } from '../../../src/workflows/sync';
import { runGit } from '../../harness/gitServers';
import { PROJECT_ROOT } from '../../harness/projectPaths';
import { incident } from '../cli/runCli';
import { tempRepo } from '../store/tempRepo';
import { type Clone, ctx, ID, OPTIONS, refsOf, STORE, type Team, team } from './syncTeam';

/** Ana's and Bo's clones, both synced after Ana declared incident ID with `input`. */
async function twoSyncedClones(t: Team, input: DeclareInput): Promise<[Clone, Clone]> {
  const [a, b] = await Promise.all([t.clone('ana'), t.clone('bo')]);
  await a.store.add(declareIncident(input, ctx('Ana', 0), ID));
  await syncStore(a.store, a.git, OPTIONS);
  await syncStore(b.store, b.git, OPTIONS);
  return [a, b];
}

describe('team sync through a real remote on 127.0.0.1', function () {
  this.timeout(300_000);
  let current: Team | undefined;
  afterEach(async () => current?.server.stop());

  it('three clones make 100 changes each while syncing in a loop: afterwards all hold all 300, byte for byte, and only the sync branch changed on the remote', async () => {
    const t = (current = await team());
    const clones = await Promise.all(['ana', 'bo', 'cy'].map((name) => t.clone(name)));
    await clones[0].store.add(declareIncident({ title: 'Checkout down', category: 'regression', severity: 'SEV2' }, ctx('Ana', 0), ID));
    await syncStore(clones[0].store, clones[0].git, OPTIONS);
    const refsBefore = (await refsOf(t.bare)).filter((ref) => !ref.startsWith('refs/heads/incident-log'));
    let syncs = 0;
    await Promise.all(
      clones.map(async ({ store, git }, c) => {
        if (store.read().kind === 'missing') await syncStore(store, git, OPTIONS);
        // Each responder changes the store while their own sync loop runs beside them, as the extension's does.
        let changing = true;
        const loop = (async () => {
          while (changing) {
            await syncStore(store, git, OPTIONS);
            syncs++;
          }
        })();
        for (let n = 1; n <= 100; n++) {
          await store.update(ID, (i) => {
            const noted = addTimelineEvent(i, { kind: 'note', text: `clone ${c} change ${n}` }, ctx(`clone${c}`, n * 3 + c));
            return n % 10 === 0 ? changeSeverity(noted, (['SEV1', 'SEV2', 'SEV3'] as const)[c], ctx(`clone${c}`, n * 3 + c)) : noted;
          });
          await new Promise((resolve) => setTimeout(resolve, 15));
        }
        changing = false;
        await loop;
      }),
    );
    assert.ok(syncs >= 3, 'the sync loops ran while the changes were made');
    for (const { store, git } of clones) await syncStore(store, git, OPTIONS);
    for (const { store, git } of clones) await syncStore(store, git, OPTIONS);
    const texts = clones.map(({ dir }) => readFileSync(join(dir, STORE), 'utf8'));
    assert.equal(texts[1], texts[0]);
    assert.equal(texts[2], texts[0]);
    assert.doesNotMatch(texts[0], /^(<{7}|={7}|>{7})/m);
    const { document, problems } = parseStoreText('merged', texts[0]);
    assert.deepEqual(problems, []);
    const notes = document.incidents[0].timeline.filter((event) => event.kind === 'note').map((event) => event.text);
    assert.equal(new Set(notes).size, 300);
    // Severity set on three machines, again and again: every clone holds the one stamped last.
    const severityEvents = document.incidents[0].timeline.filter((event) => event.kind === 'severity');
    // Clones 0 and 2 move it off the declared SEV2 at least once each; clone 1 only when it sees another's change.
    assert.ok(severityEvents.length >= 2);
    assert.ok(document.incidents[0].changedAt?.severity, 'the severity carries its change stamp');
    const refsAfter = await refsOf(t.bare);
    assert.deepEqual(
      refsAfter.filter((ref) => !ref.startsWith('refs/heads/incident-log')),
      refsBefore,
    );
    // The remote's sync branch holds only the store, and its copy is the clones' bytes.
    assert.equal((await runGit(t.bare, ['ls-tree', '-r', '--name-only', 'incident-log'])).trim(), STORE);
    assert.equal(await runGit(t.bare, ['show', `incident-log:${STORE}`]), texts[0]);
  });

  it('the remote stops in the middle and comes back: syncs fail as unreachable meanwhile, say how many changes wait, and nothing is lost', async () => {
    const t = (current = await team());
    const [a, b] = await twoSyncedClones(t, { title: 'Search slow', category: 'performance', severity: 'SEV3' });
    await t.server.stop();
    for (let n = 1; n <= 5; n++) {
      await a.store.update(ID, (i) => addTimelineEvent(i, { kind: 'note', text: `offline note ${n}` }, ctx('Ana', n)));
      await assert.rejects(syncStore(a.store, a.git, { ...OPTIONS, timeoutMs: 5_000 }), (error: unknown) => error instanceof SyncRemoteError && error.kind === 'unreachable');
    }
    await b.store.update(ID, (i) => renameIncident(i, 'Search slow in EU', ctx('Bo', 10)));
    assert.equal(await countUnshared(a.store, a.git, 'origin', 'incident-log'), 5);
    assert.equal(await countUnshared(b.store, b.git, 'origin', 'incident-log'), 1);
    await t.server.start();
    await syncStore(a.store, a.git, OPTIONS);
    await syncStore(b.store, b.git, OPTIONS);
    await syncStore(a.store, a.git, OPTIONS);
    assert.equal(readFileSync(join(a.dir, STORE), 'utf8'), readFileSync(join(b.dir, STORE), 'utf8'));
    const merged = a.store.read();
    assert.equal(merged.kind, 'loaded');
    const record = merged.incident(ID);
    assert.equal(record?.title, 'Search slow in EU');
    assert.equal(record?.timeline.filter((event) => event.text.startsWith('offline note')).length, 5);
    assert.equal(await countUnshared(a.store, a.git, 'origin', 'incident-log'), 0);
  });

  it('a checkout of an old commit puts an old store in the work tree; the next sync reverts no field and drops no event', async () => {
    const t = (current = await team());
    const [a] = await Promise.all([t.clone('ana')]);
    await a.store.add(declareIncident({ title: 'Login fails', category: 'security', severity: 'SEV2' }, ctx('Ana', 0), ID));
    await runGit(a.dir, ['add', STORE]);
    await runGit(a.dir, ['commit', '--quiet', '-m', 'Declare INC']);
    await syncStore(a.store, a.git, OPTIONS);
    await a.store.update(ID, (i) => changeSeverity(renameIncident(i, 'Login fails for SSO users', ctx('Ana', 5)), 'SEV1', ctx('Ana', 6)));
    await a.store.update(ID, (i) => addTimelineEvent(i, { kind: 'decision', text: 'Roll back the IdP change' }, ctx('Ana', 7)));
    await syncStore(a.store, a.git, OPTIONS);
    const newest = readFileSync(join(a.dir, STORE), 'utf8');
    await runGit(a.dir, ['checkout', 'HEAD', '--', STORE]);
    assert.notEqual(readFileSync(join(a.dir, STORE), 'utf8'), newest, 'the old store is back in the work tree');
    await syncStore(a.store, a.git, OPTIONS);
    assert.equal(readFileSync(join(a.dir, STORE), 'utf8'), newest);
  });

  it('keeps an edit made by hand in the file since the last sync, though no store write stamped it', async () => {
    const t = (current = await team());
    const [a, b] = await twoSyncedClones(t, { title: 'Queue backlog', category: 'performance', severity: 'SEV3' });
    const file = join(b.dir, STORE);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"Queue backlog"', '"Queue backlog (edited by hand)"'));
    await syncStore(b.store, b.git, OPTIONS);
    await syncStore(a.store, a.git, OPTIONS);
    assert.equal(a.store.read().incident(ID)?.title, 'Queue backlog (edited by hand)');
  });

  it('a new clone adopts the team store; a remote store from a newer version or malformed is never merged nor overwritten', async () => {
    const t = (current = await team());
    const [a, b] = await Promise.all([t.clone('ana'), t.clone('bo')]);
    await a.store.add(declareIncident({ title: 'DNS errors', category: 'regression', severity: 'SEV2' }, ctx('Ana', 0), ID));
    const first = await syncStore(a.store, a.git, OPTIONS);
    assert.equal(first.createdBranch, true);
    const adopted = await syncStore(b.store, b.git, OPTIONS);
    assert.equal(adopted.adopted, true);
    assert.equal(readFileSync(join(b.dir, STORE), 'utf8'), readFileSync(join(a.dir, STORE), 'utf8'));
    for (const [label, text] of [
      ['newer', JSON.stringify({ version: 99, incidents: [] })],
      ['malformed', '{ "version": 2, "incidents": [ '],
      // Laid out as the store writes it, so the sync's splice reads it too; 50,000 levels broke every recursive walk after the parse.
      ['too deep', `{\n  "version": 2,\n  "incidents": [],\n  "deploys": [],\n  "x": ${'['.repeat(50_000)}${']'.repeat(50_000)}\n}\n`],
    ]) {
      // Someone with another tool pushes an unusable store to the sync branch.
      const other = await t.clone(`other-${label}`);
      const tip = (await runGit(other.dir, ['ls-remote', 'origin', 'refs/heads/incident-log'])).split('\t')[0];
      const { commitFileOnTop } = await import('../../../src/git/syncBranch');
      await runGit(other.dir, ['fetch', '--quiet', 'origin', 'incident-log']);
      const commit = await commitFileOnTop(other.git, { parent: tip, path: STORE, text, message: label });
      await runGit(other.dir, ['push', '--quiet', 'origin', `${commit}:refs/heads/incident-log`]);
      const before = readFileSync(join(a.dir, STORE), 'utf8');
      await a.store.update(ID, (i) => addTimelineEvent(i, { kind: 'note', text: `while ${label}` }, ctx('Ana', 3)));
      const local = readFileSync(join(a.dir, STORE), 'utf8');
      assert.notEqual(local, before);
      await assert.rejects(syncStore(a.store, a.git, OPTIONS), RemoteStoreUnusableError);
      assert.equal(readFileSync(join(a.dir, STORE), 'utf8'), local, 'the local store is untouched');
      assert.equal(await runGit(t.bare, ['show', `incident-log:${STORE}`]), text, 'the remote store is untouched');
      const cli = await incident(a.dir, 'sync');
      assert.equal(cli.code, 2);
      assert.match(cli.stderr, /^incident: sync stopped: the store on origin\/incident-log /);
      // Back to a usable store for the next round.
      await runGit(other.dir, ['push', '--quiet', '--force', 'origin', `${tip}:refs/heads/incident-log`]);
    }
    // A force-pushed (rewritten) branch is fetched anyway, and the sync goes on from it.
    await syncStore(a.store, a.git, OPTIONS);
    assert.match(await runGit(t.bare, ['show', `incident-log:${STORE}`]), /while malformed/);
  });

  it('the command line in a repository with no remote at all: says there is nobody to sync with and how to add a remote, exit 1, not "sync failed"', async () => {
    const repo = tempRepo();
    await incident(repo, 'declare', '--title', 'Checkout down', '--category', 'regression', '--severity', 'SEV2');
    const lonely = await incident(repo, 'sync');
    assert.equal(lonely.code, 1);
    assert.equal(
      lonely.stderr,
      'incident: this repository has no remote yet, so there is no "origin" to sync incidents with; add one with `git remote add origin URL` to share them with your team',
    );
  });

  it('the command line: exit 1 for a remote that is not a git remote, 3 when the remote cannot be reached; --enable writes the team setting', async () => {
    const t = (current = await team());
    const a = await t.clone('ana');
    await a.store.add(declareIncident({ title: 'Cache stampede', category: 'performance', severity: 'SEV2' }, ctx('Ana', 0), ID));
    const unknown = await incident(a.dir, 'sync', '--remote=--upload-pack=touch /tmp/owned');
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /is not a remote of this repository/);
    // A sync block the team wrote by hand and got wrong is said, and not obeyed.
    const stored = JSON.parse(readFileSync(join(a.dir, STORE), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(a.dir, STORE), `${JSON.stringify({ ...stored, sync: { enabled: 'yes', remote: 'nowhere' } }, null, 2)}\n`);
    const broken = await incident(a.dir, 'sync');
    assert.equal(broken.code, 0, broken.stderr);
    assert.match(
      broken.stderr,
      /^incident: warning: the store's "sync" block needs "enabled": true or false, so it is ignored; write a good one with "incident sync --enable" \(or --disable\)$/m,
    );
    assert.match(broken.stdout, /origin\/incident-log/);
    const enabled = await incident(a.dir, 'sync', '--enable', '--branch', 'team/incidents');
    assert.equal(enabled.code, 0, enabled.stderr);
    assert.deepEqual((JSON.parse(readFileSync(join(a.dir, STORE), 'utf8')) as { sync: unknown }).sync, { enabled: true, remote: 'origin', branch: 'team/incidents' });
    const synced = await incident(a.dir, 'sync');
    assert.equal(synced.code, 0, synced.stderr);
    assert.match(synced.stdout, /Created origin\/team\/incidents with this store/);
    assert.match(await runGit(t.bare, ['show', `team/incidents:${STORE}`]), /Cache stampede/);
    await t.server.stop();
    const offline = await incident(a.dir, 'sync', '--timeout', '5');
    assert.equal(offline.code, 3);
    assert.match(offline.stderr, /^incident: sync failed: origin could not be reached/);
    assert.doesNotMatch(offline.stderr, /\n\s+at /);
  });

  it('kill -9 in the middle of a sync, 50 times: the work-tree store always parses, and the next sync converges', async () => {
    const t = (current = await team());
    const [a, b] = await twoSyncedClones(t, { title: 'Payments timeouts', category: 'performance', severity: 'SEV1' });
    const cli = join(PROJECT_ROOT, 'dist', 'cli.js');
    for (let trial = 1; trial <= 50; trial++) {
      await a.store.update(ID, (i) => addTimelineEvent(i, { kind: 'note', text: `a ${trial}` }, ctx('Ana', trial * 2)));
      await b.store.update(ID, (i) => addTimelineEvent(i, { kind: 'note', text: `b ${trial}` }, ctx('Bo', trial * 2 + 1)));
      await syncStore(b.store, b.git, OPTIONS);
      const child = spawn(process.execPath, [cli, 'sync'], { cwd: a.dir, stdio: 'ignore' });
      await new Promise((resolve) => setTimeout(resolve, (trial * 37) % 400));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      const { problems } = parseStoreText('after kill', readFileSync(join(a.dir, STORE), 'utf8'));
      assert.deepEqual(problems, [], `trial ${trial}`);
    }
    await syncStore(a.store, a.git, OPTIONS);
    await syncStore(b.store, b.git, OPTIONS);
    assert.equal(readFileSync(join(a.dir, STORE), 'utf8'), readFileSync(join(b.dir, STORE), 'utf8'));
    assert.equal(
      a.store
        .read()
        .incident(ID)
        ?.timeline.filter((event) => event.kind === 'note').length,
      100,
    );
  });

  it('with timings asked for, the laps time every step of a sync that fetched a change and pushed one, and lie within it (the benchmark reads them)', async () => {
    const t = (current = await team());
    const [a, b] = await twoSyncedClones(t, { title: 'Queue backlog', category: 'performance', severity: 'SEV2' });
    await b.store.update(ID, (i) => addTimelineEvent(i, { kind: 'note', text: 'from bo' }, ctx('Bo', 1)));
    await syncStore(b.store, b.git, OPTIONS);
    await a.store.update(ID, (i) => addTimelineEvent(i, { kind: 'note', text: 'from ana' }, ctx('Ana', 2)));

    const timings: SyncTimings = {};
    const start = performance.now();
    const result = await syncStore(a.store, a.git, { ...OPTIONS, timings });
    const elapsed = performance.now() - start;
    assert.equal(result.received, 1);
    assert.ok(result.pushed);
    const steps = ['check target', 'fetch', 'remote copy', 'lock + re-read', 'join', 'store write', 'push'];
    assert.deepEqual(Object.keys(timings), steps);
    const laps = Object.values(timings);
    assert.ok(
      laps.every((ms) => ms >= 0),
      JSON.stringify(timings),
    );
    assert.ok(laps.reduce((sum, ms) => sum + ms, 0) <= elapsed, 'the laps are parts of the sync, none counted twice');
  });
});
