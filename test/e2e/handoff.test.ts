/**
 * "Hand Over Command…" in code-server, by keyboard: the person picker, the
 * generated brief in a Markdown editor, edited, then recorded after a modal.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StoreDocument } from '../../src/core/record/schema';
import { pickQuickItem, runCommand, screenshot, showInCentre, workbenchPerSuite } from './workbench';

const OLIVER = 'Oliver Chen <oliver@example.com>';

describe('handing command over (code-server + Chromium)', function () {
  this.timeout(180_000);
  const workbench = workbenchPerSuite();

  it('picks the next commander, shows the brief for editing and records the edited brief', async () => {
    const { page, workspace } = workbench();
    await page.locator('.activitybar [aria-label^="Incidents"]').first().click();
    const view = page.locator('.pane', { hasText: 'Active Incidents' });
    await view.locator('.monaco-list-row', { hasText: 'Checkout returns 500 for EU customers' }).waitFor({ timeout: 60_000 });
    await runCommand(page, 'Incident: Hand Over Command…');
    await pickQuickItem(page, 'Checkout returns 500 for EU customers');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Hand command of INC-1A2B3C4D over to…' }).waitFor();
    await page.locator('.quick-input-widget input').fill(OLIVER);
    await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: 'new person' }).waitFor();
    await screenshot(page, 'handoff-person-picker');
    await page.keyboard.press('Enter');

    const editor = page.locator('.editor-instance .view-lines');
    await editor.getByText('# Handoff: [SEV1] Checkout returns 500 for EU customers (INC-1A2B3C4D)').waitFor({ timeout: 30_000 });
    await editor.getByText('## Who holds which role').waitFor();
    // Edit the brief by keyboard: a line at its very end.
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('Call Ana before touching the payment flags.');
    await screenshot(page, 'handoff-brief-editor');

    await showInCentre(page, 'Edit the brief for');
    await page
      .locator('.notifications-center.visible .notification-list-item', { hasText: 'Edit the brief for' })
      .locator('.monaco-button', { hasText: 'Record Hand-Over' })
      .click();
    const modal = page.locator('.monaco-dialog-box', { hasText: `Record hand-over to ${OLIVER}` });
    await modal.waitFor();
    await screenshot(page, 'handoff-confirm');
    await modal.locator('.monaco-button', { hasText: 'Record Hand-Over' }).click();

    await showInCentre(page, 'is now the commander of INC-1A2B3C4D');
    const stored = (): StoreDocument => JSON.parse(readFileSync(join(workspace, '.incidents', 'incidents.json'), 'utf8')) as StoreDocument;
    const incident = stored().incidents.find((candidate) => candidate.id === 'INC-1A2B3C4D');
    assert.equal(incident?.roles.commander, OLIVER);
    assert.match(
      incident?.timeline.at(-1)?.text ?? '',
      /^Command handed over from .* to Oliver Chen <oliver@example\.com>\n\n# Handoff: [\s\S]*Call Ana before touching the payment flags\.$/,
    );
  });
});
