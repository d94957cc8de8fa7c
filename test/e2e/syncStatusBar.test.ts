/**
 * The team sync status-bar item in code-server. The workspace's store carries
 * the team's committed `sync` block (remote `team`, branch `incident-log`),
 * and `team` is a bare repository served by `git daemon` on 127.0.0.1. The
 * item says synced; with the daemon stopped and a local change, Sync
 * Incidents Now run from the keyboard makes it say offline and how much waits,
 * on the warning background.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { addTimelineEvent } from '../../src/core/lifecycle/timeline';
import { IncidentStore } from '../../src/store/incidentStore';
import { makeBareRemote, runGit, startGitDaemon, type GitServer } from '../harness/gitServers';
import { openWorkbench, runCommand, screenshot, type Workbench } from './workbench';

const SEV1 = 'INC-1A2B3C4D';

/** The item's label shows all of its text: nothing cut off or pushed out of the status bar. */
async function assertFits(item: Locator): Promise<void> {
  const { scrollWidth, clientWidth, right, barRight } = await item.evaluate((element) => {
    const label = element.querySelector('.statusbar-item-label') ?? element;
    return {
      scrollWidth: label.scrollWidth,
      clientWidth: label.clientWidth,
      right: element.getBoundingClientRect().right,
      barRight: element.closest('.part.statusbar')?.getBoundingClientRect().right ?? Number.POSITIVE_INFINITY,
    };
  });
  assert.ok(scrollWidth <= clientWidth, `the label overflows (${scrollWidth} > ${clientWidth} px)`);
  assert.ok(right <= barRight, 'the item reaches past the status bar');
}

/** The item's codicon draws a glyph (a name VS Code does not know renders as an empty span). */
async function assertIconShows(item: Locator): Promise<void> {
  const glyphs = await item.locator('.codicon').evaluateAll((icons) => icons.map((icon) => `${icon.className}: ${getComputedStyle(icon, '::before').content}`));
  assert.equal(glyphs.length, 1, `one icon in the item: ${JSON.stringify(glyphs)}`);
  assert.doesNotMatch(glyphs[0], /: (none|normal|"")$/, `the icon draws nothing: ${glyphs[0]}`);
}

