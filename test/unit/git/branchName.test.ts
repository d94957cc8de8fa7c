import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { branchNameProblem } from '../../../src/git/branchName';
import { emptyRepo } from './repoBuilder';

/** Git's own verdict: `check-ref-format --branch` accepts the name and gives it back unchanged. */
function gitAccepts(dir: string, name: string): boolean {
  const result = spawnSync('git', ['check-ref-format', '--branch', name], { cwd: dir, encoding: 'utf8' });
  return result.status === 0 && result.stdout.trim() === name;
}

/** Every name of up to three pieces from a set chosen to hit each rule, and a few whole ones. */
function candidateNames(): string[] {
  const pieces = ['a', 'log', '.', '/', '-', '@', '{', '~', '^', ':', '?', '*', '[', '\\', ' ', '.lock', 'é', '\t', '\u007f', '..'];
  const names = new Set<string>(['incident-log', 'team/incident-log', 'HEAD', '@', 'x@{u}', 'a.lock/b', 'a/.b', 'a//b', '/a', 'a/', 'a.', 'ü-log', 'a@b', 'a{b}']);
  for (const first of pieces) {
    names.add(first);
    for (const second of pieces) {
      names.add(first + second);
      for (const third of ['a', '/', '.', '@', '{']) names.add(first + second + third);
    }
  }
  return [...names];
}

describe('branch names checked without git', () => {
  it("agrees with git's check-ref-format --branch, and refuses also what sync must never pass (options, HEAD, @{...})", function () {
    this.timeout(120_000);
    const dir = emptyRepo();
    const ours = (name: string) => branchNameProblem(name) === undefined;
    const stricter = (name: string) => name.startsWith('-') || name === 'HEAD' || name === '@' || name.includes('@{');
    const disagreements: string[] = [];
    const names = candidateNames();
    for (const name of names) {
      if (stricter(name)) {
        if (ours(name)) disagreements.push(`${JSON.stringify(name)}: accepted, but sync must refuse it`);
        continue;
      }
      const git = gitAccepts(dir, name);
      if (git !== ours(name)) disagreements.push(`${JSON.stringify(name)}: git ${git ? 'accepts' : 'refuses'}, we ${ours(name) ? 'accept' : 'refuse'}`);
    }
    assert.ok(names.length > 2000, `${names.length} names`);
    assert.deepEqual(disagreements, []);
  });

  it('says why in words', () => {
    assert.equal(branchNameProblem('incident-log'), undefined);
    assert.equal(branchNameProblem(''), 'it is empty');
    assert.equal(branchNameProblem('--upload-pack=x'), 'it starts with "-"');
    assert.equal(branchNameProblem('a..b'), 'it contains ".."');
    assert.equal(branchNameProblem('logs.lock'), 'a part of it ends with ".lock"');
  });
});
