import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkStorePath, IncidentStore } from '../../../src/store/incidentStore';
import { tempRepo } from '../store/tempRepo';
import { incident } from './runCli';

describe('a store somewhere else than .incidents/incidents.json', () => {
  it('accepts a plain relative .json path and refuses the rest, saying why', () => {
    assert.equal(checkStorePath('./ops\\incidents/store.json'), 'ops/incidents/store.json');
    for (const [path, reason] of [
      ['', /empty/],
      ['/etc/incidents.json', /relative/],
      ['C:/incidents.json', /relative/],
      ['../outside.json', /inside the repository/],
      ['.git/incidents.json', /not be inside .git/],
      ['sub/.GIT/x.json', /not be inside .git/],
      ['ops//store.json', /inside the repository/],
      ['ops/store.yaml', /\.json file/],
      ['ops/$(touch x).json', /letters, digits/],
    ] as const) {
      assert.throws(() => checkStorePath(path), reason, path);
    }
    const store = new IncidentStore('/repo', 'ops/store.json');
    assert.deepEqual([store.file, store.relativeDir], ['/repo/ops/store.json', 'ops']);
  });

  it('is used by every verb given --store: the store, its postmortems, the merge attribute and the incident-log commit', async () => {
    const repo = tempRepo();
    const store = ['--store', 'ops/incidents/store.json'];
    const id = (await incident(repo, ...store, 'declare', '--title', 'Cron stuck', '--category', 'regression', '--severity', 'SEV3')).stdout;
    assert.match(id, /^INC-/);
    assert.equal(existsSync(join(repo, 'ops', 'incidents', 'store.json')), true);
    assert.equal(existsSync(join(repo, '.incidents')), false);
    assert.equal((await incident(repo, ...store, 'postmortem', id)).stdout, `Wrote ops/incidents/postmortems/${id}.md`);
    await incident(repo, ...store, 'install-merge-driver');
    assert.match(readFileSync(join(repo, '.gitattributes'), 'utf8'), /^ops\/incidents\/store\.json merge=incidents$/m);
    const committed = await incident(repo, ...store, 'commit');
    assert.equal(committed.code, 0, committed.stderr);
    const files = execFileSync('git', ['show', '--name-only', '--format=', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim().split('\n');
    assert.deepEqual(
      files.sort(),
      [`ops/incidents/postmortems/${id}.md`, 'ops/incidents/store.json'],
      'the commit holds the store folder and nothing else (.gitattributes stays out)',
    );
    const refused = await incident(repo, '--store', '../elsewhere.json', 'list');
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /--store: "\.\.\/elsewhere\.json" is not a usable store path: it must stay inside the repository/);
  });
});
