import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { tempRepo } from '../store/tempRepo';
import { incident } from './runCli';

const commit = (repo: string, message: string) => {
  execFileSync('git', ['commit', '--quiet', '--allow-empty', '-m', message], { cwd: repo });
  return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim();
};

describe('long commit subjects and author names', function () {
  this.timeout(30_000);

  it('scan --full links a commit with a 600-character subject (clipped to 500, ending in "…") and the ordinary one after it', async () => {
    const repo = tempRepo();
    commit(repo, 'init');
    const id = (await incident(repo, 'declare', '--title', 'Payments fail', '--category', 'regression', '--severity', 'SEV1')).stdout;
    const long = commit(repo, `${'x'.repeat(600)}\n\nIncident: ${id}`);
    const normal = commit(repo, `Fix rounding\n\nIncident: ${id}`);
    const scan = await incident(repo, 'scan', '--full');
    assert.equal(scan.code, 0, scan.stderr);
    const shown = JSON.parse((await incident(repo, 'show', id, '--json')).stdout);
    assert.deepEqual(shown.commits.map((c: { sha: string }) => c.sha).sort(), [long, normal].sort());
    const stored = shown.commits.find((c: { sha: string }) => c.sha === long).subject as string;
    assert.equal(stored.length, 500);
    assert.ok(stored.endsWith('…'));
  });

  it('link ID HEAD links a commit whose subject and author are too long to store whole', async () => {
    const repo = tempRepo();
    const id = (await incident(repo, 'declare', '--title', 'Payments fail', '--category', 'regression', '--severity', 'SEV1')).stdout;
    execFileSync('git', ['-c', `user.name=${'N'.repeat(250)}`, 'commit', '--quiet', '--allow-empty', '-m', 'y'.repeat(600)], { cwd: repo });
    const linked = await incident(repo, 'link', id, 'HEAD');
    assert.equal(linked.code, 0, linked.stderr);
    const [stored] = JSON.parse((await incident(repo, 'show', id, '--json')).stdout).commits;
    assert.equal(stored.subject.length, 500);
    assert.equal(stored.author.length, 200);
    assert.ok(stored.author.endsWith('…'));
  });

  it('declare and note succeed when git user.name is 300 characters long', async () => {
    const repo = tempRepo();
    execFileSync('git', ['config', 'user.name', 'D'.repeat(300)], { cwd: repo });
    const declared = await incident(repo, 'declare', '--title', 'Checkout down', '--category', 'regression', '--severity', 'SEV1');
    assert.equal(declared.code, 0, declared.stderr);
    const noted = await incident(repo, 'note', declared.stdout, 'p99', 'is', '2s');
    assert.equal(noted.code, 0, noted.stderr);
    const shown = JSON.parse((await incident(repo, 'show', declared.stdout, '--json')).stdout);
    assert.ok(shown.timeline.every((event: { author: string }) => event.author.length <= 200 && event.author.startsWith('DDD')));
  });
});
