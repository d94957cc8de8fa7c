import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitNotFoundError, InvalidRevisionError, NotARepositoryError } from '../../../src/git/errors';
import { GitRepository } from '../../../src/git/gitRepository';
import { DANA, emptyRepo, git, importCommits, repoWithHistory } from './repoBuilder';

const LEE = { name: 'Lee Park', email: 'lee@example.com' };
const SAM = { name: 'Sam Roy', email: 'sam@example.com' };

describe('GitRepository: lookups (real git)', () => {
  it('knows its top level from a subfolder, and HEAD', async () => {
    const { dir, shas } = repoWithHistory(3);
    mkdirSync(join(dir, 'src', 'deep'), { recursive: true });
    const repo = new GitRepository(join(dir, 'src', 'deep'));
    assert.equal(await repo.topLevel(), realpathSync(dir));
    assert.equal(await repo.head(), shas[2]);
  });

  it('resolves HEAD, a full sha, an abbreviated sha, a branch and a tag to commit details', async () => {
    const { dir, shas } = repoWithHistory(3, (i) => ['Add checkout', 'Fix rounding', 'Cache prices'][i]);
    git(dir, ['tag', 'v1.0', shas[1]]);
    git(dir, ['tag', '-a', '-m', 'annotated', 'v1.1', shas[0]]);
    const repo = new GitRepository(dir);
    const head = await repo.resolveCommit('HEAD');
    assert.equal(head.sha, shas[2]);
    assert.equal(head.subject, 'Cache prices');
    assert.equal(head.author, 'Dana Ortiz <dana@example.com>');
    assert.match(head.committedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
    assert.equal((await repo.resolveCommit(shas[0])).subject, 'Add checkout');
    assert.equal((await repo.resolveCommit(shas[0].slice(0, 8))).sha, shas[0]);
    assert.equal((await repo.resolveCommit('v1.0')).sha, shas[1]);
    assert.equal((await repo.resolveCommit('v1.1')).sha, shas[0], 'an annotated tag peels to its commit');
    assert.equal((await repo.resolveCommit('main~1')).sha, shas[1]);
  });

  it('rejects a name that is not a commit, and a tree, with a clear message', async () => {
    const { dir } = repoWithHistory(2);
    const repo = new GitRepository(dir);
    await assert.rejects(repo.resolveCommit('no-such-branch'), /"no-such-branch" is not a usable revision: no such commit/);
    const tree = git(dir, ['rev-parse', 'HEAD^{tree}']).trim();
    await assert.rejects(repo.resolveCommit(tree), InvalidRevisionError);
  });

  it('lists recent commits newest first, and nothing in an empty repository', async () => {
    const { dir } = repoWithHistory(5, (i) => `Change ${i}`);
    assert.deepEqual(
      (await new GitRepository(dir).recentCommits(2)).map((c) => c.subject),
      ['Change 4', 'Change 3'],
    );
    const empty = new GitRepository(emptyRepo());
    assert.deepEqual(await empty.recentCommits(), []);
    assert.equal(await empty.head(), undefined);
  });

  it('ranks authors by commits in the window, then by their latest commit', async () => {
    const dir = emptyRepo();
    const by = (author: typeof DANA, n: number) => ({ message: `work ${n}`, author, files: { [`f${n}`]: `${n}` } });
    importCommits(dir, [by(SAM, 1), by(DANA, 2), by(LEE, 3), by(DANA, 4), by(LEE, 5), by(SAM, 6)]);
    const authors = await new GitRepository(dir).authors();
    assert.deepEqual(
      authors.map((a) => [a.author, a.commits]),
      [
        ['Sam Roy <sam@example.com>', 2],
        ['Lee Park <lee@example.com>', 2],
        ['Dana Ortiz <dana@example.com>', 2],
      ],
    );
    assert.deepEqual(
      (await new GitRepository(dir).authors(5, 2)).map((a) => a.author),
      ['Sam Roy <sam@example.com>', 'Lee Park <lee@example.com>'],
    );
  });

  it('reads the local identity, and says so when there is none', async () => {
    const dir = emptyRepo();
    assert.deepEqual(await new GitRepository(dir).currentIdentity(), { name: 'Dana Ortiz', email: 'dana@example.com' });
    git(dir, ['config', '--unset', 'user.email']);
    // A global email may exist on the machine running the tests; the name is local and certain.
    assert.equal((await new GitRepository(dir).currentIdentity()).name, 'Dana Ortiz');
  });
});

describe('GitRepository: output we parse, whatever the repository holds', () => {
  it('is unchanged by config that reshapes git output, and file names are data', async () => {
    const dir = emptyRepo();
    for (const [key, value] of [
      ['color.ui', 'always'],
      ['log.showSignature', 'true'],
      ['log.follow', 'true'],
      ['log.decorate', 'full'],
      ['format.pretty', 'oneline'],
      ['core.quotePath', 'true'],
      ['diff.renames', 'copies'],
    ])
      git(dir, ['config', key, value]);
    const odd = ['--output=x', 'docs/naïve file.md', '-rf'];
    const [first, second] = importCommits(dir, [
      { message: 'Start', files: { 'a.ts': '1' } },
      { message: 'Odd names\n\nIncident: INC-7K3QF2XM', files: Object.fromEntries(odd.map((name) => [name, name])) },
    ]);
    const repo = new GitRepository(dir);
    assert.deepEqual((await repo.resolveCommit(second)).subject, 'Odd names');
    assert.deepEqual((await repo.filesChanged(second)).files.map((f) => f.path).sort(), [...odd].sort());
    assert.deepEqual(
      (await repo.commitRange(first, second, { newest: 10, onlyPaths: odd })).touching.map((c) => [...c.files].sort()),
      [[...odd].sort()],
    );
    assert.deepEqual((await repo.commitRange(first, second, { newest: 10, onlyPaths: ['docs/naïve file.md'] })).touching[0].files, ['docs/naïve file.md']);
    assert.deepEqual(
      (await repo.scanReferences()).commits.map((c) => c.sha),
      [second],
    );
    assert.deepEqual(
      (await repo.recentCommits()).map((c) => c.sha),
      [second, first],
    );
  });
});

describe('GitRepository: git missing, folder not a repository', () => {
  it('says git was not found, naming the configured path', async () => {
    const { dir } = repoWithHistory(1);
    for (const gitPath of ['/nonexistent/bin/git', 'C:\\Program Files\\Git\\cmd\\git-missing.exe', 'no-such-git-binary']) {
      const repo = new GitRepository(dir, { gitPath });
      await assert.rejects(repo.head(), (error: unknown) => error instanceof GitNotFoundError && error.message.includes(gitPath), gitPath);
      await assert.rejects(repo.resolveCommit('HEAD'), GitNotFoundError, 'not mistaken for "no such commit"');
    }
  });

  it('uses the git binary it is given', async () => {
    const { dir, shas } = repoWithHistory(1);
    const gitPath = git(dir, ['--exec-path']).trim() + '/git';
    assert.equal(await new GitRepository(dir, { gitPath }).head(), shas[0]);
  });

  it('says a plain folder, or a folder that does not exist, is not a repository', async () => {
    const plain = mkdtempSync(join(tmpdir(), 'incident-plain-'));
    writeFileSync(join(plain, 'file.txt'), 'x');
    await assert.rejects(new GitRepository(plain).topLevel(), NotARepositoryError);
    await assert.rejects(new GitRepository(plain).resolveCommit('HEAD'), NotARepositoryError);
    const gone = join(plain, 'gone');
    await assert.rejects(new GitRepository(gone).head(), (error: unknown) => error instanceof NotARepositoryError && error.message.includes(gone));
    rmSync(plain, { recursive: true, force: true });
  });
});
