/**
 * Updates out inside VS Code's extension host: with the plan's channel asking
 * for reminders, an incident whose next update is overdue gets one reminder,
 * and a status update posted from the palette is delivered, each once, to a
 * loopback Slack-shaped receiver; the secret comes from the extension host's
 * INCIDENT_SECRET_… and reaches no file.
 */
import * as assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { declareIncident } from '../../src/core/lifecycle/declare';
import { IncidentStore } from '../../src/store/incidentStore';
import { CommandId } from '../../src/ui/commands/commandIds';
import { startChatReceivers, type ChatReceivers } from '../harness/chatReceivers';
import { activateExtension, eventually, storedIncident, workspaceFolder } from './extensionHelpers';

const ID = 'INC-1A2B3F01';
const SECRET = 'INCIDENT_SECRET_OPS_SLACK';

describe('delivery in VS Code', function () {
  this.timeout(90_000);
  let receivers: ChatReceivers;
  let plan: string;

  before(async () => {
    await activateExtension();
    receivers = await startChatReceivers();
    process.env[SECRET] = receivers.urls.slack;
    plan = join(workspaceFolder().fsPath, '.incidents', 'plan.json');
  });

  after(async () => {
    rmSync(plan, { force: true });
    delete process.env[SECRET];
    await new IncidentStore(workspaceFolder().fsPath).mutateDocument((document) => ({ ...document, incidents: document.incidents.filter((incident) => incident.id !== ID) }));
    await receivers?.stop();
  });

  /** The messages the receiver took about our incident, as text. */
  const ours = () => receivers.accepted.map((request) => request.raw).filter((raw) => raw.includes(ID));

  it('reminds once that an update is overdue, then delivers the update posted from the palette, once', async () => {
    const store = new IncidentStore(workspaceFolder().fsPath);
    // Declared 45 minutes ago, no update: a SEV1's is due every 30 minutes by default, so it is 15 minutes overdue.
    await store.add(declareIncident({ title: 'Refunds stuck', category: 'regression', severity: 'SEV1' }, { at: new Date(Date.now() - 45 * 60_000), author: 'test' }, ID));
    writeFileSync(plan, JSON.stringify({ version: 1, channels: [{ name: 'ops-slack', audience: 'ops', reach: '#ops', delivery: { kind: 'slack', remindOverdue: true } }] }));

    await eventually(() => (ours().length >= 1 ? true : undefined), 'the overdue reminder at the receiver', 60_000);
    assert.match(ours()[0], /[Uu]pdate overdue/);
    const reminder = await eventually(
      () => storedIncident(ID).deliveries?.find((record) => record.event === 'overdue' && record.state === 'sent'),
      'the reminder recorded as sent',
      30_000,
    );
    assert.equal(reminder.channel, 'ops-slack');

    await vscode.commands.executeCommand(CommandId.PostStatusUpdate, ID, 'Refunds flow again after the queue restart', 'ops', 30);
    await eventually(() => (ours().length >= 2 ? true : undefined), 'the update at the receiver', 60_000);
    assert.match(ours()[1], /Refunds flow again after the queue restart/);
    await eventually(() => storedIncident(ID).deliveries?.find((record) => record.event === 'update' && record.state === 'sent'), 'the update recorded as sent', 30_000);
    // The next update is now 30 minutes away: nothing more is sent, whatever the store's watchers do meanwhile.
    await vscode.commands.executeCommand(CommandId.AddNote, ID, 'note', 'Watching the refund queue');
    await eventually(() => (storedIncident(ID).timeline.some((event) => event.text === 'Watching the refund queue') ? true : undefined), 'the note');
    assert.equal(ours().length, 2, 'one reminder and one update, each once');
    assert.deepEqual(receivers.rejected, []);
    const stored = readFileSync(join(workspaceFolder().fsPath, '.incidents', 'incidents.json'), 'utf8');
    assert.ok(!stored.includes(receivers.tokens.slack), 'the secret is in no file of the repository');
  });
});
