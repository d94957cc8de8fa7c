import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { declareIncident } from '../../src/core/declare';
import { IncidentStore } from '../../src/store/incidentStore';
import { CommandId } from '../../src/ui/commands';
import { activateExtension, eventually, workspaceFolder } from './extensionHelpers';

describe('the Active Incidents view', function () {
  this.timeout(60_000);

  it('shows an incident declared from the command, through the provider\'s getChildren', async () => {
    const api = await activateExtension();
    const id = await vscode.commands.executeCommand<string>(CommandId.Declare, 'Webhooks delayed by 10 minutes', 'performance', 'SEV3');
    assert.match(id, /^INC-[0-9A-Z]{8}$/);
    const rows = await eventually(() => (api.activeIncidentRows().includes(`SEV3 > ${id} Webhooks delayed by 10 minutes`) ? api.activeIncidentRows() : undefined), 'the new row');
    assert.ok(rows.indexOf('SEV3') < rows.indexOf(`SEV3 > ${id} Webhooks delayed by 10 minutes`));
    assert.ok(api.gitProcessesStarted() > 0, 'a trusted workspace asks git who you are (and the counter counts)');
  });

  it('follows an incident added to the file by another process (the CLI, a git pull)', async () => {
    const api = await activateExtension();
    const store = new IncidentStore(workspaceFolder().fsPath);
    const outside = declareIncident({ title: 'Added outside VS Code', category: 'security', severity: 'SEV2' }, { at: new Date(), author: 'cli' }, 'INC-1A2B3C9Z');
    await store.add(outside);
    await eventually(() => (api.activeIncidentRows().includes('SEV2 > INC-1A2B3C9Z Added outside VS Code') ? true : undefined), 'the row from the file');
  });
});
