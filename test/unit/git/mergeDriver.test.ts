/**
 * The merge driver's own git calls (install it, read a conflicted store's
 * index stages) run git the way every other call does: through GitCommand,
 * so a git path VS Code users really have works and a hook's GIT_DIR does not
 * send the config to another repository.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { conflictStages, installMergeDriver, mergeDriverCommand } from '../../../src/git/mergeDriver';
import { gitProcessesStarted } from '../../../src/git/processCount';
import { emptyRepo, git } from './repoBuilder';

const STORE = '.incidents/incidents.json';
const COMMAND = mergeDriverCommand('/usr/bin/node', '/opt/incident/cli.js');

/** The real git, reached through a folder whose name has a space, as `C:\Program Files\Git\cmd\git.exe` has. */
function gitPathWithSpace(): string {
  const real = execFileSync('git', ['--exec-path'], { encoding: 'utf8' }).trim();
  const folder = join(mkdtempSync(join(tmpdir(), 'incident-git-path-')), 'Git Tools');
  mkdirSync(folder);
  symlinkSync(join(real, 'git'), join(folder, 'git'));
  return join(folder, 'git');
}

/** A repository mid-merge whose store conflicts: base, ours (main) and theirs (other) differ. */
function conflictedStore(): string {
  const dir = emptyRepo();
  const write = (text: string) => {
    mkdirSync(join(dir, '.incidents'), { recursive: true });
    writeFileSync(join(dir, STORE), text);
    git(dir, ['add', STORE]);
  };
  write('{"side":"base"}\n');
  git(dir, ['commit', '--quiet', '-m', 'base']);
  git(dir, ['checkout', '--quiet', '-b', 'other']);
  write('{"side":"theirs"}\n');
  git(dir, ['commit', '--quiet', '-m', 'theirs']);
  git(dir, ['checkout', '--quiet', 'main']);
  write('{"side":"ours"}\n');
  git(dir, ['commit', '--quiet', '-m', 'ours']);
  assert.throws(() => git(dir, ['merge', '--quiet', '--no-edit', 'other']), 'the store conflicts');
  return dir;
}

describe("the merge driver's git (real git)", () => {
  it('installs the driver and reads the stages with a git path that has a space in it', async () => {
    const gitPath = gitPathWithSpace();
    const dir = conflictedStore();
    const before = gitProcessesStarted();
    assert.deepEqual(await installMergeDriver(dir, COMMAND, { gitPath }), { attributesChanged: true });
    assert.equal(git(dir, ['config', '--local', '--get', 'merge.incidents.driver']).trim(), COMMAND);
    assert.equal(readFileSync(join(dir, '.gitattributes'), 'utf8'), `${STORE} merge=incidents\n`);
    assert.deepEqual(await conflictStages(dir, { gitPath }), { base: '{"side":"base"}\n', ours: '{"side":"ours"}\n', theirs: '{"side":"theirs"}\n' });
    assert.equal(gitProcessesStarted() - before, 5, 'two config writes and three stage reads, each counted once');
  });

  it("writes the driver into the repository it was given, whatever GIT_DIR a hook's environment names", async () => {
    const dir = emptyRepo();
    const other = emptyRepo();
    const saved = process.env.GIT_DIR;
    process.env.GIT_DIR = join(other, '.git');
    try {
      await installMergeDriver(dir, COMMAND);
    } finally {
      if (saved === undefined) delete process.env.GIT_DIR;
      else process.env.GIT_DIR = saved;
    }
    assert.equal(git(dir, ['config', '--local', '--get', 'merge.incidents.driver']).trim(), COMMAND);
    assert.throws(() => git(other, ['config', '--local', '--get', 'merge.incidents.driver']), 'the other repository is left alone');
  });

  it('finds no stages when the store is not in a conflicted merge', async () => {
    assert.equal(await conflictStages(emptyRepo()), undefined);
  });
});
