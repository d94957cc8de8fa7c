import * as assert from 'node:assert/strict';
import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authorIdentity, repositoryTopLevel } from '../../../src/git/identity';
import { repoWithHistory } from './repoBuilder';

describe('identity from a folder (real git)', () => {
  it('finds the top level and the author from a folder, or nothing outside a repository', async () => {
    const { dir } = repoWithHistory(1);
    assert.equal(await repositoryTopLevel(dir), realpathSync(dir));
    assert.equal(await authorIdentity(dir), 'Dana Ortiz <dana@example.com>');
    assert.equal(await repositoryTopLevel(mkdtempSync(join(tmpdir(), 'incident-plain-'))), undefined);
  });
});
