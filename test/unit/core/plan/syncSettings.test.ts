import * as assert from 'node:assert/strict';
import { STORE_SCHEMA_VERSION, type StoreDocument } from '../../../../src/core/record/schema';
import { chooseSyncTarget, teamSyncSettings } from '../../../../src/core/plan/syncSettings';

const withSync = (sync: unknown): StoreDocument => ({ version: STORE_SCHEMA_VERSION, incidents: [], deploys: [], sync }) as StoreDocument;

describe('chooseSyncTarget: one choice of remote and branch for the command line and VS Code', () => {
  it('takes what the person gave, else the store block, else the only remote not named origin, else origin', () => {
    const block = withSync({ enabled: true, remote: 'upstream', branch: 'team-log' });
    const target = (...args: Parameters<typeof chooseSyncTarget>) => {
      const { remote, branch } = chooseSyncTarget(...args);
      return `${remote}/${branch}`;
    };
    assert.equal(target({ remote: 'mine', branch: 'log' }, block, ['origin']), 'mine/log');
    assert.equal(target({}, block, ['origin', 'upstream']), 'upstream/team-log');
    assert.equal(target({ remote: ' ', branch: '' }, block), 'upstream/team-log', 'a blank option is no option');
    assert.equal(target({}, undefined, ['github']), 'github/incident-log', 'the one remote a clone has');
    assert.equal(target({}, undefined, ['github', 'gitlab']), 'origin/incident-log', 'several and none named origin: origin, which the check then refuses with the list');
    assert.equal(target({}, undefined, ['origin', 'fork']), 'origin/incident-log');
    assert.equal(target({}, undefined), 'origin/incident-log', 'remotes not known (VS Code)');
  });

  it('says what is wrong with a sync block it cannot use, and then ignores it', () => {
    const broken: Array<[unknown, RegExp]> = [
      ['on', /not an object/],
      [{ enabled: 'yes' }, /needs "enabled": true or false/],
      [{ enabled: true, remote: '' }, /"remote" that is not a name/],
      [{ enabled: true, branch: 42 }, /"branch" that is not a name/],
    ];
    for (const [sync, problem] of broken) {
      const chosen = chooseSyncTarget({}, withSync(sync), ['origin']);
      assert.match(chosen.problem ?? '', problem, JSON.stringify(sync));
      assert.equal(chosen.team, undefined);
      assert.equal(`${chosen.remote}/${chosen.branch}`, 'origin/incident-log');
    }
    assert.deepEqual(teamSyncSettings(withSync({ enabled: false })), { settings: { enabled: false } });
    assert.equal(chooseSyncTarget({}, withSync({ enabled: true })).problem, undefined);
  });
});
