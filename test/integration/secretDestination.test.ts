/**
 * A stored channel secret goes only where it was set for: after *Set Channel
 * Secret…* for a signed webhook, a plan edited to point the channel at
 * another server gets nothing (the delivery fails, "no secret"), and setting
 * the secret again sends it to the new server. The signing key is the
 * secret; a second loopback receiver stands for the other server.
 */
import * as assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { declareIncident } from '../../src/core/lifecycle/declare';
import { IncidentStore } from '../../src/store/incidentStore';
import type { IncidentResponderApi } from '../../src/extension';
import { CommandId } from '../../src/ui/commands/commandIds';
import { startChatReceivers, type ChatReceivers } from '../harness/chatReceivers';
import { activateExtension, eventually, storedIncident, workspaceFolder } from './extensionHelpers';

const ID = 'INC-1A2B3F02';

describe('a stored secret and the address the plan sends it to', function () {
  this.timeout(120_000);
  let first: ChatReceivers;
  let other: ChatReceivers;
  let plan: string;
  let api: IncidentResponderApi;
  const planFor = (url: string) =>
    writeFileSync(plan, JSON.stringify({ version: 1, channels: [{ name: 'ops-hook', audience: 'ops', reach: 'our pager bridge', delivery: { kind: 'webhook', url } }] }));

  before(async () => {
    api = await activateExtension();
    [first, other] = await Promise.all([startChatReceivers(), startChatReceivers()]);
    plan = join(workspaceFolder().fsPath, '.incidents', 'plan.json');
  });

  after(async () => {
    await vscode.commands.executeCommand(CommandId.SetChannelSecret, 'ops-hook', '');
    rmSync(plan, { force: true });
    await new IncidentStore(workspaceFolder().fsPath).mutateDocument((document) => ({ ...document, incidents: document.incidents.filter((incident) => incident.id !== ID) }));
    await Promise.all([first?.stop(), other?.stop()]);
  });

  const update = async (text: string) => {
    await vscode.commands.executeCommand(CommandId.PostStatusUpdate, ID, text, 'ops', 30);
    return eventually(
      () =>
        storedIncident(ID).deliveries?.find(
          (record) => record.state !== 'pending' && record.state !== 'sending' && storedIncident(ID).updates.some((u) => u.id === record.message && u.text === text),
        ),
      `the delivery of "${text}" settled (deliveries: ${JSON.stringify(storedIncident(ID).deliveries ?? [])}, updates: ${JSON.stringify(storedIncident(ID).updates.map((u) => [u.id, u.text]))})`,
      60_000,
    );
  };

  it('is withheld from a server the plan names after it was set, and goes there once set again', async () => {
    await new IncidentStore(workspaceFolder().fsPath).add(
      declareIncident({ title: 'Pager bridge test', category: 'regression', severity: 'SEV3' }, { at: new Date(), author: 'test' }, ID),
    );
    // The commands find the incident once the extension has read the file (a watcher, slower on a busy machine).
    await eventually(async () => (await api.activeIncidentItem(ID)) ?? undefined, 'the incident read by the extension', 60_000);
    planFor(first.urls.webhook);
    await eventually(
      async () => ((await vscode.commands.executeCommand(CommandId.SetChannelSecret, 'ops-hook', first.signingKey)) === 'ops-hook' ? true : undefined),
      'the secret stored',
    );
    assert.equal((await update('First update')).state, 'sent');
    assert.equal(first.accepted.filter((request) => request.kind === 'webhook').length, 1);

    planFor(other.urls.webhook);
    const withheld = await update('Second update');
    assert.equal(withheld.state, 'failed');
    assert.match(withheld.lastError ?? '', /no secret for channel "ops-hook"/);
    assert.equal(other.count('webhook'), 0, 'the key never went to the other server');

    await vscode.commands.executeCommand(CommandId.SetChannelSecret, 'ops-hook', other.signingKey);
    assert.equal((await update('Third update')).state, 'sent');
    assert.equal(other.accepted.filter((request) => request.kind === 'webhook').length, 1, 'set again: it goes there');
    assert.equal(first.count('webhook'), 1, 'and nothing more to the first');
  });
});
