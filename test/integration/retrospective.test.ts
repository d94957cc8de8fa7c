import * as assert from 'node:assert/strict';
import { appendFileSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { CommandId } from '../../src/ui/commands';
import { activateExtension, workspaceFolder } from './extensionHelpers';

describe('the postmortem from VS Code', function () {
  this.timeout(60_000);

  it('is written to .incidents/postmortems, opened, and keeps the team\'s notes when exported again', async () => {
    await activateExtension();
    const path = await vscode.commands.executeCommand<string>(CommandId.ExportPostmortem, 'INC-1A2A0000');
    assert.equal(path, vscode.Uri.joinPath(workspaceFolder(), '.incidents', 'postmortems', 'INC-1A2A0000.md').fsPath);
    assert.match(readFileSync(path, 'utf8'), /^# Postmortem: .+ \(INC-1A2A0000\)\n/);
    const opened = vscode.window.visibleTextEditors.some((editor) => editor.document.uri.fsPath === path);
    assert.ok(opened, 'the postmortem is open in an editor');
    appendFileSync(path, '\nDecided in the review: move the job to the new queue.\n');
    await vscode.commands.executeCommand(CommandId.ExportPostmortem, 'INC-1A2A0000');
    assert.ok(readFileSync(path, 'utf8').endsWith('\nDecided in the review: move the job to the new queue.\n'));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
