import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { IncidentStore } from '../../src/store/incidentStore';
import { CommandId } from '../../src/ui/commands/commandIds';
import { activateExtension, workspaceFolder } from './extensionHelpers';

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

function evidenceEvents(root: string, id: string) {
  const read = new IncidentStore(root).read();
  const incident = read.kind === 'loaded' ? read.document.incidents.find((i) => i.id === id) : undefined;
  return (incident?.timeline ?? []).filter((event) => event.kind === 'evidence');
}

const TRACE = [
  "TypeError: Cannot read properties of undefined (reading 'total')",
  '    at priceCart (/srv/shop/releases/88/payments/cart pricing.js:12:9)',
  '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
].join('\n');

describe('Add Error as Evidence (real VS Code)', function () {
  this.timeout(60_000);

  before(async () => {
    await activateExtension();
    const root = workspaceFolder().fsPath;
    mkdirSync(join(root, 'payments'), { recursive: true });
    writeFileSync(join(root, 'payments', 'cart pricing.js'), 'module.exports = () => 0;\n');
    git(root, 'add', 'payments');
    git(root, 'commit', '--quiet', '-m', 'Cart pricing');
  });

  it('records a scripted trace with its frames placed in the repository', async () => {
    const root = workspaceFolder().fsPath;
    const before = evidenceEvents(root, 'INC-1A2B3C4D').length;
    await vscode.commands.executeCommand(CommandId.AddErrorAsEvidence, 'INC-1A2B3C4D', TRACE);
    const events = evidenceEvents(root, 'INC-1A2B3C4D');
    assert.equal(events.length, before + 1);
    const data = events.at(-1)?.data ?? {};
    assert.deepEqual(data.frames, [
      { file: 'payments/cart pricing.js', line: 12, function: 'priceCart' },
      { file: 'node:internal/process/task_queues', line: 95, function: 'process.processTicksAndRejections', outside: true },
    ]);
    assert.deepEqual([data.file, data.startLine, data.source], ['payments/cart pricing.js', 12, 'pasted']);
  });

  it("takes the editor's selection when there is one", async () => {
    const root = workspaceFolder().fsPath;
    const document = await vscode.workspace.openTextDocument({ content: `log line\n${TRACE}\nmore log`, language: 'log' });
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(1, 0, 3, 0);
    await vscode.commands.executeCommand(CommandId.AddErrorAsEvidence, 'INC-1A2B3C4D');
    const data = evidenceEvents(root, 'INC-1A2B3C4D').at(-1)?.data ?? {};
    assert.equal(data.source, 'editor');
    assert.equal((data.frames as { file: string }[])[0].file, 'payments/cart pricing.js');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
