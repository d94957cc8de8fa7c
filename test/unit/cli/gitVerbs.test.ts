import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { emptyRepo, importCommits } from '../git/repoBuilder';
import { incident } from './runCli';

describe('incident scan and incident suspects', () => {
  it('scan links the trailer commit, lists the mention, and a rescan finds nothing new', async () => {
    const repo = emptyRepo();
    const id = (await incident(repo, 'declare', '--title', 'Payments fail', '--category', 'regression', '--severity', 'SEV1')).stdout;
    const [, fix, mention] = importCommits(repo, [{ message: 'Start' }, { message: `Fix rounding\n\nIncident: ${id}` }, { message: `Log more for ${id}` }]);
    const first = await incident(repo, 'scan');
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^Scanned the whole history: 2 commit\(s\)/);
    assert.match(first.stdout, new RegExp(`linked   ${fix.slice(0, 8)} to ${id} as fix`));
    assert.match(first.stdout, new RegExp(`mention  ${mention.slice(0, 8)} names ${id}`));
    const shown = JSON.parse((await incident(repo, 'show', id, '--json')).stdout);
    assert.deepEqual(
      shown.commits.map((c: { sha: string }) => c.sha),
      [fix],
    );
    const again = await incident(repo, 'scan', '--json');
    assert.deepEqual(JSON.parse(again.stdout).linked, []);
    assert.equal(JSON.parse(again.stdout).full, false);
  });

  it('scan rejects a broken --pattern with exit 1', async () => {
    const repo = emptyRepo();
    const result = await incident(repo, 'scan', '--pattern', 'inc-(');
    assert.equal(result.code, 1);
    assert.match(result.stderr, /--pattern inc-\(/);
  });

  it('suspects lists the commits since the good deploy, and refuses option-like revisions without side effects', async () => {
    const repo = emptyRepo();
    const shas = importCommits(repo, [
      { message: 'Release 1', files: { 'a.ts': '1' } },
      { message: 'Risky change', files: { 'pay.ts': '2' } },
      { message: 'Docs', files: { 'README.md': '2' } },
    ]);
    const id = (await incident(repo, 'declare', '--title', 'Payments fail', '--category', 'regression', '--severity', 'SEV1')).stdout;
    const listed = await incident(repo, 'suspects', id, '--good', shas[0], '--path', 'pay.ts');
    assert.equal(listed.code, 0, listed.stderr);
    const lines = listed.stdout.split('\n');
    assert.match(lines[0], /^2 commit\(s\) in \w+\.\.HEAD:$/);
    assert.match(lines[1], new RegExp(`^${shas[1].slice(0, 8)}\\s+1\\.00  Risky change .* touches pay\\.ts$`));
    const page = await incident(repo, 'suspects', id, '--good', shas[0], '--path', 'pay.ts', '--limit', '1');
    assert.match(page.stdout.split('\n')[0], /^2 commit\(s\) in \w+\.\.HEAD, the first 1 by rank:$/);
    const json = JSON.parse((await incident(repo, 'suspects', id, '--good', shas[0], '--limit', '1', '--json')).stdout);
    assert.deepEqual([json.total, json.suspects.length, json.suspects[0].subject], [2, 1, 'Docs']);
    const hostile = await incident(repo, 'suspects', id, '--good=--output=/tmp/incident-suspects-x');
    assert.equal(hostile.code, 1);
    assert.match(hostile.stderr, /not a usable revision/);
    assert.equal(existsSync('/tmp/incident-suspects-x'), false);
    const noRange = await incident(repo, 'suspects', id);
    assert.equal(noRange.code, 1);
    assert.match(noRange.stderr, /no deploys are recorded/);
  });
});
