/**
 * On call in code-server: the status bar says when you are on call (and
 * until when), per the plan's rotations; declaring at a severity the plan
 * routes to a rotation with "assign" makes the person on call commander;
 * *Incident: Acknowledge* by keyboard stamps the response.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultPlan } from '../../src/core/plan/plan';
import { localTimeText } from '../../src/core/oncall/localTime';
import type { Incident, StoreDocument } from '../../src/core/record/schema';
import { openWorkbench, pickQuickItem, runCommand, screenshot, type Workbench } from './workbench';

const DANA = 'Dana Ortiz <dana@example.com>';
const SAM = 'Sam Lee <sam@example.com>';
const TITLE = 'Card payments time out in the EU';

/** Two weeks from now at 09:00 UTC: when your override (and so your time on call) ends, whatever day the test runs. */
const OVERRIDE_END = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 14, 9, 0));
const overrideEnd = OVERRIDE_END.toISOString().slice(0, 16);

function plan(): object {
  const base = defaultPlan();
  return {
    version: 1,
    severities: { ...base.severities, SEV2: { ...base.severities.SEV2, rotation: 'platform', assign: true } },
    oncall: {
      timeZone: 'UTC',
      rotations: [
        // You (the workbench's git identity) hold payments' primary until the override ends.
        { name: 'payments', members: [SAM, DANA], shift: '1w', start: '2026-01-05', overrides: [{ person: DANA, from: '2026-01-01', until: overrideEnd }] },
        { name: 'platform', members: [SAM], shift: '1w', start: '2026-01-05' },
      ],
    },
  };
}

async function until<T>(what: string, check: () => T | undefined, boundMs = 60_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() - start > boundMs) throw new Error(`still waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('on call in code-server: the status bar, routing on declare, Acknowledge', function () {
  this.timeout(240_000);
  let workbench: Workbench;
  before(async () => {
    workbench = await openWorkbench({ files: { '.incidents/plan.json': `${JSON.stringify(plan(), null, 2)}\n` } });
  });
  after(async () => workbench?.close());

  it('says you are on call and until when; a SEV2 routed to platform is commanded by its on-call person; Acknowledge stamps the response', async () => {
    const { page, workspace } = workbench;
    const item = page.locator('.statusbar-item', { hasText: 'On call: payments' });
    await item.waitFor({ timeout: 60_000 });
    assert.equal((await item.innerText()).trim(), `On call: payments until ${localTimeText(OVERRIDE_END, 'UTC', new Date())}`);
    await screenshot(page, 'oncall-status-bar');

    const incidentOf = () =>
      (JSON.parse(readFileSync(join(workspace, '.incidents', 'incidents.json'), 'utf8')) as StoreDocument).incidents.find((incident) => incident.title === TITLE);
    await runCommand(page, 'Incident: Declare Incident');
    const input = page.locator('.quick-input-widget input');
    await page.locator('.quick-input-widget', { hasText: 'Declare Incident (1/3)' }).waitFor({ timeout: 30_000 });
    await input.fill(TITLE);
    await page.keyboard.press('Enter');
    await pickQuickItem(page, 'Regression or bug');
    await pickQuickItem(page, 'SEV2');
    const declared = await until<Incident>('the declared incident', incidentOf);
    assert.equal(declared.roles.commander, SAM, 'the plan assigns platform on call');
    assert.equal(declared.acknowledgedAt, undefined, 'being made commander by the plan is not an acknowledgement');

    // The declaration opens the incident's panel, which takes the focus; the palette is opened after it.
    // The incident in front is the declared one once its panel is active; until then the command asks which.
    await page.locator('.tab', { hasText: declared.id }).first().waitFor({ timeout: 30_000 });
    await runCommand(page, 'Incident: Acknowledge');
    const asked = page.locator('.quick-input-widget', { hasText: 'Acknowledge…' });
    const start = Date.now();
    while (!incidentOf()?.acknowledgedAt && Date.now() - start < 60_000) {
      if (await asked.isVisible().catch(() => false)) await pickQuickItem(page, TITLE);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await screenshot(page, 'oncall-acknowledge-asked');
    const acked = await until('the acknowledgement', () => incidentOf()?.acknowledgedAt);
    assert.ok(acked);
    assert.equal(incidentOf()?.roles.commander, SAM, 'the commander stays');
    assert.match(incidentOf()?.timeline.at(-1)?.text ?? '', /^Acknowledged by Dana Ortiz <dana@example.com>$/);
    await screenshot(page, 'oncall-acknowledged');
  });
});
