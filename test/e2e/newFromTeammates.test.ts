/**
 * "New from teammates" in code-server: a teammate's note lands in the store
 * (as team sync writes it) while another incident's panel is open; the
 * incident's row draws its title highlighted and its tooltip says "1 new"
 * until its panel has been in front of you, the panel marks the entry, and
 * once looked at nothing is marked any more.
 */
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { pickQuickItem, runCommand, screenshot, workbenchPerSuite } from './workbench';

const CHECKOUT = 'Checkout returns 500 for EU customers';
const TOKENS = 'Session tokens logged in plain text';
const SAMS_NOTE = 'Rolled the EU checkout pods back to 4.12.1 (Sam, from his laptop)';

/** Appends a note by Sam to an incident in the store file, as a sync that merged his branch would. */
function teammateWrites(workspace: string, incidentId: string, text: string): void {
  const file = join(workspace, '.incidents', 'incidents.json');
  const document = JSON.parse(readFileSync(file, 'utf8'));
  const incident = document.incidents.find((i: { id: string }) => i.id === incidentId);
  // Written a while ago on his machine: new here because it arrived now, not because of its time.
  const at = new Date(Date.now() - 3 * 60_000).toISOString();
  incident.timeline.push({ id: 'evsam0000sync01', at, author: 'Sam Lee <sam@example.com>', kind: 'note', text });
  incident.updatedAt = at;
  writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
}

/** The row's title drawn highlighted: the tree's mark for entries new to you. */
const markedTitle = (row: Locator) => row.locator('.monaco-highlighted-label .highlight');

describe('new from teammates (code-server + Chromium)', function () {
  this.timeout(240_000);
  const workbench = workbenchPerSuite();

  it("marks a teammate's synced note on the incident's row and in its panel until seen, then nowhere", async () => {
    const { page, workspace } = workbench();
    await page.locator('.activitybar [aria-label^="Incidents"]').first().click();
    const view = page.locator('.pane', { hasText: 'Active Incidents' });
    const checkoutRow = view.locator('.monaco-list-row', { hasText: CHECKOUT });
    await checkoutRow.waitFor({ timeout: 60_000 });
    assert.equal(await markedTitle(checkoutRow).count(), 0, 'what the store held when first opened here is history, not new');

    // Another incident's panel is open and in front when the note arrives.
    await runCommand(page, 'Incident: Open Incident');
    await pickQuickItem(page, TOKENS);
    const panel = page.frameLocator('iframe.webview.ready >> visible=true').frameLocator('#active-frame');
    await panel.locator('h1', { hasText: TOKENS }).waitFor({ timeout: 30_000 });
    teammateWrites(workspace, 'INC-1A2B3C4D', SAMS_NOTE);

    // The row says so: its whole title highlighted (kept at any width), the count on hover, the other row unmarked.
    await markedTitle(checkoutRow).waitFor({ timeout: 30_000 });
    assert.equal(await markedTitle(checkoutRow).innerText(), CHECKOUT);
    assert.equal(await markedTitle(view.locator('.monaco-list-row', { hasText: TOKENS })).count(), 0);
    await checkoutRow.hover({ position: { x: 90, y: 10 } });
    await checkoutRow.hover({ position: { x: 110, y: 10 } });
    await page.getByText('1 new since you last looked').first().waitFor({ timeout: 30_000 });
    await page.getByText('Status: triaged').first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'new-from-teammates-row');
    await page.mouse.move(600, 500);

    // Opened from its row: the panel marks Sam's note (and only it), and the row's mark goes.
    await checkoutRow.click();
    await panel.locator('h1', { hasText: CHECKOUT }).waitFor({ timeout: 30_000 });
    const marked = panel.locator('.timeline .event.new');
    await marked.first().waitFor({ timeout: 30_000 });
    assert.equal(await marked.count(), 1);
    assert.equal(await marked.locator('.event-text').innerText(), SAMS_NOTE);
    assert.equal(await marked.locator('.new-badge').getAttribute('aria-label'), 'New since you last looked');
    assert.equal(await panel.locator('.new-summary').innerText(), '1 new since you last looked, marked "new"');
    await markedTitle(checkoutRow).waitFor({ state: 'detached', timeout: 30_000 });
    await screenshot(page, 'new-from-teammates-panel');

    // Looked at: shown again later, nothing is new any more.
    await page.locator('.tabs-container .tab', { hasText: TOKENS }).click();
    await panel.locator('h1', { hasText: TOKENS }).waitFor({ timeout: 30_000 });
    await page.locator('.tabs-container .tab', { hasText: CHECKOUT }).click();
    await panel.locator('h1', { hasText: CHECKOUT }).waitFor({ timeout: 30_000 });
    await panel.locator('.timeline .event-text', { hasText: SAMS_NOTE }).waitFor({ timeout: 30_000 });
    await panel.locator('.new-summary[hidden]').waitFor({ state: 'attached', timeout: 30_000 });
    assert.equal(await panel.locator('.timeline .event.new').count(), 0);
    await screenshot(page, 'new-from-teammates-seen');
  });
});
