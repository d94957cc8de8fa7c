/// <reference lib="dom" />
import * as assert from 'node:assert/strict';
import { computeMetrics } from '../../src/core/retrospective/metrics';
import type { MetricsFilterMessage, MetricsHostMessage, MetricsWebviewMessage } from '../../src/protocol/metrics';
import { metricsFilter } from '../../src/protocol/metricsFilter';
import { generatedHistory, NOW } from '../unit/core/merge/generatedHistory';
import { severityColors } from '../../webview-ui/src/metrics/severityColors';
import { applyTheme, DARK_MODERN, LIGHT_MODERN, postedMessages, useWebviewPage } from './panelFixture';
import { screenshot } from './workbench';

/** The metrics dashboard's front end in Chromium alone, fed with numbers computed here from generated histories. */
describe('metrics dashboard webview in Chromium', function () {
  this.timeout(90_000);
  const web = useWebviewPage('/metrics', { width: 1280, height: 1240 });

  const send = (message: MetricsHostMessage) => web.page.evaluate((m) => window.postMessage(m, '*'), message);
  const posted = () => postedMessages<MetricsWebviewMessage>(web.page);
  const metricsFor = (count: number, filter: MetricsFilterMessage = { range: 'all' }) => {
    const { incidents, deploys } = generatedHistory(count, 7);
    const started = performance.now();
    // The default policy: business-day targets for SEV3/SEV4, the costlier case.
    const metrics = computeMetrics(incidents, deploys, undefined, metricsFilter(filter, NOW));
    return { type: 'metrics' as const, filter, metrics, computedInMs: performance.now() - started };
  };
  const rendered = async (incidents: number) => {
    await web.page.waitForFunction((n) => document.body.dataset.incidents === String(n), incidents);
    return Number(await web.page.evaluate(() => document.body.dataset.renderMs));
  };

  it('asks for numbers, then draws six charts and the same numbers as tables, without CSP violations', async () => {
    assert.deepEqual(await posted(), [{ type: 'ready' }, { type: 'setFilter', filter: { range: '90d' } }]);
    await web.page.evaluate(applyTheme, DARK_MODERN);
    const message = metricsFor(400, { range: '365d' });
    await send(message);
    await rendered(400);
    const canvases = await web.page.evaluate(() =>
      Array.from(document.querySelectorAll('canvas')).map((canvas) => {
        const pixels = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? new Uint8ClampedArray();
        let painted = 0;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
        return { id: canvas.id, painted };
      }),
    );
    assert.deepEqual(
      canvases.map((c) => c.id),
      ['chart-trend', 'chart-volume', 'chart-category', 'chart-severity', 'chart-sla', 'chart-actions'],
    );
    for (const canvas of canvases) assert.ok(canvas.painted > 500, `${canvas.id} has something drawn on it`);
    const tiles = await web.page.locator('.tile-note').allTextContents();
    assert.deepEqual(
      tiles,
      ['acknowledge', 'mitigate', 'resolve', 'detect'].map((m) => `median of ${message.metrics.overall[m as 'resolve'].count}`),
    );
    const slaRow = await web.page.locator('table >> nth=2').locator('tbody tr').first().locator('td').allTextContents();
    const sev1 = message.metrics.bySeverity.SEV1;
    assert.equal(slaRow[0], String(sev1.incidents));
    assert.equal(slaRow[1], `${sev1.response.met} (${Math.round(sev1.response.rate! * 100)}%)`);
    await screenshot(web.page, 'metrics-dashboard');
    assert.deepEqual(web.problems, []);
  });

  /** Pixels of the canvas painted exactly in `hex` (a bar's fill). */
  const pixelsOf = (canvasId: string, hex: string) =>
    web.page.evaluate(
      ([id, color]) => {
        const canvas = document.getElementById(id) as HTMLCanvasElement;
        const pixels = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? new Uint8ClampedArray();
        const [r, g, b] = [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16));
        let count = 0;
        for (let i = 0; i < pixels.length; i += 4) if (pixels[i] === r && pixels[i + 1] === g && pixels[i + 2] === b && pixels[i + 3] === 255) count++;
        return count;
      },
      [canvasId, hex] as const,
    );
  const switchTheme = (variables: Record<string, string>, kind: string) =>
    web.page.evaluate(
      ([vars, bodyClass]) => {
        // As VS Code does: the variables on <html>, then the theme kind on the body's class.
        for (const [name, value] of Object.entries(vars)) document.documentElement.style.setProperty(name, value);
        document.body.style.background = vars['--vscode-editor-background'] ?? '';
        document.body.className = bodyClass;
      },
      [variables, kind] as const,
    );

  it('redraws the charts in the new theme when it changes while open, SEV2 clearly visible on dark and on light', async () => {
    await switchTheme(DARK_MODERN, 'vscode-dark');
    await send(metricsFor(400, { range: '365d' }));
    await rendered(400);
    const [, darkSev2] = severityColors(DARK_MODERN['--vscode-editor-background']);
    const [, lightSev2] = severityColors(LIGHT_MODERN['--vscode-editor-background']);
    assert.ok((await pixelsOf('chart-severity', darkSev2)) > 200, 'the SEV2 bar in the dark palette');
    await screenshot(web.page, 'metrics-dark');
    await switchTheme(LIGHT_MODERN, 'vscode-light');
    await web.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    assert.ok((await pixelsOf('chart-severity', lightSev2)) > 200, 'the SEV2 bar redrawn in the light palette');
    assert.equal(await pixelsOf('chart-severity', darkSev2), 0, 'nothing left in the dark palette');
    await screenshot(web.page, 'metrics-light');
    assert.deepEqual(web.problems, []);
  });

  it('sends the filters it is set to, and ignores a malformed message', async () => {
    await send(metricsFor(50));
    await rendered(50);
    await web.page.evaluate(() => window.postMessage({ type: 'metrics', filter: { range: 'all' }, metrics: { incidents: -1 }, computedInMs: 1 }, '*'));
    assert.equal(await web.page.evaluate(() => document.body.dataset.incidents), '50');
    await web.page.locator('vscode-single-select[aria-label="Severity"]').evaluate((select) => {
      (select as HTMLSelectElement).value = 'SEV2';
      select.dispatchEvent(new Event('change'));
    });
    // The pickers follow the filter of the numbers shown ("all"), and the new severity is added to it.
    assert.deepEqual((await posted()).at(-1), { type: 'setFilter', filter: { range: 'all', severity: 'SEV2' } });
    await web.page.getByRole('button', { name: 'Export CSV' }).click();
    assert.deepEqual((await posted()).at(-1), { type: 'exportCsv' });
  });

  it("filters by the team's incident types: the picker lists them by title, a filtered view says which, the table groups by type", async () => {
    const { incidents, deploys } = generatedHistory(60, 7);
    const typed = incidents.map((incident, i) => (i % 3 === 0 ? { ...incident, type: 'data-loss' } : i % 3 === 1 ? { ...incident, type: 'old-kind' } : incident));
    const types = [
      { id: 'data-loss', title: 'Data loss' },
      { id: 'old-kind', title: 'old-kind' },
    ];
    const show = async (filter: MetricsFilterMessage) => {
      const metrics = computeMetrics(typed, deploys, undefined, metricsFilter(filter, NOW));
      await send({ type: 'metrics', filter, metrics, computedInMs: 1, types });
      await rendered(metrics.incidents);
      return metrics;
    };
    await show({ range: 'all' });
    const picker = web.page.locator('vscode-single-select[aria-label="Type"]');
    assert.deepEqual(await picker.locator('vscode-option').allTextContents(), ['All types', 'Data loss', 'old-kind']);
    await web.page.locator('vscode-tab-header', { hasText: 'Table' }).click();
    const typeTable = web.page.locator('table', { has: web.page.locator('caption', { hasText: 'Response times per type' }) });
    assert.deepEqual(await typeTable.locator('tbody th').allTextContents(), ['Data loss (20)', 'old-kind (20)']);
    await picker.evaluate((select) => {
      (select as HTMLSelectElement).value = 'data-loss';
      select.dispatchEvent(new Event('change'));
    });
    assert.deepEqual((await posted()).at(-1), { type: 'setFilter', filter: { range: 'all', type: 'data-loss' } });
    const filtered = await show({ range: 'all', type: 'data-loss' });
    assert.equal(filtered.incidents, 20);
    assert.match(await web.page.locator('.summary').innerText(), /^20 incident\(s\) · all time · Data loss · /);
    assert.equal(await picker.evaluate((select) => (select as HTMLSelectElement).value), 'data-loss');
    await screenshot(web.page, 'metrics-by-type');
  });

  it('toggles "Include drills" from the keyboard, and shows the drills report: how many, when, time to acknowledge', async () => {
    await web.page.evaluate(applyTheme, DARK_MODERN);
    const { incidents, deploys } = generatedHistory(60, 11);
    // Every fifth incident of the history is a drill.
    const withDrills = incidents.map((incident, i) => (i % 5 === 0 ? { ...incident, drill: true } : incident));
    const show = async (filter: MetricsFilterMessage) => {
      const metrics = computeMetrics(withDrills, deploys, undefined, metricsFilter(filter, NOW));
      await send({ type: 'metrics', filter, metrics, computedInMs: 1 });
      await rendered(metrics.incidents);
      return metrics;
    };
    const without = await show({ range: 'all' });
    assert.equal(without.incidents, 48);
    assert.equal(without.drills.count, 12);
    const summary = await web.page.locator('.drills-summary').innerText();
    assert.match(summary, /^12 drill\(s\) · median time to acknowledge \S+( \S+)? \(of \d+ acknowledged\)$/);
    assert.match(await web.page.locator('.drills-dates').innerText(), /^Declared: \d{4}-\d\d-\d\d, /);
    assert.match(await web.page.locator('.summary').innerText(), /drills left out/);
    // Keyboard only: Tab from the severity picker reaches the toggle, Space turns it on.
    const toggle = web.page.locator('vscode-checkbox.include-drills');
    await web.page.locator('vscode-single-select[aria-label="Severity"]').focus();
    await web.page.keyboard.press('Tab');
    assert.equal(await toggle.evaluate((element) => element.matches(':focus-within') || document.activeElement === element), true, 'Tab reaches "Include drills"');
    await web.page.keyboard.press('Space');
    assert.deepEqual((await posted()).at(-1), { type: 'setFilter', filter: { range: 'all', includeDrills: true } });
    const included = await show({ range: 'all', includeDrills: true });
    assert.equal(included.incidents, 60);
    assert.equal(await toggle.evaluate((element) => (element as HTMLInputElement).checked), true);
    assert.match(await web.page.locator('.summary').innerText(), /drills included/);
    await screenshot(web.page, 'metrics-drills');
    await web.page.keyboard.press('Space');
    assert.deepEqual((await posted()).at(-1), { type: 'setFilter', filter: { range: 'all' } });
    assert.deepEqual(web.problems, []);
  });

  it('computes and renders the dashboard for 10,000 incidents (figures in the log)', async () => {
    const message = metricsFor(10_000);
    await send(message);
    const renderMs = await rendered(10_000);
    console.log(`      dashboard for 10,000 incidents: metrics computed in ${message.computedInMs.toFixed(0)} ms, rendered in ${renderMs} ms`);
    assert.equal(message.metrics.incidents, 10_000);
  });
});
