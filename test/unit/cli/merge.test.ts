import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempRepo } from '../store/tempRepo';

const PROJECT_ROOT = resolve(__dirname, '..', '..', '..', '..');
const CLI = join(PROJECT_ROOT, 'dist', 'cli.js');
const git = (cwd: string, ...args: string[]) => spawnSync('git', args, { cwd, encoding: 'utf8' });
const incident = (cwd: string, ...args: string[]) => {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  assert.equal(result.status, 0, `incident ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
};
const storeOf = (repo: string) => JSON.parse(readFileSync(join(repo, '.incidents', 'incidents.json'), 'utf8'));

/** One incident on main, then edited differently on two branches. */
function divergedRepo(): { repo: string; id: string } {
  const repo = tempRepo();
  const id = incident(repo, 'declare', '--title', 'Checkout down', '--category', 'regression', '--severity', 'SEV2', '--commander', 'Dana');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'declare');
  git(repo, 'checkout', '-qb', 'responder-b');
  incident(repo, 'note', id, 'B: the payment provider times out');
  incident(repo, 'status', id, 'triaged');
  git(repo, 'commit', '-qam', 'b');
  git(repo, 'checkout', '-q', 'main');
  incident(repo, 'note', id, 'A: error rate 40 % in EU', '--kind', 'evidence');
  incident(repo, 'note', id, 'A: rolling back', '--kind', 'decision');
  git(repo, 'commit', '-qam', 'a');
  return { repo, id };
}

function assertBothSidesKept(repo: string, id: string) {
  const text = readFileSync(join(repo, '.incidents', 'incidents.json'), 'utf8');
  assert.doesNotMatch(text, /^(<<<<<<<|=======|>>>>>>>)/m);
  const merged = storeOf(repo).incidents.find((i: { id: string }) => i.id === id);
  const texts = merged.timeline.map((e: { text: string }) => e.text);
  for (const expected of ['B: the payment provider times out', 'A: error rate 40 % in EU', 'A: rolling back']) assert.ok(texts.includes(expected), `missing "${expected}"`);
  assert.equal(texts.filter((t: string) => t.startsWith('Declared')).length, 1, 'the shared event is not duplicated');
  assert.equal(merged.status, 'triaged', 'the status change from branch B is kept');
}

describe('merging the store across branches (real git merge)', function () {
  this.timeout(60_000);
  before(() => execFileSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'build.mjs'), 'cli'], { cwd: PROJECT_ROOT }));

  it('the installed merge driver merges both branches record by record, with no conflict', () => {
    const { repo, id } = divergedRepo();
    assert.match(incident(repo, 'install-merge-driver'), /Installed the "incidents" merge driver/);
    incident(repo, 'install-merge-driver'); // idempotent
    assert.equal(readFileSync(join(repo, '.gitattributes'), 'utf8'), '.incidents/incidents.json merge=incidents\n');
    const merge = git(repo, 'merge', '--no-edit', 'responder-b');
    assert.equal(merge.status, 0, merge.stdout + merge.stderr);
    assertBothSidesKept(repo, id);
    assert.equal(git(repo, 'status', '--porcelain', '--', '.incidents').stdout, '');
  });

  it('without the driver git conflicts, and "incident repair" merges from the index stages', () => {
    const { repo, id } = divergedRepo();
    const merge = git(repo, 'merge', '--no-edit', 'responder-b');
    assert.notEqual(merge.status, 0);
    assert.match(readFileSync(join(repo, '.incidents', 'incidents.json'), 'utf8'), /^<<<<<<< /m);
    assert.match(incident(repo, 'repair'), /Merged both sides/);
    assertBothSidesKept(repo, id);
  });

  it('the driver replaces OURS with a new file (atomically), never by rewriting it in place', () => {
    const { repo } = divergedRepo();
    const sides = ['main~1', 'main', 'responder-b'].map((rev, i) => {
      const path = join(repo, `side${i}.json`);
      writeFileSync(path, git(repo, 'show', `${rev}:.incidents/incidents.json`).stdout);
      return path;
    });
    const before = statSync(sides[1]).ino;
    incident(repo, 'merge', ...sides);
    assert.notEqual(statSync(sides[1]).ino, before);
    assert.match(readFileSync(sides[1], 'utf8'), /B: the payment provider times out/);
  });

  it('repair refuses politely when there is no conflict', () => {
    const { repo } = divergedRepo();
    const result = spawnSync(process.execPath, [CLI, 'repair'], { cwd: repo, encoding: 'utf8' });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /not in a conflicted merge/);
  });
});
