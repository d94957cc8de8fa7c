import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CommandId } from '../../src/ui/commands/commandIds';
import { activateExtension, workspaceFolder } from './extensionHelpers';

describe('merge driver command', () => {
  it('installs the driver into .git/config and .gitattributes, pointing at the bundled CLI', async () => {
    await activateExtension();
    const root = workspaceFolder().fsPath;
    // The fixture is a teammate's clone whose .gitattributes already names the driver; without it, the line below must be the command's.
    rmSync(join(root, '.gitattributes'), { force: true });
    await vscode.commands.executeCommand(CommandId.InstallMergeDriver);
    assert.match(readFileSync(join(root, '.gitattributes'), 'utf8'), /^\.incidents\/incidents\.json merge=incidents$/m);
    const driver = execFileSync('git', ['config', '--get', 'merge.incidents.driver'], { cwd: root, encoding: 'utf8' });
    assert.match(driver, /dist\/cli\.js' merge %O %A %B/);
  });
});
