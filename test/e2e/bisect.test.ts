/**
 * "Find the Breaking Commit…" in code-server, by keyboard only: pick the
 * incident, type the command, name the last good revision (no deploys are
 * recorded), and the bisect's modal confirmation links the commit it found.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pickQuickItem, runCommand, screenshot, workbenchPerSuite } from './workbench';

describe('finding the breaking commit (code-server + Chromium)', function () {
  this.timeout(180_000);
  const workbench = workbenchPerSuite();

  it('asks for the command and the good revision, shows progress, and links the first bad commit once confirmed', async () => {
    const { page, workspace } = workbench();
    const git = (...args: string[]) => execFileSync('git', args, { cwd: workspace, encoding: 'utf8' }).trim();
    const commit = (file: string, message: string) => {
      writeFileSync(join(workspace, file), `${message}\n`);
      git('add', file);
      git('commit', '--quiet', '-m', message);
      return git('rev-parse', 'HEAD');
    };
    const good = git('rev-parse', 'HEAD');
    for (let i = 0; i < 6; i++) commit(`export-${i}.txt`, `Tidy the export, part ${i}`);
    const breaking = commit('broken-marker', 'Break the export');
    for (let i = 6; i < 12; i++) commit(`export-${i}.txt`, `Log more in the export, part ${i}`);

    await page.locator('.activitybar [aria-label^="Incidents"]').first().click();
    await page.locator('.pane', { hasText: 'Active Incidents' }).locator('.monaco-list-row', { hasText: 'Checkout returns 500 for EU customers' }).waitFor({ timeout: 60_000 });
    await runCommand(page, 'Incident: Find the Breaking Commit…');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Find the breaking commit of…' }).waitFor();
    await pickQuickItem(page, 'Checkout returns 500 for EU customers');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Find the breaking commit of INC-1A2B3C4D' }).waitFor();
    await page.locator('.quick-input-widget input.input').fill('test ! -f broken-marker');
    await screenshot(page, 'bisect-command');
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Find the breaking commit since…' }).waitFor();
    await page.locator('.quick-input-widget input.input').fill(good);
    await page.keyboard.press('Enter');
    const dialog = page.locator('.monaco-dialog-box', { hasText: 'as the cause of INC-1A2B3C4D?' });
    await dialog.waitFor({ timeout: 120_000 });
    assert.match(await dialog.innerText(), new RegExp(`Link ${breaking.slice(0, 8)} Break the export as the cause of INC-1A2B3C4D\\?`));
    await screenshot(page, 'bisect-confirm');
    // The dialog's first button, Link as Cause, has the focus: Enter takes it.
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    for (let attempt = 0; attempt < 50; attempt++) {
      const store = JSON.parse(readFileSync(join(workspace, '.incidents', 'incidents.json'), 'utf8'));
      const incident = store.incidents.find((i: { id: string }) => i.id === 'INC-1A2B3C4D');
      const linked = incident.commits.find((c: { sha: string; relation: string }) => c.sha === breaking && c.relation === 'cause');
      if (linked) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.fail('the first bad commit was not linked as the cause');
  });
});
