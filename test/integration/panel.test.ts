import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renameIncident } from '../../src/core/lifecycle/changes';
import { IncidentStore } from '../../src/store/incidentStore';
import { CommandId } from '../../src/ui/commands/commandIds';
import { activateExtension, eventually, workspaceFolder } from './extensionHelpers';

const webviewTabs = () => vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputWebview);

describe('incident panel in VS Code', () => {
  before(async () => {
    await activateExtension();
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens one panel per incident, titled with its id and title', async () => {
    await vscode.commands.executeCommand(CommandId.OpenIncident, 'INC-1A2B3C4D');
    await vscode.commands.executeCommand(CommandId.OpenIncident, 'INC-1A2B3C4D');
    const tab = await eventually(() => webviewTabs().find((t) => t.label.startsWith('INC-1A2B3C4D ')), 'the panel tab');
    assert.equal(tab.label, 'INC-1A2B3C4D Checkout returns 500 for EU customers');
    assert.equal(webviewTabs().filter((t) => t.label.startsWith('INC-1A2B3C4D')).length, 1);
  });

  it('follows a change made to the store on disk (another window, the CLI, a git pull)', async () => {
    await vscode.commands.executeCommand(CommandId.OpenIncident, 'INC-1A2B3C4D');
    const store = new IncidentStore(workspaceFolder().fsPath);
    await store.update('INC-1A2B3C4D', (incident) => renameIncident(incident, 'Checkout 500s: EU and US', { at: new Date(), author: 'CLI user' }));
    await eventually(() => webviewTabs().find((t) => t.label === 'INC-1A2B3C4D Checkout 500s: EU and US'), 'the renamed panel title');
  });
});

describe('a store that cannot be used', () => {
  it('is reported, and no command rewrites it', async () => {
    const api = await activateExtension();
    const file = join(workspaceFolder().fsPath, '.incidents', 'incidents.json');
    const good = readFileSync(file, 'utf8');
    const conflicted = `<<<<<<< HEAD\n${good}=======\n${good}>>>>>>> feature\n`;
    try {
      writeFileSync(file, conflicted);
      await eventually(() => (api.storeState() === 'unusable' ? true : undefined), 'the store to be reported unusable');
      await vscode.commands.executeCommand(CommandId.Refresh);
      assert.equal(readFileSync(file, 'utf8'), conflicted);
    } finally {
      writeFileSync(file, good);
      await eventually(() => (api.storeState() === 'loaded' ? true : undefined), 'the store to load again');
    }
  });
});