describe('team sync status bar (code-server + Chromium)', function () {
  this.timeout(180_000);
  let base: string;
  let daemon: GitServer | undefined;
  let workbench: Workbench;

  before(async () => {
    base = mkdtempSync(join(tmpdir(), 'incident-e2e-remote-'));
    await makeBareRemote(join(base, 'service.git'));
    daemon = await startGitDaemon(base);
    workbench = await openWorkbench({ sync: { enabled: true, remote: 'team', branch: 'incident-log' }, remotes: { team: daemon.url('service.git') } });
  });

  after(async () => {
    await workbench?.close();
    await daemon?.stop();
  });

  it("turned on by the store's sync block, it syncs by itself and says so", async () => {
    const { page } = workbench;
    const synced = page.locator('.statusbar-item', { hasText: 'Incidents synced' });
    await synced.waitFor({ timeout: 60_000 });
    assert.match((await synced.innerText()).trim(), /^Incidents synced (just now|\d+ s ago)$/);
    await assertFits(synced);
    await assertIconShows(synced);
    await screenshot(page, 'sync-status-synced');
    assert.match(await runGit(join(base, 'service.git'), ['show', 'incident-log:.incidents/incidents.json']), /Checkout returns 500 for EU customers/);
  });

  it('with the remote stopped, Sync Incidents Now (from the keyboard) says offline with the change not shared yet, on the warning background', async () => {
    const { page, workspace } = workbench;
    const synced = page.locator('.statusbar-item', { hasText: 'Incidents synced' });
    const background = (item: Locator) => item.evaluate((element) => getComputedStyle(element).backgroundColor);
    const syncedBackground = await background(synced);
    await daemon?.stop();
    await new IncidentStore(workspace).update(SEV1, (incident) =>
      addTimelineEvent(incident, { kind: 'note', text: 'Rolled back the EU deploy' }, { at: new Date(), author: 'Dana Ortiz <dana@example.com>' }),
    );
    await runCommand(page, 'Incident: Sync Incidents Now');
    const offline = page.locator('.statusbar-item', { hasText: 'Incidents offline' });
    await offline.waitFor({ timeout: 60_000 });
    assert.equal((await offline.innerText()).trim(), 'Incidents offline — 1 change not shared yet');
    assert.equal(await offline.getAttribute('aria-label'), 'Incidents offline — 1 change not shared yet');
    await assertFits(offline);
    await assertIconShows(offline);
    assert.match((await offline.getAttribute('class')) ?? '', /\bhas-background-color\b/);
    assert.notEqual(await background(offline), syncedBackground, 'the offline item stands out from the synced one');
    await screenshot(page, 'sync-status-offline');

    // The file watcher's notice of the change starts a debounced sync of its own (3 s after it); let it pass so the tooltip holds still.
    const syncing = page.locator('.statusbar-item', { hasText: 'Incidents: syncing' });
    await syncing.waitFor({ timeout: 6_000 }).catch(() => undefined);
    await offline.waitFor({ timeout: 30_000 });
    await offline.hover();
    const tooltip = page.locator('.workbench-hover, .monaco-hover', { hasText: 'Team sync with team/incident-log' });
    await tooltip.first().waitFor({ timeout: 10_000 });
    assert.match(await tooltip.first().innerText(), /sync failed: team could not be reached; check the network, then try "git fetch team"/);
    await page.waitForTimeout(300); // the hover fades in
    await screenshot(page, 'sync-status-offline-tooltip');
    await page.mouse.move(0, 0);
  });

  it('a sync block the team got wrong in the store: the item says sync is off because of it, and the tooltip says what is wrong', async () => {
    const { page, workspace } = workbench;
    const file = join(workspace, '.incidents', 'incidents.json');
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, `${JSON.stringify({ ...stored, sync: { enabled: 'yes', remote: 'team' } }, null, 2)}\n`);
    const off = page.locator('.statusbar-item', { hasText: 'Incident sync off' });
    await off.waitFor({ timeout: 30_000 });
    assert.equal((await off.innerText()).trim(), "Incident sync off: the store's sync block is unusable");
    await assertFits(off);
    await assertIconShows(off);
    await off.hover();
    const tooltip = page.locator('.workbench-hover, .monaco-hover', { hasText: 'needs "enabled": true or false' });
    await tooltip.first().waitFor({ timeout: 10_000 });
    await page.waitForTimeout(300); // the hover fades in
    await screenshot(page, 'sync-status-block-unusable');
  });

  it('a sync block naming the branch people work on: the item says sync failed because the branch holds more than incidents, and the tooltip says what to do', async () => {
    const { page, workspace } = workbench;
    const file = join(workspace, '.incidents', 'incidents.json');
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const checkedOut = (await runGit(workspace, ['rev-parse', '--abbrev-ref', 'HEAD'])).trim();
    writeFileSync(file, `${JSON.stringify({ ...stored, sync: { enabled: true, remote: 'team', branch: checkedOut } }, null, 2)}\n`);
    const failed = page.locator('.statusbar-item', { hasText: 'Incident sync failed' });
    await failed.waitFor({ timeout: 30_000 });
    assert.equal((await failed.innerText()).trim(), 'Incident sync failed: the branch holds more than incidents');
    await assertFits(failed);
    await assertIconShows(failed);
    await failed.hover();
    const tooltip = page.locator('.workbench-hover, .monaco-hover', { hasText: `Team sync with team/${checkedOut}` });
    await tooltip.first().waitFor({ timeout: 10_000 });
    assert.match(
      await tooltip.first().innerText(),
      new RegExp(`sync refused: "${checkedOut}" is the branch checked out here; sync to a branch of its own, such as "incident-log"`),
    );
    await page.waitForTimeout(300); // the hover fades in
    await screenshot(page, 'sync-status-work-branch-refused');
  });
});
