/**
 * The entry points the UI and the CLI used before GitRepository (CommitLookup,
 * commitIncidentLog(root, …), repositoryTopLevel, authorIdentity) still work
 * and are the same code; the behaviour itself is tested in the other files here.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommitLookup, InvalidRevisionError } from '../../../src/git/commits';
import { GitRepository } from '../../../src/git/gitRepository';
import { authorIdentity, repositoryTopLevel } from '../../../src/git/identity';
import { commitIncidentLog, incidentLogMessage } from '../../../src/git/incidentLog';
import { git, repoWithHistory } from './repoBuilder';

describe('entry points kept for the UI and the CLI', () => {
  it('CommitLookup is GitRepository', async () => {
    const { dir, shas } = repoWithHistory(2);
    const lookup = new CommitLookup(dir);
    assert.ok(lookup instanceof GitRepository);
    assert.equal((await lookup.resolveCommit('HEAD')).sha, shas[1]);
    await assert.rejects(lookup.resolveCommit('--output=/tmp/x'), InvalidRevisionError);
  });

  it('finds the top level and the author from a folder, or nothing outside a repository', async () => {
    const { dir } = repoWithHistory(1);
    assert.equal(await repositoryTopLevel(dir), realpathSync(dir));
    assert.equal(await authorIdentity(dir), 'Dana Ortiz <dana@example.com>');
    assert.equal(await repositoryTopLevel(mkdtempSync(join(tmpdir(), 'incident-plain-'))), undefined);
  });

  it('commitIncidentLog(root, message) commits .incidents/ alone', async () => {
    const { dir } = repoWithHistory(1);
    mkdirSync(join(dir, '.incidents'));
    writeFileSync(join(dir, '.incidents', 'incidents.json'), '{}\n');
    writeFileSync(join(dir, 'app.ts'), 'wip');
    git(dir, ['add', 'app.ts']);
    const message = incidentLogMessage(['INC-7K3QF2XM']);
    assert.equal(await commitIncidentLog(dir, message), git(dir, ['rev-parse', 'HEAD']).trim());
    assert.equal(git(dir, ['log', '-1', '--format=%s']).trim(), 'incidents: update INC-7K3QF2XM');
    assert.equal(git(dir, ['diff', '--cached', '--name-only']).trim(), 'app.ts');
  });
});
