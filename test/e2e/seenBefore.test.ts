/**
 * "Has this happened before?" in code-server: opening an incident whose words
 * an earlier incident shares says so once, with the earlier incident to open.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../harness/projectPaths';
import { pickQuickItem, runCommand, screenshot, showInCentre, workbenchPerSuite } from './workbench';

describe('seen before, when an incident is opened (code-server + Chromium)', function () {
  this.timeout(180_000);
  const workbench = workbenchPerSuite();

  it('names the earlier incident with why, and opens it from the notification', async () => {
    const { page, workspace } = workbench();
    await page.locator('.activitybar [aria-label^="Incidents"]').first().click();
    const view = page.locator('.pane', { hasText: 'Active Incidents' });
    await view.locator('.monaco-list-row', { hasText: 'Checkout returns 500 for EU customers' }).waitFor({ timeout: 60_000 });
    // Another responder declares the same failure again, from a terminal.
    const cli = join(PROJECT_ROOT, 'dist', 'cli.js');
    const title = 'Checkout returns 500 for EU customers again';
    execFileSync(process.execPath, [cli, '--repo', workspace, 'declare', '--title', title, '--category', 'regression', '--severity', 'SEV2'], { encoding: 'utf8' });
    await view.locator('.monaco-list-row', { hasText: title }).first().waitFor({ timeout: 30_000 });

    await runCommand(page, 'Incident: Open Incident');
    await pickQuickItem(page, title);
    // The panel's webview takes the keyboard; the palette is reached from the workbench.
    await page.locator('.tab', { hasText: title }).first().waitFor({ timeout: 30_000 });
    await view.click();
    // Toasts are not drawn in this headless workbench: the notification is read in the notification centre, as the other e2e tests do.
    await showInCentre(page, 'Seen before: INC-1A2B3C4D Checkout returns 500 for EU customers');
    const toast = page.locator('.notifications-center.visible .notification-list-item', { hasText: 'Seen before: INC-1A2B3C4D' });
    assert.match(await toast.innerText(), /both mention .*checkout/i);
    await screenshot(page, 'seen-before');
    await toast.locator('.monaco-button', { hasText: 'Open INC-1A2B3C4D' }).click();
    await page.locator('.tab', { hasText: 'INC-1A2B3C4D' }).first().waitFor({ timeout: 30_000 });
  });
});
