/**
 * Text from a user, a webview or a file, shaped like git options, must be
 * rejected or treated as data: no file is created, no command runs.
 * The argument guard GitCommand applies (simple-git's) lets `--output=<file>`
 * through, so each entry point is tried with it.
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidPathError, InvalidRevisionError } from '../../../src/git/errors';
import { GitRepository } from '../../../src/git/gitRepository';
import { repoWithHistory } from './repoBuilder';

/** OUT is replaced by a fresh path that must still not exist afterwards. */
const HOSTILE_REVISIONS = [
  '--output=OUT',
  '--output OUT',
  '-oOUT',
  '-c core.pager=touch OUT',
  '-ccore.pager=touch OUT',
  '--upload-pack=touch OUT',
  '--exec=touch OUT',
  '$(touch OUT)',
  '`touch OUT`',
  'HEAD;touch OUT',
  'HEAD --output=OUT',
  'HEAD\n--output=OUT',
  'HEAD\t--output=OUT',
  'refs with spaces',
  '-p',
  '--all',
  '',
  '   ',
];

function freshOut(): string {
  return join(mkdtempSync(join(tmpdir(), 'incident-hostile-')), 'pwned');
}

describe('hostile revisions and paths never reach git as options (real git)', () => {
  const { dir, shas } = repoWithHistory(3);
  const repo = new GitRepository(dir);

  for (const template of HOSTILE_REVISIONS) {
    it(`rejects ${JSON.stringify(template)} everywhere a revision is taken, and writes no file`, async () => {
      const out = freshOut();
      const revision = template.replace(/OUT/g, out);
      await assert.rejects(repo.resolveCommit(revision), InvalidRevisionError);
      await assert.rejects(repo.resolveSha(revision), InvalidRevisionError);
      await assert.rejects(repo.commitRange(revision, 'HEAD', { newest: 10 }), InvalidRevisionError);
      await assert.rejects(repo.commitRange(shas[0], revision, { newest: 10 }), InvalidRevisionError);
      await assert.rejects(repo.filesChanged(revision), InvalidRevisionError);
      await repo.scanReferences({ since: [revision] });
      assert.equal(existsSync(out), false, `${out} was created`);
      assert.deepEqual(readdirSync(dir).sort(), ['.git', 'src']);
    });
  }

  it('says why a revision was refused', async () => {
    await assert.rejects(repo.resolveCommit('--output=/tmp/x'), /"--output=\/tmp\/x" is not a usable revision: it starts with "-"/);
    await assert.rejects(repo.resolveCommit('refs with spaces'), /contains whitespace/);
    await assert.rejects(repo.resolveCommit('$(id)'), /"\$\(id\)" is not a usable revision: no such commit/);
  });

  const HOSTILE_PATHS = ['--output=OUT', ':(glob)**', ':!src', '../outside', '/etc/passwd', 'C:\\Windows', 'a\nb', ''];
  for (const template of HOSTILE_PATHS) {
    it(`takes the path ${JSON.stringify(template)} literally or refuses it, and writes no file`, async () => {
      const out = freshOut();
      const path = template.replace(/OUT/g, out);
      try {
        const commits = (await repo.commitRange(shas[0], shas[2], { newest: 10, onlyPaths: [path] })).touching;
        // Taken as a literal name: no such file in the repository, so nothing matches.
        assert.ok(commits.every((c) => c.files.length === 0));
      } catch (error) {
        assert.ok(error instanceof InvalidPathError, String(error));
      }
      assert.equal(existsSync(out), false);
    });
  }
});
