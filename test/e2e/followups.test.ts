/**
 * Follow-ups in code-server: with the plan's tracker a loopback GitHub on
 * 127.0.0.1 (`export: "auto"`) and its token typed into *Set Tracker
 * Token…* (VS Code's secret storage), the open action item becomes one issue
 * and the Action Items view says "#N · exported", its menu offering *Open
 * Issue in Tracker* and no second export; once the issue is closed there,
 * *Sync Follow-ups with Tracker* from the palette marks the item done and it
 * leaves the view. (*Export to Tracker* from the menu: the integration test.)
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTrackerServer, type TrackerServer } from '../harness/trackerServers';
import type { StoreDocument } from '../../src/core/record/schema';
import { openWorkbench, runCommand, screenshot, type Workbench } from './workbench';

const TOKEN = 'ghp_e2eTrackerToken0123456789abcdefABCDEF';
const ITEM = 'Retry the export once before paging';

describe('follow-ups in code-server: an action item exported to the tracker, done when its issue closes', function () {
  this.timeout(240_000);
  let github: TrackerServer;
  let workbench: Workbench;

  before(async () => {
    github = await startTrackerServer({ kind: 'github', token: TOKEN, project: 'acme/shop' });
    // "auto": open items are exported by the window's pass (the context menu's Export is covered by test/integration/followups.test.ts).
    const plan = { version: 1, tracker: { kind: 'github', url: github.url, repo: 'acme/shop', labels: ['follow-up'], export: 'auto' } };
    workbench = await openWorkbench({
      env: { INCIDENT_MACHINE_ID: 'e2e-machine' },
      files: { '.incidents/plan.json': `${JSON.stringify(plan, null, 2)}\n` },
    });
  });

  after(async () => {
    await workbench?.close();
    await github?.stop();
  });

  it('exports the open item, shows "#N · exported" with Open Issue in its menu, and the item leaves the view when its issue closes', async () => {
    const { page, workspace } = workbench;
    // The token goes into VS Code's secret storage, typed into a password box that refuses what cannot be a token.
    await runCommand(page, 'Incident: Set Tracker Token…');
    const input = page.locator('.quick-input-widget input[type="password"]');
    await input.waitFor({ timeout: 30_000 });
    await page.locator('.quick-input-widget', { hasText: 'a GitHub token with write access to the issues of acme/shop' }).waitFor({ timeout: 10_000 });
    await input.fill('two words');
    await page.locator('.quick-input-widget .quick-input-message', { hasText: 'A token is one word' }).waitFor({ timeout: 10_000 });
    await input.fill(TOKEN);
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 30_000 });
    await page.locator('.activitybar [aria-label^="Incidents"]').first().click();
    const pane = page.locator('.pane', { hasText: 'Action Items' });
    const row = pane.locator('.monaco-list-row', { hasText: ITEM });
    await row.waitFor({ timeout: 30_000 });
    // With the token set, the window's pass exports the open item; the palette's sync asks for it now, whatever the pass's timing.
    await runCommand(page, 'Incident: Sync Follow-ups with Tracker');
    // Every open action item of the workspace becomes one issue ("auto"), this one among them.
    const openItems = (JSON.parse(readFileSync(join(workspace, '.incidents', 'incidents.json'), 'utf8')) as StoreDocument).incidents.flatMap((incident) =>
      incident.retrospective.actionItems.filter((item) => item.status === 'open'),
    ).length;
    const exported = row.locator('.label-description', { hasText: /#\d+ · exported/ });
    await exported.waitFor({ timeout: 60_000 }).catch(async (error: unknown) => {
      await screenshot(page, 'action-items-tracker-not-exported');
      throw new Error(`not shown as exported (${github.creates} create request(s), row "${await row.innerText()}"): ${String(error)}`);
    });
    const issue = /#(\d+) · exported/.exec(await exported.innerText())?.[1] ?? '';
    assert.ok(openItems >= 1);
    assert.equal(github.creates, openItems, 'one issue per open item, none twice');
    assert.deepEqual(
      github.issues.filter((made) => made.title === ITEM).map((made) => [made.id, made.labels]),
      [[issue, ['follow-up']]],
    );
    // Exported: its menu offers the issue, no second export (opened again if a right-click is lost under load).
    const openIssue = page.locator('.monaco-menu .action-label', { hasText: 'Open Issue in Tracker' });
    for (let attempt = 1; ; attempt++) {
      await page.mouse.move(1300, 700);
      await row.click({ button: 'right' });
      if (
        await openIssue.waitFor({ timeout: 10_000 }).then(
          () => true,
          () => false,
        )
      )
        break;
      if (attempt === 3) throw new Error("the action item's context menu never opened");
      await page.keyboard.press('Escape');
    }
    assert.equal(await page.locator('.monaco-menu .action-label', { hasText: 'Export to Tracker' }).count(), 0);
    await page.keyboard.press('Escape');
    // A wider side bar, so the row's description shows beside its title; the tooltip says the state too.
    const sidebar = await page.locator('.part.sidebar').boundingBox();
    assert.ok(sidebar, 'the side bar is shown');
    await page.mouse.move(sidebar.x + sidebar.width + 1, sidebar.y + 200);
    await page.mouse.down();
    await page.mouse.move(sidebar.x + 760, sidebar.y + 200, { steps: 10 });
    await page.mouse.up();
    await row.hover({ position: { x: 90, y: 10 } });
    await row.hover({ position: { x: 110, y: 10 } });
    await page.getByText(`Tracker: #${issue} · exported`).first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'action-items-tracker');
    await page.mouse.move(1300, 700);

    github.close(issue);
    await runCommand(page, 'Incident: Sync Follow-ups with Tracker');
    await row.waitFor({ state: 'detached', timeout: 60_000 });
    const store = readFileSync(join(workspace, '.incidents', 'incidents.json'), 'utf8');
    assert.match(store, new RegExp(`#${issue} was closed in GitHub`));
    assert.ok(!store.includes(TOKEN), 'the token is in no file of the repository');
    assert.equal(github.creates, openItems, 'closing and reading back made no issue');
    assert.deepEqual(github.problems, []);
  });
});
