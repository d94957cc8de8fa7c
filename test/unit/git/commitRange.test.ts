import * as assert from 'node:assert/strict';
import { InvalidRevisionError } from '../../../src/git/errors';
import { GitRepository } from '../../../src/git/gitRepository';
import { emptyRepo, git, importCommits, logBetween, type CommitSpec } from './repoBuilder';

/**
 * good ─ m1 ─ m2 ───────── merge ─ m3   (main)
 *     └─ s1 (api/pay.ts) ─ s2 ┘          (side, branched at good)
 */
function repoWithMerges(): { dir: string; at: Record<string, string> } {
  const dir = emptyRepo();
  const names = ['good', 'm1', 's1', 'm2', 's2', 'merge', 'm3'];
  const specs: CommitSpec[] = [
    { message: 'Release 1', files: { 'api/pay.ts': 'v1', 'web/app.ts': 'v1', 'README.md': 'v1' } },
    { message: 'Tweak web', files: { 'web/app.ts': 'v2' } },
    { message: 'Pay rounding', branch: 'side', parent: 0, files: { 'api/pay.ts': 'v2', 'api/money.ts': 'v1' } },
    { message: 'Docs', files: { 'README.md': 'v2' } },
    { message: 'Pay cache', branch: 'side', files: { 'api/cache.ts': 'v1' } },
    { message: 'Merge side', merges: [4], files: { 'api/pay.ts': 'v2', 'api/money.ts': 'v1', 'api/cache.ts': 'v1' } },
    { message: 'Rename web', deletes: ['web/app.ts'], files: { 'web/main.ts': 'v2' } },
  ];
  const shas = importCommits(dir, specs);
  return { dir, at: Object.fromEntries(names.map((name, i) => [name, shas[i]])) };
}

/** Every commit of the range, with the files it touched under `paths`: commitRange's page and its touching commits put together. */
async function commitsWithFiles(repo: GitRepository, good: string, bad: string, paths: readonly string[]) {
  const { newest, touching } = await repo.commitRange(good, bad, { newest: 100, onlyPaths: paths });
  const touched = new Map(touching.map((commit) => [commit.sha, commit.files]));
  return newest.map((commit) => ({ ...commit, files: touched.get(commit.sha) ?? [] }));
}

describe('commits between two deploys (real git)', () => {
  it('lists exactly `git rev-list good..bad`, in its order, on a history with a merge', async () => {
    const { dir, at } = repoWithMerges();
    const commits = (await new GitRepository(dir).commitRange(at.good, 'main', { newest: 100 })).newest;
    assert.deepEqual(
      commits.map((c) => c.sha),
      git(dir, ['rev-list', `${at.good}..main`])
        .trim()
        .split('\n'),
    );
    assert.equal(commits.length, 6);
  });

  it('gives each commit its parents and the files it touched (none for a merge)', async () => {
    const { dir, at } = repoWithMerges();
    const bySha = new Map((await commitsWithFiles(new GitRepository(dir), at.good, at.m3, ['api', 'web', 'README.md'])).map((c) => [c.sha, c]));
    assert.deepEqual(bySha.get(at.s1)!.files, ['api/money.ts', 'api/pay.ts']);
    assert.deepEqual(bySha.get(at.m3)!.files, ['web/app.ts', 'web/main.ts'], 'a rename counts as both paths');
    assert.deepEqual(bySha.get(at.merge)!.parents, [at.m2, at.s2]);
    assert.deepEqual(bySha.get(at.merge)!.files, []);
    assert.equal(bySha.get(at.s1)!.subject, 'Pay rounding');
  });

  it('limited to evidence paths, lists the same commits with only the matching files', async () => {
    const { dir, at } = repoWithMerges();
    const repo = new GitRepository(dir);
    const limited = await commitsWithFiles(repo, at.good, at.m3, ['api/pay.ts', 'web']);
    assert.deepEqual(
      limited.map((c) => c.sha),
      (await repo.commitRange(at.good, at.m3, { newest: 100 })).newest.map((c) => c.sha),
    );
    const files = Object.fromEntries(limited.map((c) => [c.sha, c.files]));
    assert.deepEqual(files[at.s1], ['api/pay.ts']);
    assert.deepEqual(files[at.m1], ['web/app.ts']);
    assert.deepEqual(files[at.m2], []);
    assert.deepEqual(files[at.s2], []);
  });

  it('takes full shas straight to git, and a well-formed sha that is not there is an invalid revision', async () => {
    const { dir, at } = repoWithMerges();
    const repo = new GitRepository(dir);
    assert.equal((await repo.commitRange(at.good, at.m3, { newest: 100, onlyPaths: [] })).newest.length, 6);
    await assert.rejects(repo.commitRange('0'.repeat(40), at.m3, { newest: 100 }), InvalidRevisionError);
    await assert.rejects(repo.commitRange(at.good, 'f'.repeat(40), { newest: 100, onlyPaths: ['api'] }), InvalidRevisionError);
  });

  it('is empty when bad is an ancestor of good', async () => {
    const { dir, at } = repoWithMerges();
    assert.deepEqual(await commitsWithFiles(new GitRepository(dir), at.m3, at.good, ['api']), []);
  });

  it('commitRange: the newest page, whether there is more, and every commit touching the paths, as full listings would give them', async () => {
    const { dir, at } = repoWithMerges();
    const repo = new GitRepository(dir);
    const all = logBetween(dir, at.good, at.m3, ['api/pay.ts', 'web']);
    const range = await repo.commitRange(at.good, at.m3, { newest: 2, onlyPaths: ['api/pay.ts', 'web'] });
    assert.deepEqual(
      range.newest.map((c) => [c.sha, c.subject, c.parents.length]),
      all.slice(0, 2).map((c) => [c.sha, c.subject, c.parents.length]),
    );
    assert.deepEqual(
      range.newest.map((c) => c.files),
      [[], []],
      'the page is listed without files',
    );
    assert.equal(range.more, true);
    assert.deepEqual(
      range.touching,
      all.filter((c) => c.files.length > 0),
    );
    const wholeRange = await repo.commitRange(at.good, at.m3, { newest: 6 });
    assert.deepEqual([wholeRange.newest.length, wholeRange.more, wholeRange.touching], [6, false, []]);
    assert.equal(await repo.countBetween(at.good, at.m3), Number(git(dir, ['rev-list', '--count', `${at.good}..${at.m3}`]).trim()));
    await assert.rejects(repo.commitRange(at.good, 'f'.repeat(40), { newest: 5 }), InvalidRevisionError);
    await assert.rejects(repo.countBetween('--output=/tmp/x', at.m3), InvalidRevisionError);
    assert.deepEqual(await repo.commitRange(at.m3, at.good, { newest: 5 }), { newest: [], more: false, touching: [] });
  });
});
