import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { isHandOver } from '../../src/core/communication/handoff';
import { CommandId } from '../../src/ui/commands/commandIds';
import { activateExtension, storedIncident } from './extensionHelpers';

const ID = 'INC-1A2B3C6F';
const OLIVER = 'Oliver Chen <oliver@example.com>';

describe('handing command over and writing briefs from the editor', function () {
  this.timeout(60_000);

  it('incidents.handOver records the hand-over with its brief and makes the person commander', async () => {
    await activateExtension();
    const previous = storedIncident(ID).roles.commander;
    const events = storedIncident(ID).timeline.length;
    const commander = await vscode.commands.executeCommand<string>(CommandId.HandOver, ID, OLIVER, '# Handoff\n\nRotate the leaked tokens first.');
    assert.equal(commander, OLIVER);
    const incident = storedIncident(ID);
    assert.equal(incident.roles.commander, OLIVER);
    assert.equal(incident.timeline.length, events + 1);
    const event = incident.timeline.at(-1);
    assert.ok(event && isHandOver(event), JSON.stringify(event));
    assert.equal(event.text, `Command handed over from ${previous} to ${OLIVER}\n\n# Handoff\n\nRotate the leaked tokens first.`);
    assert.equal(event.data?.previous, previous);
  });

  it('incidents.handOver to the current commander changes nothing', async () => {
    await activateExtension();
    const before = storedIncident(ID);
    assert.equal(await vscode.commands.executeCommand(CommandId.HandOver, ID, before.roles.commander, 'again'), undefined);
    assert.equal(storedIncident(ID).timeline.length, before.timeline.length);
  });

  it('incidents.writeBrief copies the executive brief and shows it in an editor', async () => {
    await activateExtension();
    const brief = await vscode.commands.executeCommand<string>(CommandId.WriteBrief, ID, 'executive', 'slack');
    assert.match(brief, /^\*Executive brief: \[SEV2\] Session tokens logged in plain text\* \(INC-1A2B3C6F\)\n/);
    assert.match(brief, /\n\*Next update\*: /);
    assert.equal(await vscode.env.clipboard.readText(), brief);
    assert.equal(vscode.window.activeTextEditor?.document.getText(), brief);
  });
});
