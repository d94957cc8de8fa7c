/**
 * What team sync does inside .git itself, checked against git: objects we
 * write must be objects git reads and fsck accepts (sha1 and sha256), refs we
 * read must be the refs git sees, and anything unusual sends the caller back
 * to git instead of being guessed.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { GitCommand } from '../../../src/git/gitCommand';
import { gitDirectory, readLooseObject, readRefFile, STALE_REF_LOCK_MS, writeLooseObject, writeRefFile, type GitDirectory } from '../../../src/git/gitDirectory';
import { commitFileOnTop } from '../../../src/git/syncBranch';
import { branchContent, looseBranchContent } from '../../../src/git/syncBranchContent';
import { git } from './repoBuilder';

const STORE = '.incidents/incidents.json';
const REF = 'refs/incident-sync/origin/incident-log';

function repository(format: 'sha1' | 'sha256' = 'sha1'): { dir: string; command: GitCommand } {
  const dir = mkdtempSync(join(tmpdir(), `incident-gitdir-${format}-`));
  git(dir, ['init', '--quiet', `--object-format=${format}`]);
  git(dir, ['config', 'user.name', 'Dana Ortiz']);
  git(dir, ['config', 'user.email', 'dana@example.com']);
  return { dir, command: new GitCommand(dir) };
}

describe('gitDirectory: loose objects and refs written and read without a git process', () => {
  for (const format of ['sha1', 'sha256'] as const) {
    it(`writes blobs, trees and commits git reads back and fsck --strict accepts (${format})`, async () => {
      const { dir, command } = repository(format);
      const directory = await gitDirectory(command);
      assert.equal(directory.format, format);
      const text = `{"note": "ünïcode ✓ and a line\\nbreak"}\n`;
      const first = await commitFileOnTop(command, { path: STORE, text, message: 'Incident log sync' });
      const second = await commitFileOnTop(command, { parent: first, path: STORE, text: Buffer.from(`${text} `), message: 'Incident log sync by Ana' });
      assert.equal(git(dir, ['cat-file', '-p', `${first}:${STORE}`]), text);
      assert.equal(git(dir, ['rev-parse', `${second}^`]).trim(), first);
      assert.equal(
        git(dir, ['log', '-1', '--format=%an <%ae>|%cn <%ce>|%s', second]).trim(),
        'Dana Ortiz <dana@example.com>|Dana Ortiz <dana@example.com>|Incident log sync by Ana',
      );
      assert.equal(git(dir, ['ls-tree', '-r', '--name-only', second]).trim(), STORE);
      git(dir, ['update-ref', 'refs/heads/check', second]);
      assert.equal(git(dir, ['fsck', '--strict', '--no-dangling']).trim(), '', 'fsck finds nothing wrong');
      assert.deepEqual(looseBranchContent(directory, second), { kind: 'file', path: STORE, blob: git(dir, ['rev-parse', `${second}:${STORE}`]).trim() });
    });
  }

  it('leaves an object that is there already as it is, and names it as git does', async () => {
    const { dir, command } = repository();
    const directory = await gitDirectory(command);
    const body = Buffer.from('same bytes\n');
    const name = writeLooseObject(directory, 'blob', body);
    assert.equal(name, execFileSync('git', ['hash-object', '--stdin'], { cwd: dir, input: body, encoding: 'utf8' }).trim());
    const file = join(directory.objectsDir, name.slice(0, 2), name.slice(2));
    const before = readFileSync(file);
    assert.equal(writeLooseObject(directory, 'blob', body), name);
    assert.ok(readFileSync(file).equals(before));
  });

  it('tells what a commit holds from loose objects (the one store file, nothing, other files) as git does, and defers to git for packed or damaged objects', async () => {
    const { dir, command } = repository();
    const directory = await gitDirectory(command);
    const commit = await commitFileOnTop(command, { path: STORE, text: 'one\n', message: 'Sync' });
    const blob = git(dir, ['rev-parse', `${commit}:${STORE}`]).trim();
    assert.deepEqual(looseBranchContent(directory, commit), { kind: 'file', path: STORE, blob });
    assert.equal(looseBranchContent(directory, 'f'.repeat(40)), undefined, 'not here at all');
    // Trees made by git itself: empty, two files, one file that is not a store, a store beside a README.
    const commitOf = (files: Record<string, string>) => {
      const index = join(dir, `.git/index-${Object.keys(files).length}-${Math.random()}`);
      for (const [path, text] of Object.entries(files)) {
        const sha = execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: dir, input: text, encoding: 'utf8' }).trim();
        execFileSync('git', ['update-index', '--add', '--cacheinfo', `100644,${sha},${path}`], { cwd: dir, env: { ...process.env, GIT_INDEX_FILE: index } });
      }
      const tree = Object.keys(files).length
        ? execFileSync('git', ['write-tree'], { cwd: dir, env: { ...process.env, GIT_INDEX_FILE: index }, encoding: 'utf8' }).trim()
        : execFileSync('git', ['hash-object', '-t', 'tree', '-w', '--stdin'], { cwd: dir, input: '', encoding: 'utf8' }).trim();
      return git(dir, ['commit-tree', tree, '-m', 'shape']).trim();
    };
    const shapes = [
      [commitOf({}), { kind: 'empty' }],
      [commitOf({ 'README.md': '# x\n' }), { kind: 'other-files', example: 'README.md' }],
      [
        commitOf({ 'ops/log.json': '{}\n' }),
        { kind: 'file', path: 'ops/log.json', blob: execFileSync('git', ['hash-object', '--stdin'], { cwd: dir, input: '{}\n', encoding: 'utf8' }).trim() },
      ],
      [commitOf({ [STORE]: '{}\n', 'src/app.ts': 'x\n' }), { kind: 'other-files' }],
    ] as const;
    for (const [sha, shape] of shapes) {
      const loose = looseBranchContent(directory, sha);
      assert.equal(loose?.kind, shape.kind, sha);
      if (shape.kind !== 'other-files') assert.deepEqual(loose, shape);
    }
    // An object whose bytes do not hash to its name is not believed.
    const damagedCommit = await commitFileOnTop(command, { path: STORE, text: 'two\n', message: 'Sync' });
    const damagedBlob = git(dir, ['rev-parse', `${damagedCommit}:${STORE}`]).trim();
    const damagedFile = join(directory.objectsDir, damagedBlob.slice(0, 2), damagedBlob.slice(2));
    writeFileSync(damagedFile, deflateSync(Buffer.from('blob 4\0tw0\n')), { mode: 0o644 });
    assert.equal(readLooseObject(directory, damagedBlob), undefined);
    // Packed: only git can read it, and branchContent asks git, with the same answers.
    git(dir, ['update-ref', 'refs/heads/keep', commit]);
    for (const [n, [sha]] of shapes.entries()) git(dir, ['update-ref', `refs/heads/shape${n}`, sha]);
    git(dir, ['repack', '-a', '-d', '-q']);
    git(dir, ['prune-packed']);
    assert.equal(existsSync(join(directory.objectsDir, blob.slice(0, 2), blob.slice(2))), false, 'the blob is packed now');
    assert.equal(looseBranchContent(directory, commit), undefined);
    assert.deepEqual(await branchContent(command, commit), { kind: 'file', path: STORE, blob });
    for (const [sha, shape] of shapes) {
      const packed = await branchContent(command, sha);
      assert.equal(packed.kind, shape.kind, sha);
      if (shape.kind !== 'other-files') assert.deepEqual(packed, shape);
    }
  });

  it('reads a ref as git does: loose, packed, missing; and leaves a symbolic ref, reftable or a name outside refs/ to git', async () => {
    const { dir, command } = repository();
    const directory = await gitDirectory(command);
    const commit = await commitFileOnTop(command, { path: STORE, text: 'x\n', message: 'Sync' });
    assert.deepEqual(readRefFile(directory, REF), { sha: undefined });
    git(dir, ['update-ref', REF, commit]);
    assert.deepEqual(readRefFile(directory, REF), { sha: commit });
    git(dir, ['pack-refs', '--all']);
    assert.equal(existsSync(join(directory.commonDir, REF)), false, 'packed now');
    assert.deepEqual(readRefFile(directory, REF), { sha: commit });
    git(dir, ['symbolic-ref', 'refs/incident-sync/origin/alias', 'refs/heads/main']);
    assert.equal(readRefFile(directory, 'refs/incident-sync/origin/alias'), undefined);
    for (const name of ['refs/../HEAD', 'HEAD', 'refs//x', 'refs/./x']) assert.equal(readRefFile(directory, name), undefined, name);
    const reftable: GitDirectory = { ...directory, commonDir: mkdtempSync(join(tmpdir(), 'incident-reftable-')) };
    mkdirSync(join(reftable.commonDir, 'reftable'));
    assert.equal(readRefFile(reftable, REF), undefined);
    assert.equal(writeRefFile(reftable, REF, commit), false);
  });

  it("moves a ref under git's lock: a fresh lock held by someone is respected, a stale one left by a killed process is cleared", async () => {
    const { dir, command } = repository();
    const directory = await gitDirectory(command);
    const one = await commitFileOnTop(command, { path: STORE, text: '1\n', message: 'Sync' });
    const two = await commitFileOnTop(command, { parent: one, path: STORE, text: '2\n', message: 'Sync' });
    assert.equal(writeRefFile(directory, REF, one), true);
    assert.equal(git(dir, ['rev-parse', REF]).trim(), one);
    const lock = join(directory.commonDir, `${REF}.lock`);
    writeFileSync(lock, '');
    assert.equal(writeRefFile(directory, REF, two), false, 'someone holds the lock');
    assert.equal(git(dir, ['rev-parse', REF]).trim(), one);
    const old = (Date.now() - STALE_REF_LOCK_MS - 5_000) / 1000;
    utimesSync(lock, old, old);
    assert.equal(writeRefFile(directory, REF, two), true, 'the stale lock went');
    assert.equal(git(dir, ['rev-parse', REF]).trim(), two);
    assert.equal(existsSync(lock), false);
    assert.equal(writeRefFile(directory, REF, 'not a sha'), false);
  });
});
