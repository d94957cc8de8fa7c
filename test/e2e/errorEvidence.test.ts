/**
 * A stack trace pasted as evidence, then the suspects it ranks, in
 * code-server by keyboard only: the commit that changed the frame's line
 * comes first and says so, with who owns the file per CODEOWNERS.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { git } from '../harness/workspaceFixture';
import { pickQuickItem, runCommand, screenshot, workbenchPerSuite } from './workbench';

const ROUTER = (first: string, handler: string) => [first, 'const b = 2;', `function route(req) { ${handler} }`, 'module.exports = route;', ''].join('\n');

describe('stack trace evidence and line-level suspects (code-server + Chromium)', function () {
  this.timeout(180_000);
  const workbench = workbenchPerSuite();

  it('records a pasted trace and ranks the commit that changed its line first, with its owners', async () => {
    const { page, workspace } = workbench();
    const commit = (message: string, files: Record<string, string>) => {
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(join(workspace, path, '..'), { recursive: true });
        writeFileSync(join(workspace, path), text);
      }
      git(workspace, 'add', '-A', '--', ...Object.keys(files));
      git(workspace, 'commit', '--quiet', '-m', message);
      return git(workspace, 'rev-parse', 'HEAD').trim();
    };
    const good = commit('Add the router', { 'router/index.js': ROUTER('const a = 1;', 'return 1;'), '.github/CODEOWNERS': '/router/ @router-team\n' });
    commit('Read the user id in the handler', { 'router/index.js': ROUTER('const a = 1;', 'return req.user.id;') });
    commit('Tune a', { 'router/index.js': ROUTER('const a = 10;', 'return req.user.id;') });

    await page.locator('.activitybar [aria-label^="Incidents"]').first().click();
    await page.locator('.pane', { hasText: 'Active Incidents' }).locator('.monaco-list-row', { hasText: 'Checkout returns 500 for EU customers' }).waitFor({ timeout: 60_000 });

    await runCommand(page, 'Incident: Add Error as Evidence…');
    await pickQuickItem(page, 'Checkout returns 500 for EU customers');
    const input = page.locator('.quick-input-widget input.input');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Add Error as Evidence' }).waitFor();
    await input.fill('at route (/srv/app/releases/41/router/index.js:3:30)');
    await screenshot(page, 'add-error-as-evidence');
    await page.keyboard.press('Enter');

    await runCommand(page, 'Incident: Show Suspect Commits');
    await pickQuickItem(page, 'Checkout returns 500 for EU customers');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Suspect commits since' }).waitFor();
    await input.fill(good);
    await page.keyboard.press('Enter');
    const rows = page.locator('.quick-input-list .monaco-list-row');
    await rows.filter({ hasText: 'Tune a' }).first().waitFor();
    const first = await rows.first().innerText();
    assert.match(first, /Read the user id in the handler/);
    assert.match(first, /changed line 3 of router\/index\.js · owners @router-team/);
    assert.match(await rows.nth(1).innerText(), /touches router\/index\.js · owners @router-team/);
    await screenshot(page, 'suspects-by-line');
    await page.keyboard.press('Escape');
  });
});
