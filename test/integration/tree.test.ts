import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { declareIncident } from '../../src/core/lifecycle/declare';
import { IncidentStore } from '../../src/store/incidentStore';
import { CommandId } from '../../src/ui/commands/commandIds';
import { activateExtension, eventually, workspaceFolder } from './extensionHelpers';

describe('the Active Incidents view', function () {
  this.timeout(60_000);

  it("shows an incident declared from the command, through the provider's getChildren", async () => {
    const api = await activateExtension();
    const id = await vscode.commands.executeCommand<string>(CommandId.Declare, 'Webhooks delayed by 10 minutes', 'performance', 'SEV3');
    assert.match(id, /^INC-[0-9A-Z]{8}$/);
    const rows = await eventually(() => (api.activeIncidentRows().includes(`SEV3 > ${id} Webhooks delayed by 10 minutes`) ? api.activeIncidentRows() : undefined), 'the new row');
    assert.ok(rows.indexOf('SEV3') < rows.indexOf(`SEV3 > ${id} Webhooks delayed by 10 minutes`));
    assert.ok(api.gitProcessesStarted() > 0, 'a trusted workspace asks git who you are (and the counter counts)');
  });

  it('declares a drill from "Declare Drill" with arguments, and marks its row: DRILL in the description, a beaker icon, a tooltip line', async () => {
    const api = await activateExtension();
    const id = await vscode.commands.executeCommand<string>(CommandId.DeclareDrill, 'Game day: primary database fails over', 'performance', 'SEV2');
    assert.match(id, /^INC-[0-9A-Z]{8}$/);
    const read = new IncidentStore(workspaceFolder().fsPath).read();
    const stored = read.kind === 'loaded' ? read.document.incidents.find((i) => i.id === id) : undefined;
    assert.equal(stored?.drill, true);
    assert.match(stored?.timeline[0].text ?? '', /^Declared SEV2 performance drill \(practice, not a real incident\): /);
    const row = await eventually(() => api.activeIncidentItem(id), 'the drill row');
    assert.match(row.description ?? '', new RegExp(`^DRILL · [^·]+ left · detected · ${id}$`));
    assert.deepEqual([row.icon, row.iconColor], ['beaker', 'charts.orange']);
    assert.match(row.tooltip ?? '', /\nDrill: a practice, not a real incident\n/);
    // A real incident declared the same way stays unmarked.
    const real = await vscode.commands.executeCommand<string>(CommandId.Declare, 'Search is slow', 'performance', 'SEV2');
    const realRow = await eventually(() => api.activeIncidentItem(real), 'the real row');
    assert.equal(realRow.icon, 'flame');
    assert.match(realRow.description ?? '', new RegExp(`^[^·]+ left · detected · ${real}$`), 'no DRILL mark on a real incident');
  });

  it('follows an incident added to the file by another process (the CLI, a git pull)', async () => {
    const api = await activateExtension();
    const store = new IncidentStore(workspaceFolder().fsPath);
    const outside = declareIncident({ title: 'Added outside VS Code', category: 'security', severity: 'SEV2' }, { at: new Date(), author: 'cli' }, 'INC-1A2B3C9Z');
    await store.add(outside);
    await eventually(() => (api.activeIncidentRows().includes('SEV2 > INC-1A2B3C9Z Added outside VS Code') ? true : undefined), 'the row from the file');
    // Declared by someone else after this window began: its entries are new to you, so its title is marked, and the tooltip says how many.
    const marked = await eventually(
      async () => ((await api.activeIncidentItem('INC-1A2B3C9Z'))?.marked ? api.activeIncidentItem('INC-1A2B3C9Z') : undefined),
      'the new-entries mark',
    );
    assert.match(marked?.tooltip ?? '', /\n1 new since you last looked$/);
    // One you declare yourself holds nothing new to you.
    const mine = await vscode.commands.executeCommand<string>(CommandId.Declare, 'Mine: exports stalled', 'performance', 'SEV3');
    const row = await eventually(() => api.activeIncidentItem(mine), 'my row');
    assert.equal(row.marked, false);
  });

  it("puts the title first and the clock first in the description, keeps each severity's icon colour on overdue rows, and has status and clock in the tooltip", async () => {
    const api = await activateExtension();
    const store = new IncidentStore(workspaceFolder().fsPath);
    // Declared 40½ minutes ago: a SEV1's 15-minute response is 25 minutes late, a SEV3's 4 hours are not yet up.
    const at = new Date(Date.now() - 40.5 * 60_000);
    await store.add(declareIncident({ title: 'Payments time out', category: 'regression', severity: 'SEV1' }, { at, author: 'test' }, 'INC-1A2B3D01'));
    const longAgo = new Date(Date.now() - (4 * 60 + 10.5) * 60_000);
    await store.add(declareIncident({ title: 'Avatars load slowly', category: 'performance', severity: 'SEV3' }, { at: longAgo, author: 'test' }, 'INC-1A2B3D03'));
    const sev1 = await eventually(() => api.activeIncidentItem('INC-1A2B3D01'), 'the SEV1 row');
    const sev3 = await eventually(() => api.activeIncidentItem('INC-1A2B3D03'), 'the SEV3 row');
    assert.equal(sev1.label, 'Payments time out');
    assert.match(sev3.description ?? '', /^overdue 10m · detected · INC-1A2B3D03$/);
    assert.deepEqual([sev1.icon, sev1.iconColor], ['flame', 'charts.red']);
    assert.deepEqual([sev3.icon, sev3.iconColor], ['flame', 'charts.yellow']);
    assert.match(sev1.description ?? '', /^overdue 25m · detected · INC-1A2B3D01$/);
    assert.match(sev1.tooltip ?? '', /^INC-1A2B3D01 · SEV1 · regression\nPayments time out\nStatus: detected\nResponse: overdue 25m, due /);
    const demo = await eventually(() => api.activeIncidentItem('INC-1A2B3C4D'), 'the demo SEV1 row');
    assert.match(demo.description ?? '', /^\d+m left · /, 'the running clock leads the description, after the title');
  });

  it("names every record it could not read, in the view's message and in a row that opens the store", async () => {
    const api = await activateExtension();
    const file = new IncidentStore(workspaceFolder().fsPath).file;
    const original = readFileSync(file, 'utf8');
    const document = JSON.parse(original);
    const bad = { ...document.incidents[0], id: 'INC-BAD00001', severity: 'SEV9' };
    try {
      writeFileSync(file, JSON.stringify({ ...document, incidents: [...document.incidents, bad] }, null, 2));
      const message = await eventually(
        () => (api.activeIncidentsMessage()?.includes('INC-BAD00001') ? api.activeIncidentsMessage() : undefined),
        'the message naming the bad record',
      );
      assert.match(message, /^1 record could not be read: incident INC-BAD00001 \(severity: .+\)\. The store is read-only until they are fixed\.$/);
      const rows = api.activeIncidentRows();
      assert.equal(rows[0], '1 record could not be read; the store is read-only');
      assert.match(rows[1], /^1 record could not be read; the store is read-only > incident INC-BAD00001: severity: /);
      assert.ok(
        rows.some((row) => row.startsWith('SEV1 > INC-1A2B3C4D ')),
        `the records that could be read are still listed: ${JSON.stringify(rows)}`,
      );
    } finally {
      writeFileSync(file, original);
    }
    await eventually(
      () => (api.activeIncidentsMessage() === undefined && !api.activeIncidentRows()[0].includes('could not be read') ? true : undefined),
      'the message gone once the file is fixed',
    );
  });
});
