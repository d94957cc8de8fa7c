import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { execFileSync } from 'node:child_process';
import { CommandId } from '../../src/ui/commands';
import { IncidentStore } from '../../src/store/incidentStore';
import { activateExtension, eventually, workspaceFolder } from './extensionHelpers';

describe('linking a commit from VS Code', () => {
  it('picks HEAD from the recent commits, asks the relation, and links it', async () => {
    await activateExtension();
    const root = workspaceFolder().fsPath;
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const running = vscode.commands.executeCommand(CommandId.LinkCommit, 'INC-1A2B3C6F');
    // Accept the first entry of each quick pick: HEAD, then the first relation ("cause").
    for (let pick = 0; pick < 2; pick++) {
      await new Promise((resolve) => setTimeout(resolve, 700));
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    }
    await running;
    const linked = await eventually(() => {
      const read = new IncidentStore(root).read();
      const incident = read.kind === 'loaded' ? read.document.incidents.find((i) => i.id === 'INC-1A2B3C6F') : undefined;
      return incident?.commits[0];
    }, 'the link in the store');
    assert.equal(linked.sha, head);
    assert.equal(linked.subject, execFileSync('git', ['log', '-1', '--format=%s'], { cwd: root, encoding: 'utf8' }).trim());
    assert.equal(linked.relation, 'cause');
  });
});
