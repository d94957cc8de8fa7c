/// <reference lib="dom" />
/**
 * The timeline tab in Chromium alone: entries new to the reader marked "new"
 * (the host says which), and the kind filters and the stars as one Tab stop
 * each, walked with the arrow keys.
 */
import * as assert from 'node:assert/strict';
import { applyTheme, DARK_MODERN, panelMessages, panelState, timelineEvents, useWebviewPage } from './panelFixture';
import { screenshot } from './workbench';

const EVENTS = timelineEvents(8);

describe('incident panel timeline: new entries and keys in Chromium', function () {
  this.timeout(60_000);
  const web = useWebviewPage('/', { width: 1000, height: 900 });
  const { pushState, focused } = panelMessages(web);
  const openTimeline = () => web.page.locator('vscode-tab-header', { hasText: 'Timeline' }).click();

  it('marks the entries the host names as new, with a name for screen readers and a count, and no longer once it names none', async () => {
    await web.page.evaluate(applyTheme, DARK_MODERN);
    await pushState({ ...panelState({ timeline: EVENTS }), newEventIds: [EVENTS[5].id, EVENTS[7].id] });
    await openTimeline();
    const marked = web.page.locator('.timeline .event.new');
    await marked.nth(1).waitFor({ timeout: 10_000 });
    assert.deepEqual(await marked.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-event-id'))), [EVENTS[5].id, EVENTS[7].id]);
    const badge = marked.first().locator('.new-badge');
    assert.equal(await badge.getAttribute('role'), 'img');
    assert.equal(await badge.getAttribute('aria-label'), 'New since you last looked');
    assert.equal(await badge.innerText(), 'new');
    assert.equal(await web.page.locator('.new-summary').innerText(), '2 new since you last looked, marked "new"');
    await marked.first().scrollIntoViewIfNeeded();
    await screenshot(web.page, 'panel-timeline-new');

    await pushState(panelState({ timeline: EVENTS }));
    await web.page.locator('.new-summary[hidden]').waitFor({ state: 'attached', timeout: 10_000 });
    assert.equal(await marked.count(), 0);
    assert.deepEqual(web.problems, []);
  });

  it('walks the kind filters and the stars with the arrow keys, one Tab stop each, and keeps the stop where it was left', async () => {
    await pushState(panelState({ timeline: EVENTS }));
    await openTimeline();
    const chips = web.page.locator('.timeline-section .filters button.chip');
    await chips.nth(5).waitFor({ timeout: 10_000 });
    const stops = (selector: string) => web.page.locator(selector).evaluateAll((items) => items.filter((item) => (item as HTMLElement).tabIndex === 0).length);
    assert.equal(await stops('.timeline-section .filters button.chip'), 1);
    assert.equal(await stops('.timeline button.star'), 1);

    const kinds = await chips.evaluateAll((buttons) => buttons.map((button) => button.getAttribute('data-kind')));
    await chips.first().focus();
    await web.page.keyboard.press('ArrowRight');
    assert.equal(await focused('data-focus-key'), `chip:${kinds[1]}`);
    await web.page.keyboard.press('End');
    assert.equal(await focused('data-focus-key'), `chip:${kinds[kinds.length - 1]}`);
    await web.page.keyboard.press('Home');
    await web.page.keyboard.press('ArrowRight');
    // Toggled with Space: the filter re-renders, the stop and the focus stay on it.
    await web.page.keyboard.press('Space');
    const toggled = web.page.locator(`.timeline-section button.chip[data-kind="${kinds[1]}"]`);
    await toggled.and(web.page.locator('[aria-pressed="false"]')).waitFor({ timeout: 10_000 });
    assert.equal(await focused('data-focus-key'), `chip:${kinds[1]}`);
    assert.equal(await toggled.evaluate((chip) => (chip as HTMLElement).tabIndex), 0);
    assert.equal(await stops('.timeline-section .filters button.chip'), 1);

    // Tab leaves the filters for the list's one stop, its first star; the arrows go on from there.
    await web.page.keyboard.press('Tab');
    const first = await web.page.locator('.timeline .event').first().getAttribute('data-event-id');
    assert.equal(await focused('data-focus-key'), `star:timeline:${first}`);
    await web.page.keyboard.press('ArrowDown');
    await web.page.keyboard.press('ArrowDown');
    const third = await web.page.locator('.timeline .event').nth(2).getAttribute('data-event-id');
    assert.equal(await focused('data-focus-key'), `star:timeline:${third}`);
    await web.page.keyboard.press('Tab');
    await web.page.keyboard.press('Shift+Tab');
    assert.equal(await focused('data-focus-key'), `star:timeline:${third}`, 'back into the list where it was left');
    assert.deepEqual(web.problems, []);
  });
});
