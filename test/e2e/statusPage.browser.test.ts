/// <reference lib="dom" />
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../harness/browser';
import { incident } from '../unit/cli/runCli';
import { PAGE_NOW, statusPageStore } from '../unit/core/statusPage/statusPageStores';
import { tempRepo } from '../unit/store/tempRepo';
import { screenshot } from './workbench';

/** What the realistic store holds that only responders may read. */
const INTERNAL = [
  'Checkout returns 500',
  'Acme Corp escalated',
  'Redis',
  'Nightly export',
  'Export is 20 minutes late',
  'example.com',
  'Dana',
  'Ana Lima',
  'Sam Lee',
  'Round amounts',
  'bitwise OR',
];

/** The page `incident statuspage` writes for the realistic store, opened from disk in Chromium with JavaScript off. */
describe('status page in Chromium', function () {
  this.timeout(90_000);
  let browser: Browser;
  let site: string;

  before(async () => {
    const repo = tempRepo();
    mkdirSync(join(repo, '.incidents'));
    writeFileSync(join(repo, '.incidents', 'incidents.json'), JSON.stringify(statusPageStore(), null, 2));
    const run = await incident(repo, 'statuspage', '--out', 'public', '--now', PAGE_NOW.toISOString(), '--name', 'Acme');
    assert.equal(run.code, 0, run.stderr);
    site = join(repo, 'public');
    browser = await launchChromium();
  });
  after(async () => browser?.close());

  async function openPage(colorScheme: 'light' | 'dark'): Promise<{ page: Page; problems: string[] }> {
    const context = await browser.newContext({ javaScriptEnabled: false, colorScheme, viewport: { width: 960, height: 1180 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => problems.push(message.text()));
    await page.goto(pathToFileURL(join(site, 'index.html')).href);
    return { page, problems };
  }

  it('shows the state, components and incidents with JavaScript off, styled by style.css alone, in light and dark', async () => {
    const { page, problems } = await openPage('light');
    assert.deepEqual(await page.locator('h1, h2').allTextContents(), ['Acme status', 'Components', 'Active incidents', 'Past incidents (last 90 days)']);
    assert.deepEqual(await page.locator('article h3').allTextContents(), ['Signing in is slow for some users.', 'Some EU card payments fail; we are rolling back.']);
    assert.equal(await page.locator('.overall').textContent(), 'Partial outage');
    assert.equal(await page.locator('main, header, footer').count(), 3, 'landmarks');
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.equal(await page.locator('script').count(), 0);
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(246, 248, 250)', 'style.css applies under the page CSP');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to the current status', 'the first Tab reaches the skip link');
    await page.keyboard.press('Shift+Tab');
    await screenshot(page, 'statuspage');
    const dark = await openPage('dark');
    assert.equal(await dark.page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(13, 17, 23)');
    await screenshot(dark.page, 'statuspage-dark');
    assert.deepEqual([...problems, ...dark.problems], [], 'no CSP refusal or other console message');
  });

  it('has no internal text in any output file', () => {
    for (const name of ['index.html', 'style.css', 'feed.atom', 'summary.json']) {
      const text = readFileSync(join(site, name), 'utf8');
      assert.deepEqual(
        INTERNAL.filter((secret) => text.includes(secret)),
        [],
        name,
      );
    }
  });
});
