import * as assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pickQuickItem, runCommand, screenshot, workbenchPerSuite } from './workbench';

describe('the packaged extension in VS Code (code-server + Chromium)', function () {
  this.timeout(180_000);
  const workbench = workbenchPerSuite();

  it('shows active incidents when the Incidents activity-bar icon is clicked', async () => {
    const { page } = workbench();
    await page.locator('.activitybar [aria-label^="Incidents"]').first().click();
    const view = page.locator('.pane', { hasText: 'Active Incidents' });
    await view.locator('.monaco-list-row', { hasText: 'Checkout returns 500 for EU customers' }).waitFor({ timeout: 30_000 });
    const rows = await view.locator('.monaco-list-row').allInnerTexts();
    assert.ok(
      rows.some((row) => row.includes('SEV1')),
      `no SEV1 group in ${JSON.stringify(rows)}`,
    );
    assert.ok(!rows.some((row) => row.includes('Nightly export job failed')), 'a closed incident is listed as active');
    assert.ok(
      rows.some((row) => row.includes('Resolved / closed')),
      `no closed group in ${JSON.stringify(rows)}`,
    );
    assert.ok(
      rows.some((row) => /^Checkout returns 500 for EU customers\s*[^·]+ left · triaged · INC-1A2B3C4D/.test(row)),
      `the SEV1 row is not its title, then its running clock, status and id, in ${JSON.stringify(rows)}`,
    );
    assert.ok(
      rows.some((row) => /^Session tokens logged in plain text\s*overdue \d+h \d+m · mitigated/.test(row)),
      `the late fix does not say "overdue" after its title in ${JSON.stringify(rows)}`,
    );
    const sev1Row = view.locator('.monaco-list-row', { hasText: 'Checkout returns 500 for EU customers' });
    // A hover starts when the mouse moves over the label, then rests.
    await sev1Row.hover({ position: { x: 90, y: 10 } });
    await sev1Row.hover({ position: { x: 110, y: 10 } });
    // The tooltip is resolved when hovered (resolveTreeItem), with status and both clocks.
    await page.getByText('Status: triaged').first().waitFor({ timeout: 30_000 });
    await page
      .getByText(/Resolution: \d+m left, due /)
      .first()
      .waitFor();
    await screenshot(page, 'incidents-view-tooltip');
    await page.mouse.move(900, 700);
    const actionItems = page.locator('.pane', { hasText: 'Action Items' });
    await actionItems.locator('.monaco-list-row', { hasText: 'Retry the export once before paging' }).waitFor({ timeout: 30_000 });
    await runCommand(page, 'Incident: Set Current Incident');
    await pickQuickItem(page, 'Checkout returns 500 for EU customers');
    await page.locator('.statusbar-item', { hasText: 'INC-1A2B3C4D' }).waitFor({ timeout: 30_000 });
    const file = await screenshot(page, 'incidents-view');
    assert.ok(statSync(file).size > 10_000, 'the screenshot is suspiciously small');
  });

  it('runs "Incident: Open Incident" from the palette and shows the incident panel', async () => {
    const { page } = workbench();
    await runCommand(page, 'Incident: Open Incident');
    await pickQuickItem(page, 'Search latency p99 above 2 s');
    const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await frame.locator('h1', { hasText: 'Search latency p99 above 2 s' }).waitFor({ timeout: 30_000 });
    assert.match(await frame.locator('.incident-id').innerText(), /INC-1A2B3C5E · performance/);
    await screenshot(page, 'incident-panel');
  });

  it("ticks one of the plan's triage questions and adds a note in the panel; both reach the store and the timeline", async () => {
    const { page, workspace } = workbench();
    const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    // The fifteen questions of the plan (the defaults here), under their CIA groups.
    assert.equal(await frame.locator('vscode-checkbox[data-question]').count(), 15);
    await frame.locator('vscode-checkbox[data-question="performance-degraded"]').click();
    await frame.locator('.verdict.incident').waitFor({ timeout: 30_000 });
    await screenshot(page, 'incident-panel-triage');
    await frame.locator('vscode-tab-header', { hasText: 'Timeline' }).click();
    const composer = frame.locator('vscode-textarea.composer-text textarea');
    await composer.fill('Search cluster CPU at 95 %, scaling out');
    await composer.press('Control+Enter');
    await frame.locator('.timeline .event-text', { hasText: 'Search cluster CPU at 95 %, scaling out' }).waitFor({ timeout: 30_000 });
    await frame.locator('.timeline .kind-checklist').first().waitFor();
    const stored = JSON.parse(readFileSync(join(workspace, '.incidents', 'incidents.json'), 'utf8'));
    const incident = stored.incidents.find((i: { id: string }) => i.id === 'INC-1A2B3C5E');
    assert.equal(incident.triage['performance-degraded'].checked, true);
    assert.equal(incident.checklist.availability.checked, true, "the question's group box is ticked with it");
    assert.match(incident.checklist.availability.by, /Dana Ortiz/);
    assert.ok(incident.timeline.some((e: { kind: string; text: string }) => e.kind === 'note' && e.text === 'Search cluster CPU at 95 %, scaling out'));
    await screenshot(page, 'incident-panel-timeline');
  });

  it('declares a drill from "Incident: Declare Drill…" by keyboard; its row says DRILL and its panel shows the badge', async () => {
    const { page } = workbench();
    await runCommand(page, 'Incident: Declare Drill…');
    const input = page.locator('.quick-input-widget input');
    await page.locator('.quick-input-widget', { hasText: 'Declare Drill (1/3)' }).waitFor({ timeout: 30_000 });
    await input.fill('Game day: primary database fails over');
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget', { hasText: 'Declare Drill (2/3): category' }).waitFor();
    await pickQuickItem(page, 'Performance degradation');
    await page.locator('.quick-input-widget', { hasText: 'Declare Drill (3/3): severity' }).waitFor();
    await pickQuickItem(page, 'SEV2');
    const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await frame.locator('h1', { hasText: 'Game day: primary database fails over' }).waitFor({ timeout: 30_000 });
    assert.equal(await frame.locator('.incident-id .drill-badge').innerText(), 'DRILL');
    const view = page.locator('.pane', { hasText: 'Active Incidents' });
    const row = view.locator('.monaco-list-row', { hasText: 'Game day: primary database fails over' });
    await row.waitFor({ timeout: 30_000 });
    assert.match(await row.innerText(), /DRILL · [^·]+ left · detected · INC-/);
    assert.equal(await row.locator('.codicon-beaker').count(), 1, 'a beaker, not a flame');
    // Declaring made it the current incident: the status bar says DRILL too.
    await page.locator('.statusbar-item', { hasText: /DRILL INC-\w+ SEV2/ }).waitFor({ timeout: 30_000 });
    await screenshot(page, 'incidents-view-drill');
  });

  it('names a record the store could not read at the top of the view; its row opens the store file', async () => {
    const { page, workspace } = workbench();
    const file = join(workspace, '.incidents', 'incidents.json');
    const original = readFileSync(file, 'utf8');
    const document = JSON.parse(original);
    writeFileSync(file, JSON.stringify({ ...document, incidents: [...document.incidents, { ...document.incidents[0], id: 'INC-BAD00001', severity: 'SEV9' }] }, null, 2));
    try {
      const view = page.locator('.pane', { hasText: 'Active Incidents' });
      const warning = view.locator('.monaco-list-row', { hasText: '1 record could not be read' });
      await warning.waitFor({ timeout: 30_000 });
      const record = view.locator('.monaco-list-row', { hasText: 'incident INC-BAD00001' });
      await record.waitFor();
      await screenshot(page, 'incidents-view-unreadable-record');
      await record.click();
      await page.locator('.tab', { hasText: 'incidents.json' }).waitFor({ timeout: 30_000 });
    } finally {
      writeFileSync(file, original);
    }
  });
});
