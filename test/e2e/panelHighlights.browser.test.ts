/// <reference lib="dom" />
import * as assert from 'node:assert/strict';
import { applyTheme, DARK_MODERN, panelMessages, panelState, timelineEvents, useWebviewPage } from './panelFixture';
import { screenshot } from './workbench';

const EVENTS = timelineEvents(5);
/** The second and fourth events starred (the fourth by someone else, earlier); a third star was taken back. */
const HIGHLIGHTS = {
  [EVENTS[1].id]: { on: true, by: 'Dana Ortiz <dana@example.com>', at: '2026-11-23T10:00:00.000Z' },
  [EVENTS[3].id]: { on: true, by: 'Sam Lee <sam@example.com>', at: '2026-11-23T09:50:00.000Z' },
  [EVENTS[4].id]: { on: false, by: 'Sam Lee <sam@example.com>', at: '2026-11-23T09:55:00.000Z' },
};

/** Stars on timeline events (key moments) and the retrospective's "Highlights only" filter, in Chromium alone. */
describe('incident panel timeline highlights in Chromium', function () {
  this.timeout(60_000);
  const web = useWebviewPage('/', { width: 1000, height: 900 });
  const { pushState, posted, focused } = panelMessages(web);
  const sent = async () => (await posted()).filter((m) => m.type === 'setHighlight');
  const stars = (list: string) => web.page.locator(`${list} .event button.star`);

  it('stars and unstars an event by click and by keyboard: a pressed toggle with a name, the right message', async () => {
    await web.page.evaluate(applyTheme, DARK_MODERN);
    await pushState(panelState({ timeline: EVENTS, highlights: HIGHLIGHTS }));
    await web.page.locator('vscode-tab-header', { hasText: 'Timeline' }).click();
    const star = stars('.timeline-section');
    assert.equal(await star.count(), 5);
    assert.deepEqual(
      await star.evaluateAll((buttons) => buttons.map((button) => button.getAttribute('aria-pressed'))),
      ['false', 'true', 'false', 'true', 'false'],
      'a star taken back shows as unstarred',
    );
    assert.equal(await star.nth(1).getAttribute('aria-label'), 'Key moment: Timeline entry 1: checked the checkout pods and the error b…', 'named by its event, long text clipped');
    assert.equal(await star.nth(1).locator('vscode-icon').getAttribute('name'), 'star-full');
    assert.equal(await star.nth(0).locator('vscode-icon').getAttribute('name'), 'star-empty');

    await star.nth(0).click();
    await star.nth(1).focus();
    await web.page.keyboard.press('Enter');
    // The stars are one Tab stop: the arrow keys move from one to the next.
    await web.page.keyboard.press('ArrowDown');
    assert.equal(await focused('data-focus-key'), `star:timeline:${EVENTS[2].id}`);
    await web.page.keyboard.press('Space');
    assert.deepEqual(await sent(), [
      { type: 'setHighlight', eventId: EVENTS[0].id, on: true },
      { type: 'setHighlight', eventId: EVENTS[1].id, on: false },
      { type: 'setHighlight', eventId: EVENTS[2].id, on: true },
    ]);

    // The host's new state keeps focus on the star that was pressed.
    await pushState(
      panelState({ timeline: EVENTS, highlights: { ...HIGHLIGHTS, [EVENTS[2].id]: { on: true, by: 'Dana Ortiz <dana@example.com>', at: '2026-11-23T10:05:00.000Z' } } }),
    );
    // The state arrives as a message and renders after it: wait for the toggle to turn, then read.
    await star.nth(2).and(web.page.locator('[aria-pressed="true"]')).waitFor({ timeout: 10_000 });
    assert.equal(await star.nth(2).getAttribute('aria-pressed'), 'true');
    assert.equal(await focused('data-focus-key'), `star:timeline:${EVENTS[2].id}`);
    await screenshot(web.page, 'panel-highlights-timeline');
  });

  it('filters the retrospective timeline to the starred events, and back', async () => {
    await web.page.evaluate(applyTheme, DARK_MODERN);
    await pushState(panelState({ timeline: EVENTS, highlights: HIGHLIGHTS, status: 'resolved' }));
    await web.page.locator('vscode-tab-header', { hasText: 'Retrospective' }).click();
    const rows = web.page.locator('.review-timeline .event');
    assert.equal(await rows.count(), 5);
    // Every event is folded away under one line (the Timeline tab has them); Enter on it unfolds them.
    const fold = web.page.locator('details.review-timeline-fold');
    assert.equal(await fold.evaluate((details) => (details as HTMLDetailsElement).open), false);
    assert.equal(await rows.first().isVisible(), false);
    assert.equal((await fold.locator('summary').innerText()).trim(), 'Every event (5)');
    await fold.locator('summary').focus();
    await web.page.keyboard.press('Enter');
    assert.equal(await rows.first().isVisible(), true);
    await fold.locator('summary').click();
    const only = web.page.locator('button.highlights-only');
    assert.equal(await only.getAttribute('aria-pressed'), 'false');
    assert.match(await only.innerText(), /Highlights only 2/);
    await only.focus();
    await web.page.keyboard.press('Enter');
    await only.and(web.page.locator('[aria-pressed="true"]')).waitFor({ timeout: 10_000 });
    assert.equal(await only.getAttribute('aria-pressed'), 'true');
    assert.equal(await rows.first().isVisible(), true, 'the key moments are shown, unfolded');
    assert.deepEqual(await rows.evaluateAll((items) => items.map((item) => item.getAttribute('data-event-id'))), [EVENTS[1].id, EVENTS[3].id]);
    assert.equal(await focused('data-focus-key'), 'highlights-only', 'the toggle keeps focus');
    await web.page.locator('.retrospective-section h2', { hasText: 'Timeline' }).scrollIntoViewIfNeeded();
    await screenshot(web.page, 'panel-highlights');

    // A star taken back here leaves the filtered list once the host says so.
    await stars('.review-timeline').nth(0).click();
    assert.deepEqual(await sent(), [{ type: 'setHighlight', eventId: EVENTS[1].id, on: false }]);
    await pushState(panelState({ timeline: EVENTS, highlights: { ...HIGHLIGHTS, [EVENTS[1].id]: { on: false, by: 'Ana', at: '2026-11-23T10:10:00.000Z' } }, status: 'resolved' }));
    await web.page.waitForFunction(() => document.querySelectorAll('.review-timeline .event').length === 1, undefined, { timeout: 10_000 });
    assert.deepEqual(await rows.evaluateAll((items) => items.map((item) => item.getAttribute('data-event-id'))), [EVENTS[3].id]);

    await pushState(panelState({ timeline: EVENTS, status: 'resolved' }));
    assert.match(await web.page.locator('.review-timeline .empty').innerText(), /No key moments starred yet/);
    await only.click();
    assert.equal(await rows.count(), 5, 'the filter off shows every event again');
    assert.deepEqual(web.problems, []);
  });

  it('offers no star in a read-only panel', async () => {
    await pushState(panelState({ timeline: EVENTS, highlights: HIGHLIGHTS }, true));
    const star = stars('.timeline-section');
    // The read-only state renders after its message: wait for it before reading.
    await star.nth(1).and(web.page.locator('[disabled]')).waitFor({ state: 'attached', timeout: 10_000 });
    assert.equal(await star.nth(1).getAttribute('aria-pressed'), 'true', 'the stars still show');
    assert.equal(await star.nth(1).isDisabled(), true);
  });
});
