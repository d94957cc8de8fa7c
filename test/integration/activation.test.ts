import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommandId } from '../../src/ui/commands/commandIds';
import { activateExtension, EXTENSION_ID } from './extensionHelpers';

describe('extension in a trusted workspace', () => {
  it('runs inside a trusted workspace', () => {
    assert.equal(vscode.workspace.isTrusted, true);
  });

  it('activates and reads the workspace store', async () => {
    const api = await activateExtension();
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
    assert.equal(api.storeState(), 'loaded');
  });

  it('registers every command it contributes', async () => {
    await activateExtension();
    const all = new Set(await vscode.commands.getCommands(true));
    const manifest = JSON.parse(readFileSync(join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'package.json'), 'utf8'));
    const contributed: string[] = manifest.contributes.commands.map((c: { command: string }) => c.command);
    assert.ok(contributed.length >= Object.keys(CommandId).length);
    for (const id of [...contributed, ...Object.values(CommandId)]) assert.ok(all.has(id), `command ${id} is not registered`);
  });

  it('contributes the Incidents view in its own activity-bar container', async () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON;
    assert.equal(manifest.contributes.viewsContainers.activitybar[0].id, 'incidents');
    assert.equal(manifest.contributes.views.incidents[0].id, 'incidents.active');
    // Focusing the view proves the workbench knows it.
    await vscode.commands.executeCommand('incidents.active.focus');
  });

  it('never activates on startup (no "*" activation event)', () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON;
    assert.ok(!manifest.activationEvents.includes('*'));
    assert.ok(manifest.activationEvents.includes('workspaceContains:.incidents/incidents.json'));
  });
});
