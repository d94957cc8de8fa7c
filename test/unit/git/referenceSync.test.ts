import * as assert from 'node:assert/strict';
import { GitRepository } from '../../../src/git/gitRepository';
import { IncidentStore } from '../../../src/store/incidentStore';
import { syncReferences } from '../../../src/workflows/referenceSync';
import { anIncident, ctx } from '../core/builders';
import { emptyRepo, git, importCommits } from './repoBuilder';

const ID = 'INC-1A2B3C4D';

async function repoWithIncident() {
  const dir = emptyRepo();
  const store = new IncidentStore(dir);
  await store.add(anIncident());
  return { dir, store, repo: new GitRepository(dir) };
}

const linkedShas = (store: IncidentStore) => {
  const read = store.read();
  assert.ok(read.kind === 'loaded');
  return read.document.incidents[0].commits.map((c) => c.sha).sort();
};

describe('keeping the store in step with commit messages (real git)', () => {
  it('links trailer commits, then reads only new commits: nothing missed, nothing twice', async () => {
    const { dir, store, repo } = await repoWithIncident();
    const first = importCommits(dir, [{ message: 'Start' }, { message: `Fix the rounding\n\nIncident: ${ID}` }, { message: `Mentions ${ID} only` }]);
    const scan1 = await syncReferences(repo, store, { context: () => ctx() });
    assert.equal(scan1.full, true);
    assert.deepEqual(
      scan1.linked.map((l) => [l.sha, l.relation]),
      [[first[1], 'fix']],
    );
    assert.deepEqual(
      scan1.offered.map((o) => o.commit.sha),
      [first[2]],
    );

    // Unlink by hand: an incremental scan must not read the old commits again, a full one must.
    await store.update(ID, (incident) => ({ ...incident, commits: [] }));
    const more = importCommits(
      dir,
      Array.from({ length: 10 }, (_, i) => ({ message: i === 4 ? `Revert the cache\n\nIncident: ${ID}` : `Change ${i}` })),
    );
    const scan2 = await syncReferences(repo, store, { context: () => ctx() });
    assert.equal(scan2.full, false);
    assert.equal(scan2.referencingCommits, 1);
    assert.deepEqual(linkedShas(store), [more[4]]);
    assert.deepEqual(scan2.offered, [], 'old mentions are not offered again');

    const scan3 = await syncReferences(repo, store, { context: () => ctx() });
    assert.equal(scan3.referencingCommits, 0);

    const full = await syncReferences(repo, store, { full: true, context: () => ctx() });
    assert.equal(full.full, true);
    assert.deepEqual(linkedShas(store), [first[1], more[4]].sort());
  });

  it('picks up commits that arrive by a merge of an older branch', async () => {
    const { dir, store, repo } = await repoWithIncident();
    const shas = importCommits(dir, [{ message: 'Base' }, { message: `Side fix\n\nIncident: ${ID}`, branch: 'side', parent: 0 }, { message: 'Main work' }]);
    await syncReferences(repo, store, { context: () => ctx() });
    assert.deepEqual(linkedShas(store), [], 'the side branch is not reachable from HEAD yet');
    git(dir, ['merge', '--no-ff', '--quiet', '--no-edit', 'side']);
    await syncReferences(repo, store, { context: () => ctx() });
    assert.deepEqual(linkedShas(store), [shas[1]]);
  });

  it('links nothing and remembers nothing while the repository has no store', async () => {
    const dir = emptyRepo();
    importCommits(dir, [{ message: `Fix\n\nIncident: ${ID}` }]);
    const store = new IncidentStore(dir);
    const result = await syncReferences(new GitRepository(dir), store, { context: () => ctx() });
    assert.equal(result.storeExists, false);
    await store.add(anIncident());
    const later = await syncReferences(new GitRepository(dir), store, { context: () => ctx() });
    assert.equal(later.linked.length, 1, 'the first scan with a store reads the whole history');
  });
});
