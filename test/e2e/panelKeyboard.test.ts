/**
 * The incident panel by keyboard and in the high-contrast themes, in
 * code-server: on a 30-event timeline the note box is a few Tabs away (the
 * stars are one Tab stop, the arrow keys move between them), and in both
 * high-contrast themes the selected tab and the focus are plain to see while
 * no border wears the focus colour when nothing has focus.
 */
/// <reference lib="dom" />
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { demoStore } from '../harness/demoIncidents';
import { pickQuickItem, runCommand, screenshot, SCREENSHOT_DIR, workbenchPerSuite } from './workbench';

const CHECKOUT = 'Checkout returns 500 for EU customers';
/** The note box must be this close: the header's controls (11 today, with "Impact began"), the selected tab and its panel, one stop each for the kind filters and the list, the kind picker. */
const MAX_TABS = 16;

/** The demo store with the checkout incident's timeline filled to 30 events, a few of them evidence with a place to open. */
function storeWithThirtyEvents(): string {
  const document = demoStore();
  const incident = document.incidents.find((i) => i.id === 'INC-1A2B3C4D')!;
  const start = Date.now() - 8 * 60_000;
  for (let i = incident.timeline.length; i < 30; i++) {
    const evidence = i % 7 === 0;
    incident.timeline.push({
      id: `evkeys${String(i).padStart(4, '0')}`,
      at: new Date(start + i * 10_000).toISOString(),
      author: 'Dana Ortiz <dana@example.com>',
      kind: evidence ? 'evidence' : 'note',
      text: evidence ? `Stack trace from the EU pods, part ${i}` : `Checked checkout pod ${i}: still failing`,
      ...(evidence ? { data: { file: 'src/checkout.ts', startLine: i } } : {}),
    });
  }
  return `${JSON.stringify(document, null, 2)}\n`;
}

const themeSettings = (theme: string) => `${JSON.stringify({ 'workbench.colorTheme': theme }, null, 2)}\n`;

/** What has focus in the panel: a control's focus key, else its tag and class. */
const focusedControl = (panel: FrameLocator) =>
  panel.locator(':root').evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    if (!active || active === document.body) return '<body>';
    return active.getAttribute('data-focus-key') ?? `<${active.tagName.toLowerCase()}${active.className ? `.${String(active.className).split(' ').join('.')}` : ''}>`;
  });

/** Borders, outlines and shadows in the focus colour, through every shadow root, while nothing in the panel has focus. */
const focusColouredBorders = (panel: FrameLocator) =>
  panel.locator(':root').evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    const probe = document.createElement('div');
    probe.style.color = 'var(--vscode-focusBorder)';
    document.body.append(probe);
    const focus = getComputedStyle(probe).color;
    probe.remove();
    const found: string[] = [];
    const visit = (root: Document | ShadowRoot) => {
      for (const element of Array.from(root.querySelectorAll('*'))) {
        // What is not drawn (a closed picker's options) has no border anyone sees.
        if (!element.checkVisibility()) continue;
        const style = getComputedStyle(element);
        const name = `${element.tagName.toLowerCase()}${element.className && typeof element.className === 'string' ? `.${element.className.split(' ').join('.')}` : ''}`;
        for (const side of ['top', 'right', 'bottom', 'left']) {
          const width = parseFloat(style.getPropertyValue(`border-${side}-width`));
          if (width > 0 && style.getPropertyValue(`border-${side}-style`) !== 'none' && style.getPropertyValue(`border-${side}-color`) === focus)
            found.push(`${name} border-${side}`);
        }
        if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 && style.outlineColor === focus) found.push(`${name} outline`);
        if (style.boxShadow.includes(focus)) found.push(`${name} box-shadow`);
        if (element.shadowRoot) visit(element.shadowRoot);
      }
    };
    visit(document);
    return { focus, found };
  });

