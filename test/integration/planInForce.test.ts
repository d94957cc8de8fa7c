import * as assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { declareIncident } from '../../src/core/declare';
import { IncidentStore } from '../../src/store/incidentStore';
import { activateExtension, eventually, workspaceFolder } from './extensionHelpers';

describe('the response plan in force in VS Code', function () {
  this.timeout(60_000);

  it("times the clocks by the plan's SLA as soon as the plan is saved, and by the defaults again when it goes", async () => {
    const api = await activateExtension();
    const root = workspaceFolder().fsPath;
    const store = new IncidentStore(root);
    // Declared 40½ minutes ago: the built-in 15-minute response is 25 minutes late; a plan's 1 hour leaves 19.
    const at = new Date(Date.now() - 40.5 * 60_000);
    await store.add(declareIncident({ title: 'Login loops', category: 'regression', severity: 'SEV1' }, { at, author: 'test' }, 'INC-1A2B3E01'));
    const label = async () => (await api.activeIncidentItem('INC-1A2B3E01'))?.label;
    await eventually(async () => ((await label())?.startsWith('overdue 25m · ') ? true : undefined), 'the row timed by the defaults');
    const plan = join(root, '.incidents', 'plan.json');
    try {
      writeFileSync(plan, JSON.stringify({ version: 1, sla: { timeZone: 'UTC', targets: { SEV1: { response: '1h', resolution: '8h' } } } }));
      const shown = await eventually(async () => ((await label())?.startsWith('overdue') ? undefined : await label()), "the row timed by the plan's SLA");
      assert.match(shown ?? '', /^(19|20)m left · Login loops$/);
    } finally {
      rmSync(plan, { force: true });
    }
    await eventually(async () => ((await label())?.startsWith('overdue 25m · ') ? true : undefined), 'the row timed by the defaults again');
  });
});
