/**
 * Updates out, in code-server: a channel's secret stored with *Set Channel
 * Secret…* by keyboard (VS Code's secret storage), another from the extension
 * host's environment; a status update posted in the panel reaches both
 * channels' loopback receivers once; a channel that answers 404 is shown next
 * to the update ("Not delivered … 404") with Retry and Copy instead, and in
 * the status bar; Retry delivers it, once.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startChatReceivers, type ChatReceivers } from '../harness/chatReceivers';
import { openWorkbench, pickQuickItem, runCommand, screenshot, type Workbench } from './workbench';

const TITLE = 'Checkout returns 500 for EU customers';

/** A condition met within a bound (the receivers are in this process; the page polls itself). */
async function until(what: string, check: () => boolean, boundMs = 60_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > boundMs) throw new Error(`still waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('updates out in code-server: delivered from the panel, a failure shown with Retry', function () {
  this.timeout(240_000);
  let receivers: ChatReceivers;
  let workbench: Workbench;

  before(async () => {
    receivers = await startChatReceivers();
    const plan = {
      version: 1,
      channels: [
        { name: 'ops-slack', audience: 'ops', reach: '#ops', delivery: { kind: 'slack' } },
        { name: 'ops-chat', audience: 'ops', reach: '~ops', delivery: { kind: 'mattermost' } },
      ],
    };
    workbench = await openWorkbench({
      env: { INCIDENT_SECRET_OPS_SLACK: receivers.urls.slack, INCIDENT_MACHINE_ID: 'e2e-machine' },
      files: { '.incidents/plan.json': `${JSON.stringify(plan, null, 2)}\n` },
    });
  });

  after(async () => {
    await workbench?.close();
    await receivers?.stop();
  });

  it('delivers a posted update to both channels; a 404 is shown with Retry, which delivers it once', async () => {
    const { page, workspace } = workbench;
    // The Mattermost hook's URL goes into VS Code's secret storage, typed into a password box.
    await runCommand(page, 'Incident: Set Channel Secret…');
    await pickQuickItem(page, 'ops-chat');
    // The second step is a password box: the secret is not shown as it is typed.
    const input = page.locator('.quick-input-widget input[type="password"]');
    await input.waitFor({ timeout: 30_000 });
    await input.fill('not a url');
    await page.locator('.quick-input-widget .quick-input-message', { hasText: 'This is not a URL' }).waitFor({ timeout: 10_000 });
    await input.fill(receivers.urls.mattermost);
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 30_000 });

    receivers.fail('mattermost', { status: 404, body: 'Unable to find the webhook' }, 1);
    await runCommand(page, 'Incident: Open Incident');
    await pickQuickItem(page, TITLE);
    const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    // Past triage, a new panel opens on the timeline.
    await frame.locator('vscode-tabs[selected-index="1"]').waitFor({ timeout: 30_000 });
    // No secondary button wears a border in the focus colour (it would read as focus on every one of them).
    const assign = frame.locator('vscode-button', { hasText: 'Assign' }).first();
    const [border, background, focus] = await assign.evaluate((button) => {
      const base = button.shadowRoot?.querySelector('.base') as HTMLElement;
      const probe = document.createElement('div');
      probe.style.color = 'var(--vscode-focusBorder)';
      document.body.append(probe);
      const colours = [getComputedStyle(base).borderTopColor, getComputedStyle(base).backgroundColor, getComputedStyle(probe).color];
      probe.remove();
      return colours;
    });
    assert.notEqual(border, focus, `Assign's border is the focus colour ${focus}`);
    assert.equal(border, background, 'the border blends with the button');
    await frame.locator('vscode-tab-header', { hasText: 'Status updates' }).click();
    await frame.getByLabel('Audience').fill('ops');
    await frame.getByLabel('Message').fill('Rolling back the 14:02 deploy; card payments recover in about 10 minutes.');
    await frame.locator('.update-composer vscode-button', { hasText: 'Post update' }).click();

    await until('the Slack receiver to get the update', () => receivers.count('slack') === 1);
    const update = frame.locator('li.status-update', { hasText: 'Rolling back the 14:02 deploy' });
    await update.locator('.delivery-sent', { hasText: 'Delivered to ops-slack' }).waitFor({ timeout: 30_000 });
    const failed = update.locator('.delivery-failed', { hasText: 'Not delivered to ops-chat' });
    await failed.waitFor({ timeout: 30_000 });
    assert.match(await failed.innerText(), /404/);
    assert.deepEqual(await failed.locator('vscode-button').allInnerTexts(), ['Retry', 'Copy instead']);
    const statusItem = page.locator('.statusbar-item', { hasText: '1 not delivered' });
    await statusItem.waitFor({ timeout: 30_000 });
    await screenshot(page, 'delivery-failed-next-to-update');

    // Retry by keyboard: Tab to the button, Enter.
    await failed.locator('vscode-button', { hasText: 'Retry' }).focus();
    await page.keyboard.press('Enter');
    await until('the Mattermost receiver to get the update', () => receivers.count('mattermost') === 1);
    await update.locator('.delivery-sent', { hasText: 'Delivered to ops-chat' }).waitFor({ timeout: 30_000 });
    await statusItem.waitFor({ state: 'hidden', timeout: 30_000 });
    await screenshot(page, 'delivery-retried');
    assert.equal(receivers.count('slack'), 1, 'the update reached Slack once');
    assert.equal(receivers.count('mattermost'), 1, 'and Mattermost once, after the retry');
    assert.deepEqual(receivers.rejected, []);

    const store = readFileSync(join(workspace, '.incidents', 'incidents.json'), 'utf8');
    for (const secret of Object.values(receivers.tokens)) assert.ok(!store.includes(secret), 'no secret in the store');
    const settings = join(workspace, '.vscode', 'settings.json');
    assert.ok(!existsSync(settings) || !readFileSync(settings, 'utf8').includes(receivers.tokens.mattermost), 'nor in settings.json');
  });
});
