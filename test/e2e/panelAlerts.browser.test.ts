/// <reference lib="dom" />
/**
 * The incident panel's alerts section in Chromium alone: the alerts that
 * opened the incident, with their state, times, labels, annotations (shown as
 * text, whatever they hold) and links that ask the host to open them, reached
 * by Tab with a visible focus ring.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALERT_AUTHORS, applyNotification } from '../../src/core/intake/applyNotification';
import { decideAlert } from '../../src/core/intake/intakeRules';
import { readNotification } from '../../src/core/intake/payloads/detect';
import { defaultPlan } from '../../src/core/plan/plan';
import { STORE_SCHEMA_VERSION, type AlertRecord, type StoreDocument } from '../../src/core/record/schema';
import { PROJECT_ROOT } from '../harness/projectPaths';
import { applyTheme, DARK_MODERN, LIGHT_MODERN, panelMessages, panelState, useWebviewPage } from './panelFixture';
import { screenshot } from './workbench';

const FIXTURES = join(PROJECT_ROOT, 'test', 'fixtures', 'intake', 'alertmanager-real');
const RUNBOOK = 'https://runbooks.example.com/checkout/high-error-rate';
const DASHBOARD = 'https://grafana.example.com/d/checkout-slo/checkout?orgId=1&var-instance=web-2:8080';

/** The alert records intake writes for Alertmanager's two notifications; the second alert given a dashboard and a hostile annotation. */
function alertRecords(): AlertRecord[] {
  const document = ['firing', 'firing-grouped'].reduce<StoreDocument>(
    (current, name) => {
      const notification = readNotification(JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')));
      return applyNotification(current, notification, decideAlert(notification, defaultPlan())).document;
    },
    { version: STORE_SCHEMA_VERSION, incidents: [], deploys: [] },
  );
  const [first, second] = document.incidents[0].alerts ?? [];
  return [
    first,
    {
      ...second,
      state: 'resolved',
      endsAt: '2026-12-07T04:20:00.000Z',
      annotations: { ...second.annotations, note: '<img src=x onerror="alert(1)"> \u202eevil' },
      links: [...second.links, { title: 'Dashboard', url: DASHBOARD }],
    },
  ];
}

describe('incident panel alerts in Chromium', function () {
  this.timeout(60_000);
  const web = useWebviewPage('/', { width: 1000, height: 900 });
  const { pushState, posted, focused } = panelMessages(web);
  const alertState = () =>
    panelState({ title: 'HighErrorRate on checkout', declaredBy: ALERT_AUTHORS.alertmanager, status: 'detected', roles: { responders: [] }, alerts: alertRecords() });

  it('shows each alert: name, state, times, counts, labels, annotations as text, and its links', async () => {
    await web.page.evaluate(applyTheme, DARK_MODERN);
    await pushState(alertState());
    const section = web.page.locator('section.alerts');
    assert.equal(await section.isVisible(), true);
    assert.match(await section.locator('summary').innerText(), /^Alerts\s+1 firing, 1 resolved$/);
    const alerts = section.locator('li.alert');
    assert.equal(await alerts.count(), 2);
    assert.match(await alerts.nth(0).locator('.alert-head').innerText(), /^\s*HighErrorRate FIRING since 2026-12-07 04:04 UTC · 2 notifications · alertmanager$/);
    assert.match(
      await alerts.nth(1).locator('.alert-head').innerText(),
      /^\s*HighErrorRate RESOLVED from 2026-12-07 \d\d:\d\d to 2026-12-07 04:20 UTC · 1 notification · alertmanager$/,
    );
    assert.deepEqual(await alerts.nth(0).locator('.alert-labels code').allInnerTexts(), [
      'alertname=HighErrorRate',
      'instance=web-1:8080',
      'job=checkout-api',
      'service=checkout',
      'severity=critical',
    ]);
    // The runbook_url annotation is the Runbook link, not a line of text too.
    assert.deepEqual(await alerts.nth(0).locator('.alert-annotations dt').allInnerTexts(), ['description', 'summary']);
    assert.deepEqual(await alerts.nth(1).locator('.alert-links a').allInnerTexts(), ['Source', 'Runbook', 'Dashboard']);
    assert.equal(await alerts.nth(1).locator('.alert-links a').nth(2).getAttribute('title'), `Open ${DASHBOARD} outside VS Code`);
    // A hostile annotation is text: no image element, no script, the override shown rather than obeyed.
    assert.equal(await section.locator('img').count(), 0);
    assert.equal(await alerts.nth(1).locator('.alert-annotations dd').last().innerText(), '<img src=x onerror="alert(1)"> \\u{202e}evil');
    assert.deepEqual(web.dialogs, []);
    assert.deepEqual(web.problems, []);
    await screenshot(web.page, 'panel-alerts');
    await web.page.evaluate(applyTheme, LIGHT_MODERN);
    await screenshot(web.page, 'panel-alerts-light');
  });

  it('reaches every link by Tab with a visible focus ring, and asks the host to open it instead of navigating', async () => {
    await web.page.evaluate(applyTheme, DARK_MODERN);
    await pushState(alertState());
    const start = web.page.url();
    await web.page.locator('section.alerts summary').focus();
    const reached: string[] = [];
    for (let n = 0; n < 5; n++) {
      await web.page.keyboard.press('Tab');
      reached.push((await focused('data-focus-key')) ?? '');
      const ring = await web.page.evaluate(() => {
        const style = getComputedStyle(document.activeElement as Element);
        return `${style.outlineStyle} ${style.outlineWidth}`;
      });
      assert.notEqual(ring.split(' ')[0], 'none', `no focus ring on ${reached.at(-1)}`);
    }
    assert.deepEqual(
      reached.map((key) => key.replace(/^alert-link:alertmanager:\w+:/, 'link ')),
      ['link 0', 'link 1', 'link 0', 'link 1', 'link 2'],
    );
    await screenshot(web.page, 'panel-alerts-focus');
    await web.page.keyboard.press('Enter');
    assert.deepEqual((await posted()).at(-1), { type: 'openAlertLink', url: DASHBOARD });
    await web.page.locator('section.alerts .alert-links a', { hasText: 'Runbook' }).first().click();
    assert.deepEqual((await posted()).at(-1), { type: 'openAlertLink', url: RUNBOOK });
    assert.equal(web.page.url(), start, 'the page did not navigate');
  });

  it('keeps the section closed or open as the person left it when the host sends new state, and hides it for an incident no alert touched', async () => {
    await pushState(alertState());
    const details = web.page.locator('section.alerts details');
    assert.equal(await details.evaluate((element) => (element as HTMLDetailsElement).open), true, 'two alerts: open at first');
    await web.page.locator('section.alerts summary').click();
    await pushState(alertState());
    assert.equal(await details.evaluate((element) => (element as HTMLDetailsElement).open), false);
    await pushState(panelState());
    assert.equal(await web.page.locator('section.alerts').isVisible(), false);
  });
});
