/**
 * Follow-ups inside VS Code's extension host: with the plan's tracker a
 * loopback GitHub on 127.0.0.1 and its token in the extension host's
 * INCIDENT_SECRET_TRACKER, *Export to Tracker* on an action item makes one
 * issue and the Action Items view says "#1 · exported"; once the issue is
 * closed there, the follow-ups pass marks the item done with a timeline
 * entry. The token reaches no file.
 */
import * as assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { IncidentResponderApi } from '../../src/extension';
import { addActionItem } from '../../src/core/lifecycle/changes';
import { declareIncident } from '../../src/core/lifecycle/declare';
import { closedEventId } from '../../src/core/retrospective/followups';
import { IncidentStore } from '../../src/store/incidentStore';
import { CommandId } from '../../src/ui/commands/commandIds';
import { startTrackerServer, type TrackerServer } from '../harness/trackerServers';
import { activateExtension, eventually, storedIncident, workspaceFolder } from './extensionHelpers';

const ID = 'INC-1A2B3F30';
const SECRET = 'INCIDENT_SECRET_TRACKER';
const TOKEN = 'ghp_extensionHostToken0123456789abcdefAB';

describe('follow-ups in the tracker, in VS Code', function () {
  this.timeout(90_000);
  let api: IncidentResponderApi;
  let github: TrackerServer;
  let plan: string;

  before(async () => {
    api = await activateExtension();
    github = await startTrackerServer({ kind: 'github', token: TOKEN, project: 'acme/shop' });
    process.env[SECRET] = TOKEN;
    plan = join(workspaceFolder().fsPath, '.incidents', 'plan.json');
  });

  after(async () => {
    rmSync(plan, { force: true });
    delete process.env[SECRET];
    await new IncidentStore(workspaceFolder().fsPath).mutateDocument((document) => ({ ...document, incidents: document.incidents.filter((incident) => incident.id !== ID) }));
    await github?.stop();
  });

  const rowOf = (title: string) => api.actionItemRows().find((shown) => shown.label === title);
  const row = () => rowOf('Add a canary for checkout');

  it('exports an action item as one issue, shows it exported, and marks it done when the issue closes', async () => {
    const store = new IncidentStore(workspaceFolder().fsPath);
    const at = new Date();
    const declared = declareIncident({ title: 'Checkout down', category: 'regression', severity: 'SEV2' }, { at, author: 'test' }, ID);
    await store.add(addActionItem(declared, { title: 'Add a canary for checkout' }, { at, author: 'test' }));
    const itemId = storedIncident(ID).retrospective.actionItems[0].id;

    // Without a tracker in the plan the item cannot be exported, and says nothing of a tracker.
    const before = await eventually(row, 'the action item in the view');
    assert.equal(before.contextValue, 'actionItem');
    assert.doesNotMatch(before.description, /exported|waiting/);

    writeFileSync(plan, JSON.stringify({ version: 1, tracker: { kind: 'github', url: github.url, repo: 'acme/shop' } }));
    await eventually(() => (row()?.contextValue === 'actionItem.exportable' ? true : undefined), 'Export to Tracker offered on the row');

    await vscode.commands.executeCommand(CommandId.ExportToTracker, ID, itemId);
    const exported = await eventually(() => (row()?.description.startsWith('#1 · exported') ? row() : undefined), 'the row showing "#1 · exported"', 30_000);
    assert.equal(exported.contextValue, 'actionItem.linked', 'exported: no Export any more, Open Issue instead');
    assert.match(exported.tooltip, /Tracker: #1 · exported/);
    assert.equal(github.creates, 1);
    assert.equal(github.issues.length, 1);
    assert.equal(github.issues[0].title, 'Add a canary for checkout');
    assert.equal(storedIncident(ID).retrospective.actionItems[0].export?.url, 'https://github.example/acme/shop/issues/1', "the issue's address the tracker gave");

    // Asked again (a second click, a script): still one issue.
    assert.equal(await vscode.commands.executeCommand(CommandId.ExportToTracker, ID, itemId), 0);
    assert.equal(github.creates, 1);

    github.close('1');
    await vscode.commands.executeCommand(CommandId.SyncFollowups);
    const done = await eventually(() => (storedIncident(ID).retrospective.actionItems[0].status === 'done' ? storedIncident(ID) : undefined), 'the item done', 30_000);
    const event = done.timeline.find((entry) => entry.id === closedEventId(itemId));
    assert.ok(event, 'a timeline entry says the issue closed');
    assert.match(event.text, /#1 was closed in GitHub/);
    await eventually(() => (row() === undefined ? true : undefined), 'the done item gone from the view');
    assert.equal(github.creates, 1, 'the pass made no second issue');
    assert.deepEqual(github.problems, []);
    const stored = readFileSync(join(workspaceFolder().fsPath, '.incidents', 'incidents.json'), 'utf8');
    assert.ok(!stored.includes(TOKEN), 'the token is in no file of the repository');
  });

  it('shows a refused export as failed with its reason, and Retry exports it once the token is right', async () => {
    const title = 'Page the export owner';
    const updated = await new IncidentStore(workspaceFolder().fsPath).update(ID, (incident) => addActionItem(incident, { title }, { at: new Date(), author: 'test' }));
    const itemId = updated.retrospective.actionItems.find((item) => item.title === title)?.id ?? assert.fail('the item was added');
    await eventually(() => rowOf(title), 'the new item in the view');
    const wrong = 'ghp_notTheRightToken0123456789abcdefABCD';
    process.env[SECRET] = wrong;
    await vscode.commands.executeCommand(CommandId.ExportToTracker, ID, itemId);
    const failed = await eventually(() => (rowOf(title)?.description.startsWith('failed') ? rowOf(title) : undefined), 'the row showing "failed"', 30_000);
    assert.equal(failed.contextValue, 'actionItem.retryable', 'Retry offered, no second Export');
    assert.match(failed.tooltip, /Tracker: failed \(401 from GitHub: the token was refused/);
    assert.ok(!failed.tooltip.includes(wrong), 'the token is not in the tooltip');
    assert.equal(github.issues.length, 1);

    process.env[SECRET] = TOKEN;
    assert.equal(await vscode.commands.executeCommand(CommandId.RetryExportToTracker, ID, itemId), true);
    const exported = await eventually(() => (rowOf(title)?.description.startsWith('#2 · exported') ? rowOf(title) : undefined), 'the row showing "#2 · exported"', 30_000);
    assert.equal(exported.contextValue, 'actionItem.linked');
    assert.deepEqual(
      github.issues.map((issue) => issue.title),
      ['Add a canary for checkout', title],
    );
    assert.ok(github.problems.length > 0 && github.problems.every((problem) => !problem.includes(TOKEN)), 'only the refused request is a problem');
  });
});
