import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { IncidentStore } from '../../src/store/incidentStore';
import { CommandId } from '../../src/ui/commands/commandIds';
import { activateExtension, storedIncident, workspaceFolder } from './extensionHelpers';

const storeText = () => readFileSync(new IncidentStore(workspaceFolder().fsPath).file, 'utf8');

const stored = storedIncident;

describe('"Are We Having an Incident?": triage before declaring, in VS Code', function () {
  this.timeout(60_000);

  it('is offered in the Incidents view title and the palette', async () => {
    await activateExtension();
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes(CommandId.Triage));
  });

  it('with no box ticked declares nothing and writes nothing', async () => {
    await activateExtension();
    const before = storeText();
    const id = await vscode.commands.executeCommand<string | undefined>(CommandId.Triage, { ticks: [], title: 'Not an incident' });
    assert.equal(id, undefined);
    assert.equal(storeText(), before, 'the store file is byte for byte the same');
  });

  it('with boxes ticked declares what they suggest, with each tick in the timeline and its box ticked', async () => {
    await activateExtension();
    const id = await vscode.commands.executeCommand<string>(CommandId.Triage, { ticks: ['abusive-traffic', 'performance-degraded'], title: 'Flood of signups' });
    assert.match(id, /^INC-[0-9A-Z]{8}$/);
    const incident = stored(id);
    assert.deepEqual([incident.title, incident.severity, incident.category], ['Flood of signups', 'SEV1', 'security']);
    const ticks = incident.timeline.filter((event) => event.kind === 'checklist');
    assert.deepEqual(ticks.map((event) => event.data?.triage).sort(), ['abusive-traffic', 'performance-degraded']);
    assert.ok(ticks.every((event) => event.author === incident.declaredBy && event.at <= incident.declaredAt));
    assert.equal(incident.checklist.availability?.checked, true);
  });

  it('refuses a tick that is not a question of the plan (an error message, not a throw), writing nothing', async () => {
    await activateExtension();
    const before = storeText();
    const id = await vscode.commands.executeCommand<string | undefined>(CommandId.Triage, { ticks: ['access-control-compromised', 'no-such-question'], title: 'X' });
    assert.equal(id, undefined);
    assert.equal(storeText(), before);
  });
});
