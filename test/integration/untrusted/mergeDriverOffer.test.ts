import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { activateExtension, workspaceFolder } from '../extensionHelpers';

describe('merge driver offer in Restricted Mode', () => {
  it('is not made, and reads nothing with git, though .gitattributes names the driver', async () => {
    const api = await activateExtension();
    assert.match(readFileSync(join(workspaceFolder().fsPath, '.gitattributes'), 'utf8'), /merge=incidents/);
    assert.equal(api.mergeDriverOffer(), 'pending', 'it waits for the workspace to be trusted');
    const asked: string[] = [];
    assert.equal(await api.offerMergeDriverAgain((message) => (asked.push(message), 'Install')), 'untrusted');
    assert.deepEqual(asked, []);
    assert.equal(api.gitProcessesStarted(), 0);
  });
});
