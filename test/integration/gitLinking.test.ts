import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { IncidentStore } from '../../src/store/incidentStore';
import { CommandId } from '../../src/ui/commands/commandIds';
import { gitExtensionApi, repositoryFor } from '../../src/ui/gitExtension';
import { activateExtension, eventually, workspaceFolder } from './extensionHelpers';

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

function incident(root: string, id: string) {
  const read = new IncidentStore(root).read();
  return read.kind === 'loaded' ? read.document.incidents.find((i) => i.id === id) : undefined;
}

describe('linking code to incidents inside VS Code (real Git extension)', function () {
  this.timeout(60_000);

  it('offers the Incident trailer in the commit box for the current incident, and swaps it when that changes', async () => {
    await activateExtension();
    const api = await gitExtensionApi();
    assert.ok(api, 'the built-in Git extension is enabled');
    const repository = await eventually(() => repositoryFor(api, workspaceFolder()), 'the Git extension to open the workspace repository');
    repository.inputBox.value = 'Fix the retry storm';
    await vscode.commands.executeCommand(CommandId.SetCurrentIncident, 'INC-1A2B3C4D');
    await eventually(
      () => (repository.inputBox.value === 'Fix the retry storm\n\nIncident: INC-1A2B3C4D' ? true : undefined),
      `the trailer in the commit box (it holds ${JSON.stringify(repository.inputBox.value)})`,
    );
    await vscode.commands.executeCommand(CommandId.SetCurrentIncident, 'INC-1A2B3C5E');
    await eventually(
      () => (repository.inputBox.value === 'Fix the retry storm\n\nIncident: INC-1A2B3C5E' ? true : undefined),
      `the swapped trailer (box: ${JSON.stringify(repository.inputBox.value)})`,
    );
    await vscode.workspace.getConfiguration('incidents').update('commitMessageTrailer', false, vscode.ConfigurationTarget.Workspace);
    await eventually(() => (repository.inputBox.value === 'Fix the retry storm' ? true : undefined), 'the trailer gone once the setting is off');
    await vscode.workspace.getConfiguration('incidents').update('commitMessageTrailer', undefined, vscode.ConfigurationTarget.Workspace);
    repository.inputBox.value = '';
  });

  it('links a new commit with an Incident trailer by itself, after the commit', async () => {
    await activateExtension();
    const root = workspaceFolder().fsPath;
    writeFileSync(join(root, 'retry.ts'), 'export const RETRIES = 3;\n');
    git(root, 'add', 'retry.ts');
    git(root, 'commit', '--quiet', '-m', 'Cap retries at three\n\nIncident: INC-1A2B3C5E');
    const sha = git(root, 'rev-parse', 'HEAD');
    const linked = await eventually(() => incident(root, 'INC-1A2B3C5E')?.commits.find((c) => c.sha === sha), 'the trailer commit linked by the background scan', 30_000);
    assert.equal(linked.relation, 'related');
    assert.equal(linked.subject, 'Cap retries at three');
  });

  it('links a commit handed over by the Source Control graph (a history item), with the relation given', async () => {
    await activateExtension();
    const root = workspaceFolder().fsPath;
    const head = git(root, 'rev-parse', 'HEAD');
    await vscode.commands.executeCommand(CommandId.LinkCommit, { id: 'scm0' }, { id: head, subject: 'whatever the graph shows' }, 'INC-1A2B3C4D', 'fix');
    const linked = incident(root, 'INC-1A2B3C4D')?.commits.find((c) => c.sha === head);
    assert.equal(linked?.relation, 'fix');
  });

  it('records the selected lines as evidence with the commit they were seen at, and opens that place again', async () => {
    await activateExtension();
    const root = workspaceFolder().fsPath;
    writeFileSync(join(root, 'pool.ts'), 'line 1\nconst pool = new Pool({ max: 2 });\nline 3\nline 4\n');
    const editor = await vscode.window.showTextDocument(vscode.Uri.file(join(root, 'pool.ts')));
    editor.selection = new vscode.Selection(1, 0, 2, 6);
    await vscode.commands.executeCommand(CommandId.AddSelectionToIncident, 'INC-1A2B3C4D');
    const evidence = incident(root, 'INC-1A2B3C4D')
      ?.timeline.filter((e) => e.kind === 'evidence')
      .at(-1);
    assert.ok(evidence, 'an evidence event');
    assert.deepEqual(
      { file: evidence.data?.file, startLine: evidence.data?.startLine, endLine: evidence.data?.endLine, commit: evidence.data?.commit },
      { file: 'pool.ts', startLine: 2, endLine: 3, commit: git(root, 'rev-parse', 'HEAD') },
    );
    assert.equal(evidence.data?.excerpt, 'const pool = new Pool({ max: 2 });\nline 3');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it("opens a commit's changes in the diff view", async () => {
    await activateExtension();
    const root = workspaceFolder().fsPath;
    const head = git(root, 'rev-parse', 'HEAD');
    await vscode.commands.executeCommand(CommandId.OpenCommit, head, 'Cap retries at three');
    const tab = await eventually(() => vscode.window.tabGroups.activeTabGroup.activeTab, 'a tab');
    assert.match(tab.label, new RegExp(head.slice(0, 8)));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('refuses an option-like revision from a script, and nothing is written', async () => {
    await activateExtension();
    const root = workspaceFolder().fsPath;
    const before = new IncidentStore(root).read();
    await vscode.commands.executeCommand(CommandId.OpenCommit, '--output=/tmp/incident-open-x');
    const after = new IncidentStore(root).read();
    assert.deepEqual(after, before);
    assert.equal(existsSync('/tmp/incident-open-x'), false);
  });
});
