import * as assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, renameSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { CommandId } from '../../src/ui/commands/commandIds';
import { activateExtension, eventually, workspaceFolder } from './extensionHelpers';

const ID = 'INC-1A2B3C4D';

async function tryCommand(command: string, ...args: unknown[]): Promise<void> {
  try {
    await vscode.commands.executeCommand(command, ...args);
  } catch {
    // Refused: what matters is what happened to the files.
  }
}

describe('the store in VS Code: links and read-only files', function () {
  this.timeout(60_000);

  it('refuses a store that is a symbolic link out of the workspace, and writes nothing through it', async () => {
    const api = await activateExtension();
    const file = join(workspaceFolder().fsPath, '.incidents', 'incidents.json');
    const aside = `${file}.aside`;
    const outside = join(mkdtempSync(join(tmpdir(), 'incident-outside-')), 'incidents.json');
    const outsideText = readFileSync(file, 'utf8');
    writeFileSync(outside, outsideText);
    renameSync(file, aside);
    try {
      symlinkSync(outside, file);
      await eventually(() => (api.storeState() === 'unusable' ? true : undefined), 'the linked store to be reported unusable');
      await tryCommand(CommandId.ChangeSeverity, ID, 'SEV4');
      assert.equal(readFileSync(outside, 'utf8'), outsideText, 'the file outside the workspace is untouched');
      assert.ok(statSync(file, { throwIfNoEntry: false }) && readFileSync(file, 'utf8') === outsideText, 'the link is left as it was');
    } finally {
      renameSync(aside, file); // replaces the link
      await eventually(() => (api.storeState() === 'loaded' ? true : undefined), 'the store to load again');
    }
  });

  it('leaves a store made read-only unchanged, with its mode, when a command would change it', async () => {
    const api = await activateExtension();
    const file = join(workspaceFolder().fsPath, '.incidents', 'incidents.json');
    const before = readFileSync(file, 'utf8');
    chmodSync(file, 0o444);
    try {
      await tryCommand(CommandId.ChangeSeverity, ID, 'SEV4');
      assert.equal(readFileSync(file, 'utf8'), before);
      assert.equal((statSync(file).mode & 0o777).toString(8), '444');
    } finally {
      chmodSync(file, 0o644);
    }
    assert.equal(api.storeState(), 'loaded');
  });
});
