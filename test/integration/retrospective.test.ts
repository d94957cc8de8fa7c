import * as assert from 'node:assert/strict';
import { appendFileSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { CommandId } from '../../src/ui/commands/commandIds';
import { activateExtension, eventually, workspaceFolder } from './extensionHelpers';

describe('the postmortem from VS Code', function () {
  this.timeout(60_000);

  it("is written to .incidents/postmortems, opened, and keeps the team's notes when exported again", async () => {
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

describe('the metrics dashboard in VS Code', function () {
  this.timeout(60_000);

  it('opens one "Incident Metrics" panel, however often it is asked for', async () => {
    await activateExtension();
    await vscode.commands.executeCommand(CommandId.ShowMetrics);
    await vscode.commands.executeCommand(CommandId.ShowMetrics);
    const metricsTabs = () => vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.label === 'Incident Metrics');
    const tabs = await eventually(() => (metricsTabs().length ? metricsTabs() : undefined), 'the metrics tab');
    assert.equal(tabs.length, 1);
    assert.ok(tabs[0].input instanceof vscode.TabInputWebview);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
