import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommandId } from '../../src/ui/commands';
import { activateExtension, workspaceFolder } from './extensionHelpers';

describe('merge driver command', () => {
  it('installs the driver into .git/config and .gitattributes, pointing at the bundled CLI', async () => {
    await activateExtension();
    await vscode.commands.executeCommand(CommandId.InstallMergeDriver);
    const root = workspaceFolder().fsPath;
    assert.match(readFileSync(join(root, '.gitattributes'), 'utf8'), /^\.incidents\/incidents\.json merge=incidents$/m);
    const driver = execFileSync('git', ['config', '--get', 'merge.incidents.driver'], { cwd: root, encoding: 'utf8' });
    assert.match(driver, /dist\/cli\.js' merge %O %A %B/);
  });
});
