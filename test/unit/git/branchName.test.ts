import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { branchNameProblem } from '../../../src/git/branchName';
import { emptyRepo } from './repoBuilder';

/** Git's own verdict on one name: `check-ref-format --branch` accepts it and gives it back unchanged. */
function gitAccepts(dir: string, name: string): boolean {
  const result = spawnSync('git', ['check-ref-format', '--branch', name], { cwd: dir, encoding: 'utf8' });
  return result.status === 0 && result.stdout.trim() === name;
}

/** What `git show-ref --exclude-existing` cannot be given: it takes the ref after a line's last whitespace, and strips a "^{}" at its end. */
const unsafeOnALine = (name: string) => /\s/.test(name) || name.endsWith('^{}');

/**
 * Git's verdict on many names from ONE git process, where a process per name
 * took minutes on a loaded machine: `show-ref --exclude-existing` reads refs
 * on stdin and prints each one check_refname_format accepts that does not
 * exist (none does in an empty repository). That is the check
 * `check-ref-format --branch NAME` applies to refs/heads/NAME, once the names
 * where --branch adds rules of its own (a leading "-", HEAD, "@", "@{") are
 * set aside, as the test below does.
 */
function gitAcceptsAll(dir: string, names: string[]): Set<string> {
  const result = spawnSync('git', ['show-ref', '--exclude-existing'], { cwd: dir, encoding: 'utf8', input: names.map((name) => `refs/heads/${name}\n`).join('') });
  if (result.status !== 0) throw new Error(`git show-ref --exclude-existing failed: ${result.stderr}`);
  return new Set(result.stdout.split('\n').flatMap((line) => (line.startsWith('refs/heads/') ? [line.slice('refs/heads/'.length)] : [])));
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
  it("agrees with git's check-ref-format --branch, and refuses also what sync must never pass (options, HEAD, @{...})", () => {
    const dir = emptyRepo();
    const ours = (name: string) => branchNameProblem(name) === undefined;
    const stricter = (name: string) => name.startsWith('-') || name === 'HEAD' || name === '@' || name.includes('@{');
    const disagreements: string[] = [];
    const names = candidateNames();
    for (const name of names.filter(stricter)) {
      if (ours(name)) disagreements.push(`${JSON.stringify(name)}: accepted, but sync must refuse it`);
    }
    const compared = names.filter((name) => !stricter(name) && !unsafeOnALine(name));
    const accepted = gitAcceptsAll(dir, compared);
    for (const name of compared) {
      const git = accepted.has(name);
      if (git !== ours(name)) disagreements.push(`${JSON.stringify(name)}: git ${git ? 'accepts' : 'refuses'}, we ${ours(name) ? 'accept' : 'refuse'}`);
    }
    // Whitespace is refused anywhere in a ref name (git-check-ref-format(1)); git says so on every 16th such name, one process each.
    const spaced = names.filter((name) => !stricter(name) && unsafeOnALine(name));
    for (const name of spaced) if (ours(name)) disagreements.push(`${JSON.stringify(name)}: accepted, but it holds whitespace`);
    for (const name of spaced.filter((_, index) => index % 16 === 0)) {
      if (gitAccepts(dir, name)) disagreements.push(`${JSON.stringify(name)}: git accepts a name with whitespace`);
    }
    assert.ok(compared.length > 1500 && accepted.size > 100, `${compared.length} names compared, ${accepted.size} accepted by git`);
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
