import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkRevisionText, CommitLookup, InvalidRevisionError } from '../../../src/git/commits';
import { commitIncidentLog } from '../../../src/git/incidentLog';
import { tempRepo } from '../store/tempRepo';

function repoWithCommits(): { repo: string; shas: string[] } {
  const repo = tempRepo();
  const shas: string[] = [];
  for (const [i, subject] of ['Add checkout', 'Fix rounding', 'Cache prices'].entries()) {
    writeFileSync(join(repo, `f${i}.txt`), subject);
    execFileSync('git', ['add', '-A'], { cwd: repo });
    execFileSync('git', ['commit', '-qm', subject], { cwd: repo });
    shas.push(execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim());
  }
  execFileSync('git', ['tag', 'v1.0', shas[1]], { cwd: repo });
  return { repo, shas };
}

describe('CommitLookup (real git)', () => {
  it('resolves HEAD, a full sha, an abbreviated sha and a tag', async () => {
    const { repo, shas } = repoWithCommits();
    const lookup = new CommitLookup(repo);
    const head = await lookup.resolveCommit('HEAD');
    assert.equal(head.sha, shas[2]);
    assert.equal(head.subject, 'Cache prices');
    assert.equal(head.author, 'Dana Ortiz <dana@example.com>');
    assert.equal((await lookup.resolveCommit(shas[0])).subject, 'Add checkout');
    assert.equal((await lookup.resolveCommit(shas[0].slice(0, 8))).sha, shas[0]);
    assert.equal((await lookup.resolveCommit('v1.0')).sha, shas[1]);
  });

  it('lists recent commits newest first', async () => {
    const { repo } = repoWithCommits();
    assert.deepEqual((await new CommitLookup(repo).recentCommits(2)).map((c) => c.subject), ['Cache prices', 'Fix rounding']);
  });

  const hostile = ['--output=OUT', '-c core.pager=touch OUT', '--upload-pack=touch OUT', '-p', 'HEAD --output=OUT', 'HEAD\n--output=OUT', ''];
  for (const revision of hostile) {
    it(`treats ${JSON.stringify(revision)} as data, never as an option, and writes no file`, async () => {
      const { repo } = repoWithCommits();
      const out = join(tmpdir(), `incident-pwned-${Date.now()}-${Math.random().toString(36).slice(2)}`);
      await assert.rejects(new CommitLookup(repo).resolveCommit(revision.replace(/OUT/g, out)), InvalidRevisionError);
      assert.equal(existsSync(out), false);
    });
  }

  it('rejects a name that is not a commit with a clear message', async () => {
    const { repo } = repoWithCommits();
    await assert.rejects(new CommitLookup(repo).resolveCommit('no-such-branch'), /"no-such-branch" is not a usable revision: no such commit/);
    assert.throws(() => checkRevisionText('-x'), /starts with "-"/);
  });
});

describe('committing the incident log', () => {
  it('commits .incidents/ alone and leaves another staged change staged', async () => {
    const { repo } = repoWithCommits();
    mkdirSync(join(repo, '.incidents'));
    writeFileSync(join(repo, '.incidents', 'incidents.json'), '{"version":1,"incidents":[],"deploys":[]}\n');
    writeFileSync(join(repo, 'app.ts'), 'work in progress');
    execFileSync('git', ['add', 'app.ts'], { cwd: repo });
    const sha = await commitIncidentLog(repo, '--amend looks like an option but is only a message');
    assert.match(sha ?? '', /^[0-9a-f]{40}$/);
    const files = execFileSync('git', ['show', '--name-only', '--format=%s', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim().split('\n');
    assert.deepEqual(files, ['--amend looks like an option but is only a message', '', '.incidents/incidents.json']);
    assert.equal(execFileSync('git', ['diff', '--cached', '--name-only'], { cwd: repo, encoding: 'utf8' }).trim(), 'app.ts');
    assert.equal(await commitIncidentLog(repo, 'again'), undefined, 'nothing left to commit');
  });
});
