import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommandId } from '../../../src/ui/commands/commandIds';
import { activateExtension, workspaceFolder } from '../extensionHelpers';

describe('extension in an untrusted workspace (Restricted Mode)', () => {
  const storePath = () => join(workspaceFolder().fsPath, '.incidents', 'incidents.json');

  it('runs inside an untrusted workspace', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('activates and reads the incidents', async () => {
    const api = await activateExtension();
    assert.equal(api.storeState(), 'loaded');
  });

  it('refuses to declare, and writes nothing', async () => {
    await activateExtension();
    const before = readFileSync(storePath(), 'utf8');
    const mtime = statSync(storePath()).mtimeMs;
    await vscode.commands.executeCommand(CommandId.Declare).then(
      () => undefined,
      () => undefined, // the command's enablement may reject it outright; either way nothing may be written
    );
    assert.equal(readFileSync(storePath(), 'utf8'), before);
    assert.equal(statSync(storePath()).mtimeMs, mtime);
  });

  it('starts no git process, whatever is asked of it', async () => {
    const api = await activateExtension();
    for (const command of [
      CommandId.Refresh,
      CommandId.ScanReferences,
      CommandId.ShowSuspects,
      CommandId.LinkCommit,
      CommandId.CommitIncidentLog,
      CommandId.InstallMergeDriver,
      CommandId.SyncNow,
    ]) {
      await vscode.commands.executeCommand(command, 'INC-1A2B3C4D').then(
        () => undefined,
        () => undefined,
      );
    }
    assert.ok(api.activeIncidentRows().length > 0, 'the view still shows the incidents');
    assert.equal(api.gitProcessesStarted(), 0);
  });

  it('never syncs, even when the store turns team sync on for everyone', async () => {
    const api = await activateExtension();
    const text = readFileSync(storePath(), 'utf8');
    const document = JSON.parse(text) as Record<string, unknown>;
    writeFileSync(storePath(), `${JSON.stringify({ ...document, sync: { enabled: true, remote: 'origin', branch: 'incident-log' } }, null, 2)}\n`);
    try {
      await vscode.commands.executeCommand(CommandId.Refresh);
      await vscode.commands.executeCommand(CommandId.SyncNow).then(
        () => undefined,
        () => undefined,
      );
      assert.equal(api.syncStatus()?.phase, 'untrusted');
      assert.equal(api.syncStatus()?.text, undefined, 'no sync status in Restricted Mode');
      assert.equal(api.syncStatus()?.syncs, 0);
      assert.equal(api.gitProcessesStarted(), 0);
    } finally {
      writeFileSync(storePath(), text);
    }
  });

  it('offers agents the read tools only: no write tool is registered or runs', async () => {
    const api = await activateExtension();
    const registered = [...api.agentTools().keys()];
    assert.ok(registered.includes('incidents_get'));
    assert.deepEqual(
      registered.filter((name) => !READ_TOOL_NAMES.includes(name)),
      [],
      'no write tool is registered',
    );
    // vscode.lm.tools lists every contributed tool, hidden ones too (VS Code 1.139); the chat's own list honours the
    // write tools' `when: isWorkspaceTrusted` (test/unit/ui/agentManifest.test.ts). What an agent can do is what is registered:
    const before = readFileSync(storePath(), 'utf8');
    const id = (JSON.parse(before) as { incidents: { id: string }[] }).incidents[0]?.id;
    const token = new vscode.CancellationTokenSource().token;
    await assert.rejects(Promise.resolve(vscode.lm.invokeTool('incidents_add_note', { input: { id, text: 'from an agent' }, toolInvocationToken: undefined }, token)));
    assert.equal(readFileSync(storePath(), 'utf8'), before, 'no write tool writes');
    const result = await vscode.lm.invokeTool('incidents_list', { input: { active: false }, toolInvocationToken: undefined }, token);
    const text = result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
    assert.match(text, /incident\(s\)/);
    assert.equal(api.gitProcessesStarted(), 0, 'reading starts no git process');
  });
});

const READ_TOOL_NAMES = ['incidents_list', 'incidents_get', 'incidents_suspects', 'incidents_changes_between', 'incidents_metrics', 'incidents_postmortem'];
