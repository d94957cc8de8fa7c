/// <reference lib="dom" />
import * as assert from 'node:assert/strict';
import type { PanelState, WebviewMessage } from '../../src/protocol/incidentPanel';
import { panelState, postedMessages, postedRequestIds, timelineEvents, useWebviewPage } from './panelFixture';
import { screenshot } from './workbench';

/**
 * The incident panel's front end in Chromium alone (no VS Code): the same
 * page and CSP, with `acquireVsCodeApi` absent so the stub records posted
 * messages on window.__postedMessages.
 */
describe('incident panel webview in Chromium', function () {
  this.timeout(60_000);
  const web = useWebviewPage('/', { width: 1000, height: 800 });

  const pushState = (state: PanelState) => web.page.evaluate((s) => window.postMessage({ type: 'state', state: s }, '*'), state);
  const posted = () => postedMessages<WebviewMessage>(web.page);

  it('says ready, then renders the incident it is sent without CSP violations', async () => {
    assert.deepEqual(await posted(), [{ type: 'ready' }]);
    await pushState(panelState());
    await web.page.locator('h1', { hasText: 'Checkout returns 500 for EU customers' }).waitFor();
    assert.match(await web.page.locator('.incident-id').innerText(), /INC-1A2B3C4D/);
    assert.match(await web.page.locator('[data-clock="resolution"]').innerText(), /Resolution due in 4[12]m/);
    assert.deepEqual(web.problems, []);
  });

  it('shows a hostile title as text and runs nothing', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    await pushState(panelState({ title: hostile, timeline: [{ ...timelineEvents(1)[0], text: '<script>alert(2)</script>' }] }));
    await web.page.locator('h1').waitFor();
    assert.equal(await web.page.locator('h1').innerText(), hostile);
    assert.equal(await web.page.locator('main img').count(), 0);
    assert.equal(await web.page.locator('main script').count(), 0);
    await web.page.waitForTimeout(300); // give an injected onerror handler the chance to fire
    assert.deepEqual(web.dialogs, []);
    await screenshot(web.page, 'panel-hostile-title');
  });

  it('ignores a malformed message from the host', async () => {
    await pushState(panelState());
    await web.page.locator('h1').waitFor();
    await web.page.evaluate(() => window.postMessage({ type: 'state', state: { incident: { id: 'x', title: 'Injected' } } }, '*'));
    await web.page.waitForTimeout(100);
    assert.equal(await web.page.locator('h1').innerText(), 'Checkout returns 500 for EU customers');
  });

  it('numbers each request (not the ready handshake), so the host can reply to the one that failed', async () => {
    await pushState(panelState());
    await web.page.locator('vscode-checkbox[data-item="availability"]').click();
    await web.page.locator('vscode-checkbox[data-item="integrity"]').click();
    assert.deepEqual(await postedRequestIds(web.page), [undefined, '1', '2']);
    await web.page.evaluate(() => window.postMessage({ type: 'error', message: 'The store is read-only.', requestId: '2' }, '*'));
    await web.page.locator('.banner.error', { hasText: 'The store is read-only.' }).waitFor();
  });

  it('sends a checklist tick', async () => {
    await pushState(panelState());
    await web.page.locator('vscode-checkbox[data-item="availability"]').click();
    assert.deepEqual((await posted()).at(-1), { type: 'tickChecklist', item: 'availability', checked: true });
  });

  it('sends a note from the composer on Ctrl+Enter and clears it', async () => {
    await pushState(panelState());
    await web.page.locator('vscode-tab-header', { hasText: 'Timeline' }).click();
    const composer = web.page.locator('vscode-textarea.composer-text textarea');
    await composer.fill('Rolled back the canary in eu-west-1');
    await composer.press('Control+Enter');
    assert.deepEqual((await posted()).at(-1), { type: 'addEvent', kind: 'note', text: 'Rolled back the canary in eu-west-1' });
    assert.equal(await composer.inputValue(), '');
  });

  it('opens a linked commit, asks for suspects, records a deploy and exports the postmortem from their buttons', async () => {
    const sha = 'a1b2c3d4'.padEnd(40, '0');
    await pushState(
      panelState({
        commits: [
          {
            sha,
            subject: 'Round amounts in integer cents',
            author: 'Ana Lima <ana@example.com>',
            committedAt: '2026-11-23T08:00:00.000Z',
            relation: 'cause',
            linkedAt: '2026-11-23T09:10:00.000Z',
            linkedBy: 'Dana Ortiz <dana@example.com>',
          },
        ],
      }),
    );
    await web.page.locator('vscode-tab-header', { hasText: 'Commits & deploys' }).click();
    await web.page.getByRole('link', { name: 'a1b2c3d4' }).click();
    assert.deepEqual((await posted()).at(-1), { type: 'openCommit', sha });
    await web.page.locator('vscode-button', { hasText: 'Show suspect commits…' }).click();
    assert.deepEqual((await posted()).at(-1), { type: 'showSuspects' });
    await web.page.locator('vscode-button', { hasText: 'Record a deploy…' }).click();
    assert.deepEqual((await posted()).at(-1), { type: 'recordDeploy' });
    await screenshot(web.page, 'panel-links');
    await web.page.locator('vscode-tab-header', { hasText: 'Retrospective' }).click();
    await web.page.locator('vscode-button', { hasText: 'Export postmortem' }).click();
    assert.deepEqual((await posted()).at(-1), { type: 'exportPostmortem' });
    assert.deepEqual(web.problems, []);
  });

  it('switches to the tab the host asks for', async () => {
    await pushState(panelState());
    await web.page.evaluate(() => window.postMessage({ type: 'showTab', tab: 'retrospective' }, '*'));
    await web.page.locator('vscode-button', { hasText: 'Export postmortem' }).waitFor({ state: 'visible' });
    assert.equal(await web.page.locator('vscode-tabs').getAttribute('selected-index'), '4');
  });

  it('renders a 2,000-event timeline incrementally', async () => {
    await pushState(panelState());
    await web.page.locator('vscode-tab-header', { hasText: 'Timeline' }).click();
    // Timed inside the page: from the host's message to the first rows in the
    // DOM and to the next painted frame (playwright's round trips excluded).
    const timing = await web.page.evaluate(
      (state) =>
        new Promise<{ firstRows: number; painted: number }>((resolve) => {
          const t0 = performance.now();
          const observer = new MutationObserver(() => {
            const list = document.querySelector('.timeline');
            if (!list || list.children.length < 100) return;
            observer.disconnect();
            const firstRows = performance.now() - t0;
            requestAnimationFrame(() => resolve({ firstRows, painted: performance.now() - t0 }));
          });
          document.querySelector('.timeline')?.replaceChildren();
          observer.observe(document.body, { childList: true, subtree: true });
          window.postMessage({ type: 'state', state }, '*');
        }),
      panelState({ timeline: timelineEvents(2000) }),
    );
    await web.page.locator('.timeline[data-rendered="2000"]').waitFor();
    assert.equal(await web.page.locator('.timeline .event').count(), 2000);
    console.log(`      2,000 events: first rows in the DOM after ${timing.firstRows.toFixed(0)} ms, painted after ${timing.painted.toFixed(0)} ms`);
    await screenshot(web.page, 'panel-timeline-2000');
  });
});
