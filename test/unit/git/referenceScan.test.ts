import * as assert from 'node:assert/strict';
import { compileReferencePatterns } from '../../../src/core/code/references';
import { GitRepository } from '../../../src/git/gitRepository';
import { emptyRepo, importCommits, linearHistory } from './repoBuilder';

const A = 'INC-7K3QF2XM';
const B = 'INC-0ABCDEFG';
const C = 'INC-1HJKMNPQ';

/** Every 10th commit names an incident: a trailer, a mention, or a closed action, in turn. */
function referencingMessage(i: number): string {
  if (i % 10 !== 0) return `Change ${i}`;
  switch ((i / 10) % 3) {
    case 0:
      return `Fix change ${i}\n\nIncident: ${A}`;
    case 1:
      return `Change ${i}, see ${B}`;
    default:
      return `Change ${i}\n\nCloses-Action: act${i}`;
  }
}

describe('reference scan (real git)', () => {
  it('finds trailers, mentions and closed actions in the whole history, newest first', async () => {
    const dir = emptyRepo();
    const shas = importCommits(dir, linearHistory(60, referencingMessage));
    const scan = await new GitRepository(dir).scanReferences();
    assert.equal(scan.head, shas[59]);
    assert.equal(scan.full, true);
    assert.deepEqual(
      scan.commits.map((c) => c.sha),
      [50, 40, 30, 20, 10, 0].map((i) => shas[i]),
    );
    const byIndex = (i: number) => scan.commits.find((c) => c.sha === shas[i])!;
    assert.deepEqual(byIndex(30).references, { linked: [{ incidentId: A, relation: 'fix' }], offered: [], closesActions: [] });
    assert.equal(byIndex(30).subject, 'Fix change 30');
    assert.equal(byIndex(30).author, 'Dana Ortiz <dana@example.com>');
    assert.deepEqual(byIndex(40).references, { linked: [], offered: [B], closesActions: [] });
    assert.deepEqual(byIndex(50).references, { linked: [], offered: [], closesActions: ['act50'] });
  });

  it('scans incrementally: nothing missed, nothing twice, across many rounds', async () => {
    const dir = emptyRepo();
    const repo = new GitRepository(dir);
    const seen: string[] = [];
    const expected: string[] = [];
    let since: string[] = [];
    for (let round = 0; round < 4; round++) {
      const shas = importCommits(
        dir,
        linearHistory(25, (i) => referencingMessage(round * 25 + i)),
      );
      shas.forEach((sha, i) => referencingMessage(round * 25 + i) !== `Change ${round * 25 + i}` && expected.push(sha));
      const scan = await repo.scanReferences({ since });
      assert.equal(scan.full, round === 0);
      seen.push(...scan.commits.map((c) => c.sha));
      since = [scan.head!];
    }
    assert.deepEqual([...seen].sort(), [...expected].sort());
    assert.equal(new Set(seen).size, seen.length, 'no commit reported twice');
    assert.deepEqual((await repo.scanReferences({ since })).commits, [], 'nothing new, nothing reported');
  });

  it('reads only the new side of a merge, and a branch it has not seen', async () => {
    const dir = emptyRepo();
    const repo = new GitRepository(dir);
    const [base] = importCommits(dir, [{ message: `Start\n\nIncident: ${A}`, files: { a: '1' } }]);
    const first = await repo.scanReferences();
    assert.deepEqual(
      first.commits.map((c) => c.sha),
      [base],
    );
    const shas = importCommits(dir, [
      { message: `Side work for ${B}`, branch: 'side', parent: base, files: { b: '1' } },
      { message: 'Main work', files: { a: '2' } },
      { message: `Merge side\n\nIncident: ${C}`, merges: [0] },
    ]);
    const next = await repo.scanReferences({ since: [first.head!] });
    assert.deepEqual(next.commits.map((c) => c.sha).sort(), [shas[0], shas[2]].sort());
    assert.deepEqual((await repo.scanReferences({ since: [next.head!] })).commits, []);
  });

  it('falls back to a full scan when the remembered commit is gone, and says so', async () => {
    const dir = emptyRepo();
    importCommits(dir, linearHistory(12, referencingMessage));
    const scan = await new GitRepository(dir).scanReferences({ since: ['0123456789abcdef0123456789abcdef01234567'] });
    assert.equal(scan.full, true);
    assert.equal(scan.commits.length, 2);
  });

  it('treats remembered text that is not a sha as absent, never as an option', async () => {
    const dir = emptyRepo();
    importCommits(dir, linearHistory(12, referencingMessage));
    const scan = await new GitRepository(dir).scanReferences({ since: ['--output=/tmp/x', 'HEAD'] });
    assert.equal(scan.full, true);
  });

  it('finds references written in a team pattern, which git cannot prefilter', async () => {
    const dir = emptyRepo();
    const shas = importCommits(dir, [
      { message: 'Fix cache\n\nIncident: inc-7k3qf2xm', files: { a: '1' } },
      { message: 'Tune pool for incident #0ABCDEFG', files: { a: '2' } },
      { message: 'Nothing here', files: { a: '3' } },
    ]);
    const { patterns } = compileReferencePatterns(['/inc-(\\w{8})/i', 'incident #([0-9A-Z]{8})']);
    const scan = await new GitRepository(dir).scanReferences({ extraPatterns: patterns });
    assert.deepEqual(
      scan.commits.map((c) => [c.sha, c.references.linked, c.references.offered]),
      [
        [shas[1], [], [B]],
        [shas[0], [{ incidentId: A, relation: 'fix' }], []],
      ],
    );
  });

  it('reads a commit’s references: trailer linked, mention offered, subject as git prints it', async () => {
    const dir = emptyRepo();
    const [sha] = importCommits(dir, [{ message: `Revert "Cache prices"\n\nSee ${B}.\n\nIncident: ${A}`, files: { a: '1' } }]);
    const [commit] = (await new GitRepository(dir).scanReferences()).commits;
    assert.equal(commit.sha, sha);
    assert.equal(commit.subject, 'Revert "Cache prices"');
    assert.deepEqual(commit.references, { linked: [{ incidentId: A, relation: 'fix' }], offered: [B], closesActions: [] });
  });

  it('stops when cancelled', async () => {
    const dir = emptyRepo();
    importCommits(dir, linearHistory(12, referencingMessage));
    await assert.rejects(new GitRepository(dir).scanReferences({ signal: AbortSignal.abort() }), { name: 'AbortError' });
  });

  it('returns nothing, and no head, in an empty repository', async () => {
    assert.deepEqual(await new GitRepository(emptyRepo()).scanReferences(), { head: undefined, full: true, commits: [] });
  });
});
