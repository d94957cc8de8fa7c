import * as assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitCommandError, GitNotFoundError, NotARepositoryError } from '../../../src/git/errors';
import { GitCommand } from '../../../src/git/gitCommand';
import { gitProcessesStarted } from '../../../src/git/processCount';
import { emptyRepo, git, repoWithHistory } from './repoBuilder';

/** Sets environment variables for the length of `work`, then puts them back. */
async function withEnvironment<T>(values: Record<string, string>, work: () => Promise<T>): Promise<T> {
  const before = Object.fromEntries(Object.keys(values).map((name) => [name, process.env[name]]));
  Object.assign(process.env, values);
  try {
    return await work();
  } finally {
    for (const [name, value] of Object.entries(before)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

describe('GitCommand: how git runs (real git)', () => {
  it('gives the whole output of a large answer and of a silent one', async () => {
    const { dir } = repoWithHistory(3);
    const text = `${'x'.repeat(3_000_000)}\nend\n`;
    const command = new GitCommand(dir);
    const blob = (await command.run(['hash-object', '-w', '--stdin'], { input: text })).trim();
    assert.equal(await command.run(['cat-file', 'blob', blob]), text);
    assert.equal(await command.run(['update-ref', 'refs/test/silent', 'HEAD']), '');
    assert.equal(git(dir, ['rev-parse', 'refs/test/silent']).trim(), git(dir, ['rev-parse', 'HEAD']).trim());
  });

  it('reads an answer given by exit code alone as an empty output, and a failure with stderr as GitCommandError', async () => {
    const { dir } = repoWithHistory(2);
    const command = new GitCommand(dir);
    assert.equal(await command.run(['config', '--get', 'no.such-key']), '');
    await assert.rejects(command.run(['rev-parse', '--verify', 'no-such-branch^{commit}']), (error: unknown) => {
      assert.ok(error instanceof GitCommandError);
      assert.match(error.stderr, /fatal|needed a single revision/i);
      return true;
    });
  });

  it('says which folder is not a repository, and which git could not start', async () => {
    const plain = mkdtempSync(join(tmpdir(), 'incident-plain-'));
    await assert.rejects(new GitCommand(plain).run(['rev-parse', 'HEAD']), NotARepositoryError);
    await assert.rejects(new GitCommand(join(plain, 'gone')).run(['status']), NotARepositoryError);
    await assert.rejects(new GitCommand(plain, { gitPath: join(plain, 'no-git-here') }).run(['--version']), GitNotFoundError);
  });

  it('works on its own folder even when the caller runs inside a hook with GIT_DIR and GIT_INDEX_FILE pointing elsewhere', async () => {
    const ours = repoWithHistory(1).dir;
    const other = emptyRepo();
    const head = git(ours, ['rev-parse', 'HEAD']).trim();
    const answer = await withEnvironment({ GIT_DIR: join(other, '.git'), GIT_INDEX_FILE: join(other, '.git', 'index') }, () => new GitCommand(ours).run(['rev-parse', 'HEAD']));
    assert.equal(answer.trim(), head);
  });

  it('refuses an option that would make git run a program, before starting git', async () => {
    const { dir } = repoWithHistory(1);
    const before = gitProcessesStarted();
    await assert.rejects(new GitCommand(dir).run(['-c', 'core.sshCommand=touch /tmp/owned', 'fetch', 'origin']), (error: unknown) => {
      assert.ok(error instanceof GitCommandError);
      assert.match(error.message, /refused/);
      return true;
    });
    assert.equal(gitProcessesStarted(), before);
  });

  it('lets a call through the guard only for the category it names (the merge driver setting its own command)', async () => {
    const { dir } = repoWithHistory(1);
    const setDriver = ['config', '--local', 'merge.incidents.driver', 'touch /tmp/owned %A'];
    await assert.rejects(new GitCommand(dir).run(setDriver), /refused/);
    await assert.rejects(new GitCommand(dir).run(setDriver, { allow: ['allowUnsafeSshCommand'] }), /refused/, 'another category does not open it');
    await assert.rejects(new GitCommand(dir).run(['-c', 'core.sshCommand=touch /tmp/owned', 'fetch', 'origin'], { allow: ['allowUnsafeMergeDriver'] }), /refused/);
    await new GitCommand(dir).run(setDriver, { allow: ['allowUnsafeMergeDriver'] });
    assert.equal((await new GitCommand(dir).run(['config', '--get', 'merge.incidents.driver'])).trim(), 'touch /tmp/owned %A');
  });

  it('has git refuse an abbreviated option rather than guess which one was meant', async () => {
    const { dir } = repoWithHistory(1);
    await assert.rejects(new GitCommand(dir).run(['for-each-ref', '--form=%(refname)']), GitCommandError);
    assert.match(await new GitCommand(dir).run(['for-each-ref', '--format=%(refname)']), /refs\/heads\//);
  });

  it('stops a cancelled command with an AbortError, before it starts and while it runs', async () => {
    const { dir } = repoWithHistory(1);
    const early = new AbortController();
    early.abort();
    await assert.rejects(new GitCommand(dir).run(['rev-parse', 'HEAD'], { signal: early.signal }), { name: 'AbortError' });
    const folder = mkdtempSync(join(tmpdir(), 'incident-fake-git-'));
    const fake = join(folder, 'git');
    writeFileSync(fake, '#!/bin/sh\nsleep 60\necho done\n');
    chmodSync(fake, 0o755);
    const late = new AbortController();
    const running = new GitCommand(folder, { gitPath: fake }).run(['status'], { signal: late.signal });
    setTimeout(() => late.abort(), 200);
    await assert.rejects(running, { name: 'AbortError' });
  });

  it('runs at most six git processes of one GitCommand at once, and all of the rest after them', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'incident-fake-git-'));
    const log = join(folder, 'log');
    const fake = join(folder, 'git');
    // A stand-in git that notes when it starts and ends, and takes a moment in between.
    writeFileSync(fake, `#!/bin/sh\necho start >> '${log}'\nsleep 0.3\necho end >> '${log}'\necho "$1"\n`);
    chmodSync(fake, 0o755);
    const command = new GitCommand(folder, { gitPath: fake });
    const answers = await Promise.all(Array.from({ length: 20 }, (_, n) => command.run([`answer-${n}`])));
    assert.deepEqual(
      answers.map((answer) => answer.trim()),
      Array.from({ length: 20 }, (_, n) => `answer-${n}`),
    );
    let running = 0;
    let most = 0;
    for (const line of readFileSync(log, 'utf8').trim().split('\n')) {
      running += line === 'start' ? 1 : -1;
      most = Math.max(most, running);
    }
    assert.equal(running, 0);
    assert.ok(most <= 6 && most > 1, `at most ${most} ran at once`);
  });
});
