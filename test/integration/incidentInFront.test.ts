/**
 * The incident a command acts on when none is named: the one whose panel is
 * in front, else the selected row, else the current incident while it is
 * active; a resolved current incident says so in the status bar and offers
 * the next active one.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { assignRole } from '../../src/core/lifecycle/changes';
import { declareIncident } from '../../src/core/lifecycle/declare';
import { changeStatus } from '../../src/core/lifecycle/lifecycle';
import { IncidentStore } from '../../src/store/incidentStore';
import { CommandId } from '../../src/ui/commands/commandIds';
import { activateExtension, eventually, storedIncident, workspaceFolder } from './extensionHelpers';

const A = 'INC-1A2B3H01';
const B = 'INC-1A2B3H02';
const ctx = () => ({ at: new Date(), author: 'test' });
const notes = (id: string) =>
  storedIncident(id)
    .timeline.filter((event) => event.kind === 'note')
    .map((event) => event.text);

describe('the incident in front', function () {
  this.timeout(60_000);
  let store: IncidentStore;

  before(async () => {
    store = new IncidentStore(workspaceFolder().fsPath);
    const a = changeStatus(
      assignRole(declareIncident({ title: 'Queue backs up', category: 'performance', severity: 'SEV3' }, ctx(), A), 'commander', 'Dana Ortiz <dana@example.com>', ctx()),
      'triaged',
      ctx(),
    );
    await store.add(a);
    await store.add(declareIncident({ title: 'Logins fail', category: 'regression', severity: 'SEV1' }, ctx(), B));
    const api = await activateExtension();
    await eventually(() => api.activeIncidentItem(B), 'both incidents in the view');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await store.mutateDocument((document) => ({ ...document, incidents: document.incidents.filter((incident) => incident.id !== A && incident.id !== B) }));
  });

  it('acts on the incident whose panel is in front, not the current one; with no panel, on the current one', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand(CommandId.SetCurrentIncident, A);
    await vscode.commands.executeCommand(CommandId.OpenIncident, B);
    await eventually(() => vscode.window.tabGroups.activeTabGroup.activeTab?.label.startsWith(`${B} `) || undefined, "B's panel in front");
    await vscode.commands.executeCommand(CommandId.AddNote, undefined, 'note', 'Checked the login service');
    assert.deepEqual(notes(B), ['Checked the login service'], "the note is on the panel's incident");
    assert.deepEqual(notes(A), [], 'not on the current incident');

    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.view.explorer');
    await vscode.commands.executeCommand(CommandId.AddNote, undefined, 'note', 'Queue depth is falling');
    assert.deepEqual(notes(A), ['Queue depth is falling'], 'with nothing in front, the current incident');
    assert.equal(api.currentIncident(), A);
  });

  it('a resolved current incident stops being current: the status bar says so and offers the next active one', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand(CommandId.SetCurrentIncident, A);
    await vscode.commands.executeCommand(CommandId.ChangeStatus, A, 'resolved');
    const text = await eventually(() => (api.currentIncidentText()?.startsWith(`$(pass) ${A} resolved`) ? api.currentIncidentText() : undefined), 'the status bar');
    assert.match(text ?? '', /· \$\(arrow-right\) INC-\w+ SEV1$/, 'the most severe active incident is offered next');
  });
});
