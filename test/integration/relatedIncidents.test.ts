import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CommandId } from '../../src/ui/commands/commandIds';
import { activateExtension, eventually } from './extensionHelpers';

const webviewTabs = () => vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputWebview);

describe('Show Related Incidents', function () {
  this.timeout(60_000);
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('lists the most similar incidents in a quick pick and opens the one chosen', async () => {
    await activateExtension();
    const id = await vscode.commands.executeCommand<string>(CommandId.Declare, 'Checkout returns 500 for EU customers after the deploy', 'regression', 'SEV2');
    assert.match(id, /^INC-/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    let settled = false;
    const shown = Promise.resolve(vscode.commands.executeCommand<string | undefined>(CommandId.ShowRelated, id)).finally(() => (settled = true));
    // The responder's choice, scripted: Enter on the first (best) item, once the quick pick is up.
    await eventually(async () => {
      if (settled) return true;
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return settled ? true : undefined;
    }, 'the quick pick to be answered');
    assert.equal(await shown, 'INC-1A2B3C4D', 'the earlier checkout incident ranks first');
    await eventually(() => webviewTabs().find((tab) => tab.label.startsWith('INC-1A2B3C4D ')), 'its panel');
  });

  it('says so, and opens nothing, when no other incident shares a word', async () => {
    await activateExtension();
    const id = await vscode.commands.executeCommand<string>(CommandId.Declare, 'Zebrafish quorum wobble', 'regression', 'SEV4');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.equal(await vscode.commands.executeCommand(CommandId.ShowRelated, id), undefined);
    assert.equal(webviewTabs().length, 0);
  });
});
