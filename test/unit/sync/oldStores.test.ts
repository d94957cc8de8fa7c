/**
 * Stores written by earlier releases carry no change stamps. A teammate who
 * checks out an older such store and syncs must not bring its older values
 * back to everyone: with no stamp on either side, the record that changed
 * later holds the newer value, and an older record is never taken for a hand
 * edit. On real clones of a real remote served by `git daemon` on 127.0.0.1.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setSummaryAndImpact } from '../../../src/core/lifecycle/changes';
import { declareIncident } from '../../../src/core/lifecycle/declare';
import { STORE_SCHEMA_VERSION, type StoreDocument } from '../../../src/core/record/schema';
import { canonicalDocument, formatStore } from '../../../src/store/stableFormat';
import { syncStore } from '../../../src/workflows/sync';
import { runGit } from '../../harness/gitServers';
import { ctx, ID, OPTIONS, STORE, team, type Team } from './syncTeam';

/** A store as an earlier release wrote it: the change made, no stamp anywhere. */
function earlierReleaseStore(summary: string, n: number): string {
  let incident = declareIncident({ title: 'Payments slow', category: 'performance', severity: 'SEV2' }, ctx('Ana', 0), ID);
  incident = setSummaryAndImpact(incident, { summary, impact: `impact ${n}` }, ctx('Ana', 1000 * n));
  assert.equal(incident.changedAt, undefined);
  return formatStore(canonicalDocument({ version: STORE_SCHEMA_VERSION, incidents: [incident], deploys: [] } as StoreDocument));
}

describe('stores from earlier releases (no change stamps) through sync', function () {
  this.timeout(300_000);
  let current: Team | undefined;
  afterEach(async () => current?.server.stop());

  for (const [older, newer] of [
    ['zzz old summary', 'aaa new summary'],
    ['aaa old summary', 'zzz new summary'],
  ]) {
    it(`a teammate who checks out the older store and syncs brings back nothing ("${older}" stays gone)`, async () => {
      const t = (current = await team());
      const a = await t.clone('ana');
      const file = join(a.dir, STORE);
      mkdirSync(join(a.dir, '.incidents'));
      // Two commits of an earlier release's store: the summary changed from older to newer.
      for (const [n, summary] of [older, newer].entries()) {
        writeFileSync(file, earlierReleaseStore(summary, n + 1));
        await runGit(a.dir, ['add', STORE]);
        await runGit(a.dir, ['commit', '--quiet', '-m', `summary ${n}`]);
      }
      await runGit(a.dir, ['push', '--quiet', 'origin', 'HEAD:main']);
      await syncStore(a.store, a.git, OPTIONS);
      const b = await t.clone('bo');
      await syncStore(b.store, b.git, OPTIONS);
      assert.equal(b.store.read().incident(ID)?.summary, newer);

      // Bo checks out the older store (a bisect, a revert of the wrong file) and his background sync runs.
      await runGit(b.dir, ['checkout', 'HEAD~1', '--', STORE]);
      assert.equal(b.store.read().incident(ID)?.summary, older);
      await syncStore(b.store, b.git, OPTIONS);
      assert.equal(b.store.read().incident(ID)?.summary, newer, "Bo's store is back to the newer summary");
      await syncStore(a.store, a.git, OPTIONS);
      assert.equal(a.store.read().incident(ID)?.summary, newer, "Ana's too");
      assert.match(await runGit(t.bare, ['show', `incident-log:${STORE}`]), new RegExp(`"summary": "${newer}"`));

      // A real hand edit in the file is still kept.
      writeFileSync(join(b.dir, STORE), readFileSync(join(b.dir, STORE), 'utf8').replace(newer, `${newer} (by hand)`));
      await syncStore(b.store, b.git, OPTIONS);
      await syncStore(a.store, a.git, OPTIONS);
      assert.equal(a.store.read().incident(ID)?.summary, `${newer} (by hand)`);
    });
  }
});
