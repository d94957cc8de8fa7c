import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CommandId } from '../../src/ui/commands';
import { activateExtension } from './extensionHelpers';

describe('current incident', () => {
  it('is remembered when set from the view or the palette', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand(CommandId.SetCurrentIncident, 'INC-1A2B3C5E');
    assert.equal(api.currentIncident(), 'INC-1A2B3C5E');
  });

  it('the view can be grouped by status and back by severity, and the choice is saved', async () => {
    await activateExtension();
    await vscode.commands.executeCommand(CommandId.GroupByStatus);
    assert.equal(vscode.workspace.getConfiguration('incidents').get('groupBy'), 'status');
    await vscode.commands.executeCommand(CommandId.GroupBySeverity);
    assert.equal(vscode.workspace.getConfiguration('incidents').get('groupBy'), 'severity');
  });
});