describe('the incident panel by keyboard and in high contrast (code-server + Chromium)', function () {
  this.timeout(300_000);
  const workbench = workbenchPerSuite({
    files: { '.incidents/incidents.json': storeWithThirtyEvents(), '.vscode/settings.json': themeSettings('Default High Contrast') },
  });
  const panel = () => workbench().page.frameLocator('iframe.webview.ready >> visible=true').frameLocator('#active-frame');

  it('reaches the note box in a bounded number of Tabs on a 30-event timeline; the arrow keys move between the stars', async () => {
    const { page } = workbench();
    await runCommand(page, 'Incident: Open Incident');
    await pickQuickItem(page, CHECKOUT);
    await panel().locator('h1', { hasText: CHECKOUT }).waitFor({ timeout: 60_000 });
    const stars = panel().locator('.timeline .event button.star');
    await panel().locator('.timeline[data-rendered="30"]').waitFor({ timeout: 30_000 });
    assert.equal(await stars.count(), 30);

    // From the top of the panel, Tab by Tab, as a keyboard user goes.
    await panel()
      .locator('body')
      .click({ position: { x: 2, y: 2 } });
    await page.keyboard.press('Tab');
    const path = [await focusedControl(panel())];
    for (let tabs = 1; tabs <= 40 && !path[path.length - 1].includes('composer-text'); tabs++) {
      await page.keyboard.press('Tab');
      path.push(await focusedControl(panel()));
    }
    const tabs = path.length - 1;
    assert.ok(path[path.length - 1].includes('composer-text'), `the note box was never reached: ${path.join(' → ')}`);
    assert.ok(tabs <= MAX_TABS, `${tabs} Tabs from the first control to the note box: ${path.join(' → ')}`);
    const listStops = path.filter((key) => /^(star|evidence):timeline:/.test(key));
    assert.equal(listStops.length, 1, `the timeline's controls are one Tab stop: ${path.join(' → ')}`);
    assert.equal(path.filter((key) => key.startsWith('chip:')).length, 1, `the kind filters are one Tab stop: ${path.join(' → ')}`);
    const fromTabs = path.length - 1 - path.findIndex((key) => key.startsWith('<vscode-tab-header'));
    assert.ok(fromTabs <= 5, `${fromTabs} Tabs from the selected tab to the note box (its panel, the filters, the list, the kind, the box): ${path.join(' → ')}`);
    assert.equal(listStops[0], 'star:timeline:' + (await panel().locator('.timeline .event').first().getAttribute('data-event-id')), 'the first entry holds the stop');

    // Back into the list: the arrow keys walk the stars and links, End goes to the last, and the list keeps the stop where you left it.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    assert.match(await focusedControl(panel()), /^star:timeline:/);
    await page.keyboard.press('ArrowDown');
    assert.match(await focusedControl(panel()), /^(star|evidence):timeline:/);
    await page.keyboard.press('End');
    const last = await panel().locator('.timeline .event').last().getAttribute('data-event-id');
    assert.equal(await focusedControl(panel()), `star:timeline:${last}`);
    // Up from the last star, an evidence entry's link comes among the stars (one in seven entries is evidence).
    let ups = 0;
    while (ups < 10 && !(await focusedControl(panel())).startsWith('evidence:timeline:')) {
      ups++;
      await page.keyboard.press('ArrowUp');
    }
    assert.ok(ups > 0 && ups < 10, "the evidence entries' links are among the stars");
    await page.keyboard.press('End');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focusedControl(panel()), `star:timeline:${last}`);
    assert.equal(await stars.evaluateAll((buttons) => buttons.filter((button) => button.tabIndex === 0).length), 1);
  });

  for (const [theme, bodyClass, shot] of [
    ['Default High Contrast', 'vscode-high-contrast', 'panel-keyboard-hc-dark'],
    ['Default High Contrast Light', 'vscode-high-contrast-light', 'panel-keyboard-hc-light'],
  ] as const) {
    it(`in ${theme}: the selected tab and the focus show, and no border wears the focus colour`, async () => {
      const { page, workspace } = workbench();
      writeFileSync(join(workspace, '.vscode', 'settings.json'), themeSettings(theme));
      await panel().locator(`body.${bodyClass}`).waitFor({ timeout: 60_000 });
      await panel().locator('h1', { hasText: CHECKOUT }).waitFor({ timeout: 30_000 });

      const { focus, found } = await focusColouredBorders(panel());
      assert.deepEqual(found, [], `permanent borders in the focus colour ${focus}`);

      const tab = panel().locator('vscode-tab-header[active]');
      assert.equal((await tab.innerText()).trim(), 'Timeline');
      const indicator = await tab.evaluate((header) => getComputedStyle(header).boxShadow);
      assert.match(indicator, /rgb\(.+\) 0px -3px 0px 0px inset/, 'a thick underline under the selected tab');
      assert.ok(!indicator.includes(focus), `the selected tab's underline is not the focus colour: ${indicator}`);
      assert.equal(
        await panel()
          .locator('vscode-tab-header:not([active])')
          .first()
          .evaluate((header) => getComputedStyle(header).boxShadow),
        'none',
      );

      // A star focused by keyboard wears the focus colour's outline.
      await panel().locator('.timeline .event button.star').first().focus();
      await page.keyboard.press('ArrowDown');
      const star = panel().locator('.timeline .event button.star:focus-visible');
      assert.equal(await star.count(), 1);
      const outline = await star.evaluate((button) => {
        const style = getComputedStyle(button);
        return { style: style.outlineStyle, width: style.outlineWidth, color: style.outlineColor };
      });
      assert.deepEqual(outline, { style: 'solid', width: '1px', color: focus });
      await star.scrollIntoViewIfNeeded();
      await screenshot(page, shot);
      // Close up, the tab strip and the first stars: the selected tab's underline and the focus outline.
      const strip = await panel().locator('vscode-tabs').boundingBox();
      if (strip) await page.screenshot({ path: join(SCREENSHOT_DIR, `${shot}-close.png`), clip: { x: strip.x, y: strip.y, width: strip.width, height: 180 } });
    });
  }
});
