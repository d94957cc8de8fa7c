import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { addActionItem, postStatusUpdate } from '../../src/core/lifecycle/changes';
import { declareIncident } from '../../src/core/lifecycle/declare';
import { changeStatus } from '../../src/core/lifecycle/lifecycle';
import { IncidentStore } from '../../src/store/incidentStore';
import { openActionItems } from '../../src/core/retrospective/actionItems';
import { ActionItemNode } from '../../src/ui/views/actionItemsTree';
import { CommandId } from '../../src/ui/commands/commandIds';
import { IncidentNode } from '../../src/ui/views/incidentsTree';
import { activateExtension, eventually, storedIncident, workspaceFolder } from './extensionHelpers';

const ID = 'INC-1A2B3C5E';

const stored = (id = ID) => storedIncident(id);

describe('changing an incident from the palette and the tree', function () {
  this.timeout(60_000);

  it('changes severity and status, assigns a role, and writes each to the timeline', async () => {
    await activateExtension();
    await vscode.commands.executeCommand(CommandId.ChangeSeverity, ID, 'SEV1');
    await vscode.commands.executeCommand(CommandId.AssignRole, ID, 'scribe', 'Bo Chen <bo@example.com>');
    await vscode.commands.executeCommand(CommandId.ChangeStatus, ID, 'mitigated');
    const incident = stored();
    assert.equal(incident.severity, 'SEV1');
    assert.equal(incident.roles.scribe, 'Bo Chen <bo@example.com>');
    assert.equal(incident.status, 'mitigated');
    assert.deepEqual(
      incident.timeline.slice(-3).map((e) => e.kind),
      ['severity', 'role', 'status'],
    );
  });

  it('posts a status update with its next time, adds a decision, and copies the message to the clipboard', async () => {
    await activateExtension();
    const before = Date.now();
    await vscode.commands.executeCommand(CommandId.PostStatusUpdate, ID, 'Rolled back; errors are falling', 'customers', 45);
    await vscode.commands.executeCommand(CommandId.AddNote, ID, 'decision', 'Keep the feature flag off until Monday');
    const incident = stored();
    const update = incident.updates.at(-1);
    assert.equal(update?.text, 'Rolled back; errors are falling');
    assert.equal(update?.audience, 'customers');
    const next = Date.parse(update?.nextUpdateBy ?? '') - before;
    assert.ok(next >= 45 * 60_000 && next < 46 * 60_000, `next update in ~45 minutes (${next} ms)`);
    assert.equal(incident.timeline.at(-1)?.kind, 'decision');
    const message = await vscode.commands.executeCommand<string>(CommandId.CopyStatusMessage, ID, 'slack');
    assert.match(message, /Latest update\* \(.+ UTC, to customers\): Rolled back; errors are falling/);
    assert.doesNotMatch(message, /@|Commander|Declared .* by/, 'a message for customers names nobody');
    assert.equal(await vscode.env.clipboard.readText(), message);
    assert.match(await vscode.commands.executeCommand<string>(CommandId.CopyStatusMessage, ID, 'markdown', 'internal'), /Commander: /);
  });

  it('changes the incident whose row the menu was opened on, not the current incident', async () => {
    await activateExtension();
    await vscode.commands.executeCommand(CommandId.SetCurrentIncident, 'INC-1A2B3C4D');
    const currentEvents = stored('INC-1A2B3C4D').timeline.length;
    // VS Code passes a view's own node to its context-menu commands.
    await vscode.commands.executeCommand(CommandId.AddNote, new IncidentNode(stored('INC-1A2B3C6F')), 'note', 'Rotation is half done');
    assert.equal(stored('INC-1A2B3C6F').timeline.at(-1)?.text, 'Rotation is half done');
    const [row] = openActionItems([stored('INC-1A2A0000')], new Date());
    await vscode.commands.executeCommand(CommandId.AddNote, new ActionItemNode(row), 'note', 'Asked the export owner');
    assert.equal(stored('INC-1A2A0000').timeline.at(-1)?.text, 'Asked the export owner');
    assert.equal(stored('INC-1A2B3C4D').timeline.length, currentEvents, 'the current incident is left alone');
  });

  it('resolves with the closing update for customers written in the same change, once customers were told', async () => {
    await activateExtension();
    const store = new IncidentStore(workspaceFolder().fsPath);
    const id = 'INC-1A2B3G01';
    let incident = declareIncident(
      { title: 'Card payments fail', category: 'regression', severity: 'SEV2', commander: 'Dana Ortiz <dana@example.com>' },
      { at: new Date(), author: 'test' },
      id,
    );
    incident = postStatusUpdate(
      changeStatus(incident, 'triaged', { at: new Date(), author: 'test' }),
      { audience: 'customers', text: 'Investigating failed payments' },
      { at: new Date(), author: 'test' },
    );
    await store.add(incident);
    try {
      const api = await activateExtension();
      await eventually(() => api.activeIncidentItem(id), 'the incident in the view');
      await vscode.commands.executeCommand(CommandId.ChangeStatus, id, 'resolved', 'Payments work again.');
      const resolved = stored(id);
      assert.equal(resolved.status, 'resolved');
      assert.deepEqual([resolved.updates.at(-1)?.audience, resolved.updates.at(-1)?.text], ['customers', 'Payments work again.']);
      const [one, two] = resolved.timeline.slice(-2);
      assert.deepEqual(new Set([one?.kind, two?.kind]), new Set(['update', 'status']), 'the update and the move, in one change');
      assert.equal(one?.at, two?.at);
    } finally {
      await store.mutateDocument((document) => ({ ...document, incidents: document.incidents.filter((candidate) => candidate.id !== id) }));
    }
  });

  it("completes an action item from the Action Items view's command", async () => {
    await activateExtension();
    const store = new IncidentStore(workspaceFolder().fsPath);
    await store.update(ID, (i) => addActionItem(i, { title: 'Alert on queue depth', due: '2026-01-01' }, { at: new Date(), author: 'test', newId: () => 'act-queue-alert' }));
    await eventually(() => (stored().retrospective.actionItems.length ? true : undefined), 'the action item');
    await vscode.commands.executeCommand(CommandId.CompleteActionItem, ID, 'act-queue-alert');
    assert.equal(stored().retrospective.actionItems.find((a) => a.id === 'act-queue-alert')?.status, 'done');
  });
});
