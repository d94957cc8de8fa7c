import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { activateExtension, eventually, workspaceFolder } from './extensionHelpers';

const localConfig = (root: string) => execFileSync('git', ['config', '--list', '--local'], { cwd: root, encoding: 'utf8' });

describe('merge driver offer in a fresh clone', () => {
  it('is shown at activation: the committed .gitattributes names the driver, .git/config had none', async () => {
    const api = await activateExtension();
    // Nobody answers the notification in this suite, so the offer stays up.
    await eventually(() => (api.mergeDriverOffer() === 'asking' ? true : undefined), 'the merge driver offer to be shown');
  });

  it('installs through the Install Merge Driver command on Install, and the next session does not offer again', async () => {
    const api = await activateExtension();
    const root = workspaceFolder().fsPath;
    // The merge driver command's own test (run before this file) installed it; start again from a fresh clone's config.
    spawnSync('git', ['config', '--local', '--unset-all', 'merge.incidents.driver'], { cwd: root });
    assert.doesNotMatch(localConfig(root), /merge\.incidents\.driver=/);
    assert.match(readFileSync(join(root, '.gitattributes'), 'utf8'), /^\.incidents\/incidents\.json merge=incidents$/m);

    const asked: string[][] = [];
    const status = await api.offerMergeDriverAgain((message, ...buttons) => (asked.push([message, ...buttons]), buttons[0]));
    assert.deepEqual(asked, [
      ['This repository merges its incident store record by record, but the merge driver is not installed in this clone. Install it?', 'Install', 'Later', "Don't Ask Again"],
    ]);
    assert.equal(status, 'install');
    assert.match(localConfig(root), /merge\.incidents\.driver=.*dist\/cli\.js' merge %O %A %B/);

    const again = await api.offerMergeDriverAgain((message) => (asked.push([message]), undefined));
    assert.equal(again, 'answered-before');
    assert.equal(asked.length, 1);
  });
});
