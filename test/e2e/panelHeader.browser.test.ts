/// <reference lib="dom" />
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { applyTheme, DARK_MODERN, panelMessages, panelState, useWebviewPage } from './panelFixture';
import { screenshot } from './workbench';

const picker = (page: Page, label: string) => page.locator(`vscode-single-select[aria-label="${label}"]`);
const pickerValue = (page: Page, label: string) => picker(page, label).evaluate((select) => (select as HTMLSelectElement).value);
const choose = (page: Page, label: string, value: string) =>
  picker(page, label).evaluate((select, v) => {
    (select as HTMLSelectElement).value = v;
    select.dispatchEvent(new Event('change'));
  }, value);

/** The panel's header (title, pickers, roles, clocks) and keyboard focus, in Chromium alone. */
describe('incident panel header and keyboard in Chromium', function () {
  this.timeout(60_000);
  const web = useWebviewPage('/', { width: 1000, height: 800 });
  const { pushState, pushError, posted, focused } = panelMessages(web);
  const titleSent = async () => (await posted()).filter((m) => m.type === 'setTitle');

  it('puts Post update beside the clocks: Enter opens the Status updates tab with the keyboard in the message; none once resolved', async () => {
    await web.page.evaluate(applyTheme, DARK_MODERN);
    await pushState(panelState());
    const post = web.page.locator('.clock-row vscode-button.post-update-now');
    assert.equal((await post.innerText()).trim(), 'Post update');
    await screenshot(web.page, 'panel-header-post-update');
    await post.focus();
    await web.page.keyboard.press('Enter');
    assert.equal(await focused('id'), 'update-text', 'the message field has the keyboard');
    assert.equal(await web.page.locator('vscode-tabs').getAttribute('selected-index'), '3', 'the Status updates tab is shown');
    assert.deepEqual(
      (await posted()).filter((message) => message.type !== 'ready'),
      [],
      'nothing is sent to the host',
    );
    await pushState(panelState({ status: 'resolved' }));
    assert.equal(await post.count(), 0);
  });

  it('renames: the field takes focus, Escape cancels and sends nothing, Enter saves', async () => {
    await pushState(panelState());
    await web.page.locator('h1.title').click();
    assert.equal(await focused('class'), 'title-field');
    await web.page.keyboard.press('Control+A');
    await web.page.keyboard.type('Checkout is down everywhere');
    await web.page.keyboard.press('Escape');
    assert.equal(await web.page.locator('h1.title').innerText(), 'Checkout returns 500 for EU customers');
    assert.deepEqual(await titleSent(), []);
    assert.equal(await focused('class'), 'title', 'focus returns to the title');
    await web.page.keyboard.press('Enter');
    assert.equal(await focused('class'), 'title-field');
    await web.page.keyboard.press('Control+A');
    await web.page.keyboard.type('Checkout returns 500 in the EU and US');
    await web.page.keyboard.press('Enter');
    assert.deepEqual(await titleSent(), [{ type: 'setTitle', title: 'Checkout returns 500 in the EU and US' }]);
  });

  it('shows a drill with a visible "Drill" badge before its id, and a real incident without one', async () => {
    await web.page.evaluate(applyTheme, DARK_MODERN);
    await pushState(panelState({ drill: true, title: 'Game day: primary database fails over' }));
    const badge = web.page.locator('.incident-id .drill-badge');
    assert.equal(await badge.isVisible(), true);
    assert.equal(await badge.innerText(), 'DRILL');
    assert.equal(await badge.getAttribute('title'), 'A practice, not a real incident');
    assert.match(await web.page.locator('.incident-id').innerText(), /^DRILL\s+INC-1A2B3C4D · regression$/);
    await screenshot(web.page, 'panel-drill');
    await pushState(panelState());
    assert.equal(await badge.count(), 0);
  });

  it('offers only the statuses the host allows, and says what triage waits for', async () => {
    const state = panelState({ status: 'detected', roles: { responders: [] } });
    state.view = { ...state.view, nextStatuses: ['communicating', 'mitigated', 'resolved'], blockedStatuses: [{ status: 'triaged', reason: 'assign a commander first' }] };
    await pushState(state);
    const offered = await picker(web.page, 'Status')
      .locator('vscode-option')
      .evaluateAll((options) => options.map((o) => o.getAttribute('value')));
    assert.deepEqual(offered, ['detected', 'communicating', 'mitigated', 'resolved']);
    assert.equal(await web.page.locator('.status-hint').innerText(), 'Not offered: triaged (assign a commander first).');
  });

  it('puts the status picker back and shows the error when the host refuses a change, and keeps the error through the re-sent state', async () => {
    await pushState(panelState());
    await choose(web.page, 'Status', 'mitigated');
    assert.deepEqual((await posted()).at(-1), { type: 'setStatus', status: 'mitigated' });
    await pushError('INC-1A2B3C4D cannot go to mitigated: the store is read-only');
    await web.page.locator('.banner.error', { hasText: 'cannot go to mitigated' }).waitFor();
    assert.equal(await pickerValue(web.page, 'Status'), 'triaged');
    await pushState(panelState());
    assert.equal(await web.page.locator('.banner.error').isVisible(), true);
    assert.equal(await pickerValue(web.page, 'Status'), 'triaged');
  });

  it('keeps focus on a checklist box ticked with Space through the re-render the host causes', async () => {
    await pushState(panelState());
    await web.page.locator('vscode-checkbox[data-item="availability"]').focus();
    await web.page.keyboard.press('Space');
    assert.deepEqual((await posted()).at(-1), { type: 'tickChecklist', item: 'availability', checked: true });
    const ticked = panelState();
    ticked.view.checklist[2] = { ...ticked.view.checklist[2], tick: { checked: true, by: 'Dana Ortiz <dana@example.com>', at: '2026-11-23T09:06:00.000Z' } };
    await pushState(ticked);
    await web.page.locator('vscode-checkbox[data-item="availability"][checked]').waitFor();
    assert.equal(await focused('data-item'), 'availability');
  });

  it('keeps focus on a timeline filter chip toggled with Enter or Space', async () => {
    await pushState(panelState());
    await web.page.locator('vscode-tab-header', { hasText: 'Timeline' }).click();
    await web.page.locator('button.chip[data-kind="note"]').focus();
    await web.page.keyboard.press('Enter');
    assert.equal(await focused('data-kind'), 'note');
    assert.equal(await web.page.locator('button.chip[data-kind="note"]').getAttribute('aria-pressed'), 'false');
    await web.page.keyboard.press('Space');
    assert.equal(await focused('data-kind'), 'note');
    assert.equal(await web.page.locator('button.chip[data-kind="note"]').getAttribute('aria-pressed'), 'true');
  });

  it('shows a deploy by its resolved short sha with the ref beside it, "Hand over" for a held role, and clocks as plain text', async () => {
    const sha = '9f8e7d6c5b4a'.padEnd(40, '1');
    await web.page.evaluate(applyTheme, DARK_MODERN);
    await pushState({
      ...panelState({ deployIds: ['dep1'] }),
      deploys: [{ id: 'dep1', environment: 'production', ref: 'HEAD', sha, at: '2026-11-23T09:20:00.000Z', by: 'Sam Lee <sam@example.com>', status: 'succeeded', incidentIds: [] }],
    });
    const buttonFor = (role: string) => web.page.locator(`vscode-button[data-focus-key="role:${role}"]`);
    assert.equal((await buttonFor('commander').innerText()).trim(), 'Hand over');
    assert.equal((await buttonFor('admin').innerText()).trim(), 'Assign');
    assert.equal((await buttonFor('responder').innerText()).trim(), 'Add');
    const clock = web.page.locator('[data-clock="resolution"]');
    const look = await clock.evaluate((el) => ({
      tag: el.tagName,
      role: el.getAttribute('role'),
      border: getComputedStyle(el).borderTopStyle,
      cursor: getComputedStyle(el).cursor,
      tabindex: el.getAttribute('tabindex'),
    }));
    assert.deepEqual(look, { tag: 'SPAN', role: null, border: 'none', cursor: 'auto', tabindex: null });
    await screenshot(web.page, 'panel-header');
    await web.page.locator('vscode-tab-header', { hasText: 'Commits & deploys' }).click();
    const row = web.page.locator('.deploy');
    assert.equal(await row.locator('code.sha').innerText(), '9f8e7d6c');
    assert.match(await row.innerText(), /production 9f8e7d6c \(HEAD\) succeeded/);
    await screenshot(web.page, 'panel-deploys');
  });
});
