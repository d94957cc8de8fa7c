/// <reference lib="dom" />
import * as assert from 'node:assert/strict';
import type { PanelState } from '../../src/protocol/incidentPanel';
import { panelState, useWebviewPage } from './panelFixture';
import { screenshot } from './workbench';

/**
 * The webviews show the strings the host gives them: the page carries
 * `vscode.l10n.bundle` (here a small French one) and every label goes through
 * `l10n.t`; without a bundle (English) the page shows its own text.
 */
const PANEL_FRENCH = {
  Timeline: 'Chronologie',
  'Add to timeline': 'Ajouter à la chronologie',
  // Characters that must survive the trip through an HTML attribute.
  Retrospective: 'Rétrospective <"&">',
  'Incident {0} is no longer in the store.': 'L’incident {0} n’est plus dans le registre.',
};
const ENGLISH_TABS = ['Triage', 'Timeline', 'Commits & deploys', 'Status updates', 'Retrospective'];

const tabLabels = (web: { page: import('playwright-core').Page }) => web.page.locator('vscode-tab-header').allInnerTexts();
const pushState = (web: { page: import('playwright-core').Page }, state: PanelState) => web.page.evaluate((s) => window.postMessage({ type: 'state', state: s }, '*'), state);

describe('incident panel webview with the host’s translations', function () {
  this.timeout(60_000);
  const web = useWebviewPage('/', { width: 1000, height: 800 }, { l10nBundle: PANEL_FRENCH });

  it('shows the translated tab, button and message, the rest in English, without CSP violations', async () => {
    await pushState(web, panelState());
    await web.page.locator('h1').waitFor();
    assert.deepEqual(await tabLabels(web), ['Triage', 'Chronologie', 'Commits & deploys', 'Status updates', 'Rétrospective <"&">']);
    await web.page.locator('vscode-tab-header', { hasText: 'Chronologie' }).click();
    await web.page.locator('vscode-button', { hasText: 'Ajouter à la chronologie' }).waitFor();
    await screenshot(web.page, 'panel-translated');
    await web.page.evaluate(() => window.postMessage({ type: 'missing', incidentId: 'INC-1A2B3C4D' }, '*'));
    await web.page.locator('p.missing', { hasText: 'L’incident INC-1A2B3C4D n’est plus dans le registre.' }).waitFor();
    assert.deepEqual(web.problems, []);
  });
});

describe('incident panel webview without translations (English)', function () {
  this.timeout(60_000);
  const web = useWebviewPage('/', { width: 1000, height: 800 });

  it('shows its own English text', async () => {
    assert.equal(await web.page.locator('meta[name="incidents-l10n"]').count(), 0, 'the English page carries no translations');
    await pushState(web, panelState());
    await web.page.locator('h1').waitFor();
    assert.deepEqual(await tabLabels(web), ENGLISH_TABS);
    await web.page.locator('vscode-tab-header', { hasText: 'Timeline' }).click();
    await web.page.locator('vscode-button', { hasText: 'Add to timeline' }).waitFor();
    assert.deepEqual(web.problems, []);
  });
});

const METRICS_FRENCH = {
  'Export CSV': 'Exporter en CSV',
  'Incidents by severity': 'Incidents par gravité',
  '{0} (the Table tab has the numbers)': '{0} (les chiffres sont dans l’onglet Tableau)',
};

describe('metrics dashboard webview with the host’s translations', function () {
  this.timeout(60_000);
  const web = useWebviewPage('/metrics', { width: 1280, height: 900 }, { l10nBundle: METRICS_FRENCH });

  it('shows the translated button, caption and chart description', async () => {
    await web.page.locator('vscode-button', { hasText: 'Exporter en CSV' }).waitFor();
    assert.equal(await web.page.locator('.chart-severity figcaption').innerText(), 'Incidents par gravité');
    assert.equal(await web.page.locator('#chart-severity').getAttribute('aria-label'), 'Incidents par gravité (les chiffres sont dans l’onglet Tableau)');
    assert.equal(await web.page.locator('.chart-volume figcaption').innerText(), 'Incidents per month');
    await screenshot(web.page, 'metrics-translated');
    assert.deepEqual(web.problems, []);
  });
});

describe('metrics dashboard webview without translations (English)', function () {
  this.timeout(60_000);
  const web = useWebviewPage('/metrics', { width: 1280, height: 900 });

  it('shows its own English text', async () => {
    await web.page.locator('vscode-button', { hasText: 'Export CSV' }).waitFor();
    assert.equal(await web.page.locator('.chart-severity figcaption').innerText(), 'Incidents by severity');
    assert.equal(await web.page.locator('#chart-severity').getAttribute('aria-label'), 'Incidents by severity (the Table tab has the numbers)');
    assert.deepEqual(web.problems, []);
  });
});
