/// <reference lib="dom" />
import * as assert from 'node:assert/strict';
import { defaultPlan } from '../../src/core/plan/plan';
import { tickTriageQuestion } from '../../src/core/plan/triage';
import { buildPanelState } from '../../src/protocol/incidentPanelState';
import { applyTheme, LIGHT_MODERN, panelMessages, panelState, useWebviewPage } from './panelFixture';
import { screenshot } from './workbench';

/** The plan's fifteen triage questions in the panel's Triage tab, in Chromium alone. */
describe("incident panel: the plan's triage questions in Chromium", function () {
  this.timeout(60_000);
  const web = useWebviewPage('/', { width: 1000, height: 1400 });
  const { pushState, posted } = panelMessages(web);

  it('groups the questions under the CIA letters with their suggestions and ticks, and sends a tick from the keyboard', async () => {
    await web.page.evaluate(applyTheme, LIGHT_MODERN);
    const base = panelState();
    const plan = defaultPlan();
    const incident = tickTriageQuestion(base.incident, plan, 'logs-anomalous', true, { at: new Date('2026-11-23T09:30:00Z'), author: 'Ana Lima <ana@example.com>' });
    const state = buildPanelState(incident, { version: 2, incidents: [incident], deploys: [] }, undefined, undefined, plan);
    await pushState(state);
    const groups = web.page.locator('.triage-group');
    assert.deepEqual(await groups.locator('h3').allInnerTexts(), ['Confidentiality', 'Integrity', 'Availability']);
    assert.equal(await web.page.locator('vscode-checkbox[data-question]').count(), 15);
    const anomalous = web.page.locator('vscode-checkbox[data-question="logs-anomalous"]');
    assert.equal(await anomalous.evaluate((box) => (box as HTMLInputElement).checked), true);
    assert.match(await groups.nth(1).innerText(), /suggests SEV2 · security\s+Ticked by Ana Lima <ana@example\.com> at 2026-11-23 09:30 UTC/);
    assert.match(await web.page.locator('.verdict').innerText(), /^1 box ticked: this is an incident, SEV2 security suggested/);
    await screenshot(web.page, 'panel-triage-questions');
    await web.page.locator('vscode-checkbox[data-question="device-lost"]').focus();
    await web.page.keyboard.press('Space');
    assert.deepEqual(
      (await posted()).filter((m) => m.type === 'tickTriage'),
      [{ type: 'tickTriage', questionId: 'device-lost', checked: true }],
    );
  });
});
