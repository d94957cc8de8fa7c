import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GitRepository } from '../../../src/git/gitRepository';
import { incidentLogMessage } from '../../../src/git/incidentLog';
import { emptyRepo, git, importCommits, repoWithHistory } from './repoBuilder';

describe('files a commit changed, for the diff view (real git)', () => {
  it('lists added, modified, deleted and renamed files against the first parent', async () => {
    const dir = emptyRepo();
    const body = 'line\n'.repeat(40);
    const [root, change] = importCommits(dir, [
      { message: 'Start', files: { 'old name.ts': body, 'keep.ts': 'v1', 'gone.ts': 'x' } },
      { message: 'Change', deletes: ['old name.ts', 'gone.ts'], files: { 'src/new name.ts': body, 'keep.ts': 'v2', 'added.ts': 'new' } },
    ]);
    const changes = await new GitRepository(dir).filesChanged(change.slice(0, 7));
    assert.equal(changes.sha, change);
    assert.equal(changes.parent, root);
    assert.deepEqual(
      [...changes.files].sort((a, b) => a.path.localeCompare(b.path)),
      [
        { path: 'added.ts', status: 'added' },
        { path: 'gone.ts', status: 'deleted' },
        { path: 'keep.ts', status: 'modified' },
        { path: 'src/new name.ts', status: 'renamed', previousPath: 'old name.ts' },
      ],
    );
  });

  it('diffs a root commit against nothing', async () => {
    const dir = emptyRepo();
    const [root] = importCommits(dir, [{ message: 'Start', files: { 'a.ts': '1', 'b/c.ts': '2' } }]);
    const changes = await new GitRepository(dir).filesChanged('HEAD');
    assert.deepEqual(changes, {
      sha: root,
      parent: undefined,
      files: [
        { path: 'a.ts', status: 'added' },
        { path: 'b/c.ts', status: 'added' },
      ],
    });
  });

  it('uses the first parent of a merge', async () => {
    const dir = emptyRepo();
    const shas = importCommits(dir, [
      { message: 'Start', files: { a: '1' } },
      { message: 'Side', branch: 'side', parent: 0, files: { b: '1' } },
      { message: 'Main', files: { a: '2' } },
      { message: 'Merge', merges: [1], files: { b: '1' } },
    ]);
    const changes = await new GitRepository(dir).filesChanged(shas[3]);
    assert.equal(changes.parent, shas[2]);
    assert.deepEqual(changes.files, [{ path: 'b', status: 'added' }]);
  });
});

describe('committing the incident log alone (real git)', () => {
  function repoWithStagedWork(): string {
    const dir = emptyRepo();
    importCommits(dir, [{ message: 'Start', files: { 'app.ts': 'v1' } }]);
    writeFileSync(join(dir, 'app.ts'), 'work in progress');
    git(dir, ['add', 'app.ts']);
    writeFileSync(join(dir, 'notes.txt'), 'untracked');
    return dir;
  }

  it('commits a new .incidents/ and leaves another staged change staged and uncommitted', async () => {
    const dir = repoWithStagedWork();
    mkdirSync(join(dir, '.incidents'));
    writeFileSync(join(dir, '.incidents', 'incidents.json'), '{"version":1,"incidents":[],"deploys":[]}\n');
    const sha = await new GitRepository(dir).commitIncidentLog('incidents: declare INC-7K3QF2XM');
    assert.equal(sha, git(dir, ['rev-parse', 'HEAD']).trim());
    assert.equal(git(dir, ['show', '--name-only', '--format=%s', 'HEAD']).trim(), 'incidents: declare INC-7K3QF2XM\n\n.incidents/incidents.json');
    assert.equal(git(dir, ['diff', '--cached', '--name-only']).trim(), 'app.ts');
    assert.equal(git(dir, ['status', '--porcelain']).trim(), 'M  app.ts\n?? notes.txt');
  });

  it('commits a change to a tracked store, and nothing when there is nothing to commit', async () => {
    const dir = repoWithStagedWork();
    const repo = new GitRepository(dir);
    mkdirSync(join(dir, '.incidents'));
    writeFileSync(join(dir, '.incidents', 'incidents.json'), '{"version":1}\n');
    await repo.commitIncidentLog('first');
    writeFileSync(join(dir, '.incidents', 'incidents.json'), '{"version":1,"incidents":[]}\n');
    const second = await repo.commitIncidentLog('second');
    assert.equal(git(dir, ['log', '-1', '--format=%s', second!]).trim(), 'second');
    assert.equal(await repo.commitIncidentLog('third'), undefined);
    assert.equal(git(dir, ['diff', '--cached', '--name-only']).trim(), 'app.ts');
  });

  it("never commits a writer's lock, its owner file or a temp file caught mid-write", async () => {
    const dir = repoWithStagedWork();
    mkdirSync(join(dir, '.incidents', 'incidents.json.lock'), { recursive: true });
    writeFileSync(join(dir, '.incidents', 'incidents.json.lock', 'owner.json'), '{"pid":1}');
    writeFileSync(join(dir, '.incidents', 'incidents.json.4242.abcd.tmp'), 'half');
    writeFileSync(join(dir, '.incidents', 'incidents.json'), '{}\n');
    await new GitRepository(dir).commitIncidentLog('incidents: update');
    assert.equal(git(dir, ['show', '--name-only', '--format=', 'HEAD']).trim(), '.incidents/incidents.json');
    assert.equal(await new GitRepository(dir).commitIncidentLog('again'), undefined, 'the transient files alone are nothing to commit');
  });

  it('takes a message that looks like options as the message', async () => {
    const dir = repoWithStagedWork();
    mkdirSync(join(dir, '.incidents'));
    writeFileSync(join(dir, '.incidents', 'incidents.json'), '{}\n');
    const message = '--amend --output=/tmp/x -c core.pager=touch';
    await new GitRepository(dir).commitIncidentLog(message);
    assert.equal(git(dir, ['log', '-1', '--format=%B']).trim(), message);
    assert.equal(git(dir, ['rev-list', '--count', 'HEAD']).trim(), '2', 'a new commit, not an amend');
  });

  it('commits .incidents/ alone under the generated message, leaving other staged changes staged', async () => {
    const { dir } = repoWithHistory(1);
    mkdirSync(join(dir, '.incidents'));
    writeFileSync(join(dir, '.incidents', 'incidents.json'), '{}\n');
    writeFileSync(join(dir, 'app.ts'), 'wip');
    git(dir, ['add', 'app.ts']);
    const message = incidentLogMessage(['INC-7K3QF2XM']);
    assert.equal(await new GitRepository(dir).commitIncidentLog(message), git(dir, ['rev-parse', 'HEAD']).trim());
    assert.equal(git(dir, ['log', '-1', '--format=%s']).trim(), 'incidents: update INC-7K3QF2XM');
    assert.equal(git(dir, ['diff', '--cached', '--name-only']).trim(), 'app.ts');
  });
});
