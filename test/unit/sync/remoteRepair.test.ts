/**
 * A store on the sync branch that cannot be used is never merged or
 * overwritten by a sync; the message says how to repair it, and
 * `incident sync --repair-remote` does, after confirmation, keeping the broken
 * copy in the branch's history. On real clones of a real remote.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { declareIncident } from '../../../src/core/lifecycle/declare';
import { commitFileOnTop } from '../../../src/git/syncBranch';
import { syncStore } from '../../../src/workflows/sync';
import { runGit } from '../../harness/gitServers';
import { incident } from '../cli/runCli';
import { ctx, ID, OPTIONS, STORE, team, type Team } from './syncTeam';

describe('incident sync --repair-remote', function () {
  this.timeout(300_000);
  let current: Team | undefined;
  afterEach(async () => current?.server.stop());

  /** Ana's synced store, then another tool's push of `text` over it; the tip before that push. */
  async function brokenRemote(t: Team, text: string): Promise<{ dir: string; good: string; broken: string }> {
    const a = await t.clone('ana');
    await a.store.add(declareIncident({ title: 'Disk full', category: 'performance', severity: 'SEV2' }, ctx('Ana', 0), ID));
    await syncStore(a.store, a.git, OPTIONS);
    const other = await t.clone('other');
    await runGit(other.dir, ['fetch', '--quiet', 'origin', 'incident-log']);
    const good = (await runGit(other.dir, ['rev-parse', 'FETCH_HEAD'])).trim();
    const broken = await commitFileOnTop(other.git, { parent: good, path: STORE, text, message: 'broken' });
    await runGit(other.dir, ['push', '--quiet', 'origin', `${broken}:refs/heads/incident-log`]);
    return { dir: a.dir, good, broken };
  }

  it('a malformed remote store: sync says how to repair it; the repair asks for --yes, then puts this store over it and keeps the broken one in history', async () => {
    const t = (current = await team());
    const { dir, broken } = await brokenRemote(t, '{ "version": 2, "incidents": [ ');
    const sync = await incident(dir, 'sync');
    assert.equal(sync.code, 2);
    assert.match(
      sync.stderr,
      /^incident: sync stopped: the store on origin\/incident-log cannot be used \(.*\); nothing was merged or pushed\. Repair it with "incident sync --repair-remote"/,
    );
    assert.doesNotMatch(sync.stderr, /ask whoever wrote it/);

    const unconfirmed = await incident(dir, 'sync', '--repair-remote');
    assert.equal(unconfirmed.code, 1);
    assert.match(unconfirmed.stderr, /confirm with --yes/);
    assert.equal((await runGit(t.bare, ['rev-parse', 'incident-log'])).trim(), broken, 'nothing pushed without confirmation');

    const repaired = await incident(dir, 'sync', '--repair-remote', '--yes');
    assert.equal(repaired.code, 0, repaired.stderr);
    assert.match(repaired.stdout, /^Repaired origin\/incident-log: this clone's store replaced the unusable one \(commit [0-9a-f]{8}; the old copy stays at [0-9a-f]{8}\)\.$/);
    assert.equal(await runGit(t.bare, ['show', `incident-log:${STORE}`]), readFileSync(join(dir, STORE), 'utf8'));
    assert.equal((await runGit(t.bare, ['rev-parse', 'incident-log^'])).trim(), broken, 'a fast-forward: the broken copy stays in history');
    const again = await incident(dir, 'sync');
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /Already in sync/);

    const usable = await incident(dir, 'sync', '--repair-remote', '--yes');
    assert.equal(usable.code, 1);
    assert.match(usable.stderr, /^incident: repair refused: the store on origin\/incident-log is usable; nothing to repair/);
  });

  it('a remote store from a newer version: sync says to update, and the repair refuses to replace it', async () => {
    const t = (current = await team());
    const { dir, broken } = await brokenRemote(t, JSON.stringify({ version: 99, incidents: [] }));
    const sync = await incident(dir, 'sync');
    assert.equal(sync.code, 2);
    assert.match(sync.stderr, /Update Incident Responder to read it$/);
    const repair = await incident(dir, 'sync', '--repair-remote', '--yes');
    assert.equal(repair.code, 1);
    assert.match(repair.stderr, /newer version of Incident Responder; update it here instead of replacing it; nothing was pushed$/);
    assert.equal((await runGit(t.bare, ['rev-parse', 'incident-log'])).trim(), broken);
  });
});
