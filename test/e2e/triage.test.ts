/**
 * "Are We Having an Incident?" in code-server, by keyboard only: the plan's
 * checklist opens as a multi-select quick pick grouped by confidentiality,
 * integrity and availability; ticking two statements and pressing Enter
 * offers to declare with what they suggest.
 */
import * as assert from 'node:assert/strict';
import { runCommand, screenshot, showInCentre, workbenchPerSuite } from './workbench';

describe('triage before declaring (code-server + Chromium)', function () {
  this.timeout(180_000);
  const workbench = workbenchPerSuite();

  it('ticks statements from the keyboard and offers to declare what they suggest', async () => {
    const { page } = workbench();
    // The extension is up once its view lists the workspace's incidents; the view title offers the checklist.
    await page.locator('.activitybar [aria-label^="Incidents"]').first().click();
    const view = page.locator('.pane', { hasText: 'Active Incidents' });
    await view.locator('.monaco-list-row', { hasText: 'Checkout returns 500 for EU customers' }).waitFor({ timeout: 60_000 });
    await view.hover();
    await page
      .locator('.pane-header .action-label[aria-label="Incident: Are We Having an Incident?"], .pane-header .action-label[aria-label="Are We Having an Incident?"]')
      .first()
      .waitFor();
    await runCommand(page, 'Incident: Are We Having an Incident?');
    const title = page.locator('.quick-input-widget .quick-input-title', { hasText: 'Are we having an incident?' });
    await title.waitFor();
    const rows = page.locator('.quick-input-list .monaco-list-row');
    await rows.first().waitFor();
    const separators = await page.locator('.quick-input-list .quick-input-list-separator').allInnerTexts();
    assert.ok(
      separators.some((text) => /Confidentiality/.test(text)),
      `group titles shown: ${JSON.stringify(separators)}`,
    );
    await screenshot(page, 'triage-checklist');

    // Filter to a statement, go down to it and tick it with Space, twice, as the placeholder says.
    const input = page.locator('.quick-input-widget input.input');
    for (const words of ['denial of service', 'performance dropped']) {
      await input.fill(words);
      await page
        .locator('.quick-input-list .monaco-list-row', { hasText: new RegExp(words, 'i') })
        .first()
        .waitFor();
      await page.keyboard.press('ArrowDown');
      await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: new RegExp(words, 'i') }).waitFor();
      await page.keyboard.press('Space');
    }
    await input.fill('');
    await input.focus();
    await screenshot(page, 'triage-checklist-ticked');
    await page.locator('.quick-input-widget .quick-input-count', { hasText: '2 Selected' }).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    await showInCentre(page, '2 boxes ticked: this is an incident');
    const offer = page.locator('.notifications-center.visible .notification-list-item', { hasText: '2 boxes ticked: this is an incident' });
    const words = await offer.innerText();
    assert.match(words, /2 boxes ticked: this is an incident\. Declare one now \(SEV1 security suggested\)\?/);
    assert.match(words, /^Declare…$/m, 'the offer has its Declare… button');
    await screenshot(page, 'triage-offer');

    // Declare… leads into the declare flow with the suggestions first, in the plan's words; Enter takes them.
    await offer.locator('.monaco-button', { hasText: 'Declare…' }).click();
    const titleInput = page.locator('.quick-input-widget input.input');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Declare Incident (1/3)' }).waitFor();
    await titleInput.fill('Flood of sign-ups from one network');
    await page.keyboard.press('Enter');
    const firstRow = page.locator('.quick-input-list .monaco-list-row').first();
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Declare Incident (2/3)' }).waitFor();
    assert.match(await firstRow.innerText(), /^Security breach[\s\S]*suggested by the triage checklist/);
    await screenshot(page, 'triage-declare-category');
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Declare Incident (3/3)' }).waitFor();
    assert.match(await firstRow.innerText(), /^SEV1[\s\S]*Critical · suggested by the triage checklist[\s\S]*The service is down/);
    await page.keyboard.press('Enter');
    // The new incident's panel opens, its checklist carrying the ticks.
    await page.locator('.tab', { hasText: 'Flood of sign-ups from one network' }).first().waitFor({ timeout: 30_000 });
    const listed = await page.locator('.pane', { hasText: 'Active Incidents' }).locator('.monaco-list-row').allInnerTexts();
    assert.ok(
      listed.some((row) => row.includes('Flood of sign-ups from one network')),
      `the new incident is listed: ${JSON.stringify(listed)}`,
    );
  });
});
