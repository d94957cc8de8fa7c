import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { CommandId } from '../../src/ui/commands/commandIds';
import { join } from 'node:path';
import { declareIncident } from '../../src/core/lifecycle/declare';
import { IncidentStore } from '../../src/store/incidentStore';
import { activateExtension, eventually, storedIncident, workspaceFolder } from './extensionHelpers';

describe('the response plan in force in VS Code', function () {
  this.timeout(60_000);

  it("times the clocks by the plan's SLA as soon as the plan is saved, and by the defaults again when it goes", async () => {
    const api = await activateExtension();
    const root = workspaceFolder().fsPath;
    const store = new IncidentStore(root);
    // Declared 40½ minutes ago: the built-in 15-minute response is 25 minutes late; a plan's 1 hour leaves 19.
    const at = new Date(Date.now() - 40.5 * 60_000);
    await store.add(declareIncident({ title: 'Login loops', category: 'regression', severity: 'SEV1' }, { at, author: 'test' }, 'INC-1A2B3E01'));
    const label = async () => (await api.activeIncidentItem('INC-1A2B3E01'))?.description;
    await eventually(async () => ((await label())?.startsWith('overdue 25m · ') ? true : undefined), 'the row timed by the defaults');
    const plan = join(root, '.incidents', 'plan.json');
    try {
      writeFileSync(plan, JSON.stringify({ version: 1, sla: { timeZone: 'UTC', targets: { SEV1: { response: '1h', resolution: '8h' } } } }));
      const shown = await eventually(async () => ((await label())?.startsWith('overdue') ? undefined : await label()), "the row timed by the plan's SLA");
      assert.match(shown ?? '', /^(19|20)m left · detected · INC-1A2B3E01$/);
    } finally {
      rmSync(plan, { force: true });
    }
    await eventually(async () => ((await label())?.startsWith('overdue 25m · ') ? true : undefined), 'the row timed by the defaults again');
  });

  it('declaring adds the steps of the runbooks that apply as tasks, and Tick Runbook Tasks ticks one on the timeline', async () => {
    await activateExtension();
    const root = workspaceFolder().fsPath;
    const folder = join(root, '.incidents', 'runbooks');
    const runbook = join(folder, 'integration-runbook.md');
    mkdirSync(folder, { recursive: true });
    writeFileSync(runbook, '---\ntitle: Restart the queue\ncategories: [performance]\nseverities: [SEV2]\n---\n## Steps\n- [ ] Drain the queue\n- [ ] Restart the workers\n');
    try {
      const id = await vscode.commands.executeCommand<string>(CommandId.Declare, 'Queue backlog', 'performance', 'SEV2');
      const tasks = storedIncident(id).tasks ?? [];
      assert.deepEqual(
        tasks.map((task) => [task.text, task.runbook]),
        [
          ['Drain the queue', '.incidents/runbooks/integration-runbook.md'],
          ['Restart the workers', '.incidents/runbooks/integration-runbook.md'],
        ],
      );
      await vscode.commands.executeCommand(CommandId.TickTask, id, tasks[1].id, true);
      const ticked = storedIncident(id);
      assert.deepEqual(
        ticked.tasks?.map((task) => task.done),
        [false, true],
      );
      assert.equal(ticked.timeline.at(-1)?.text, 'Task done: Restart the workers');
    } finally {
      rmSync(runbook, { force: true });
    }
  });

  it('records a regulatory notification the plan asks for, which stops its clock', async () => {
    await activateExtension();
    const root = workspaceFolder().fsPath;
    const plan = join(root, '.incidents', 'plan.json');
    writeFileSync(plan, JSON.stringify({ version: 1, regulatory: [{ id: 'notification', title: 'Breach notification', after: '72h', to: 'Data protection authority' }] }));
    try {
      const id = await vscode.commands.executeCommand<string>(CommandId.Declare, 'Token in a public repository', 'security', 'SEV2');
      await vscode.commands.executeCommand(CommandId.RecordNotification, id, 'notification', 'DPA case desk');
      const event = storedIncident(id).timeline.find((entry) => entry.data?.regulatory === 'notification');
      assert.equal(event?.text, 'Regulatory notification "Breach notification" sent to DPA case desk');
    } finally {
      rmSync(plan, { force: true });
    }
  });
});
