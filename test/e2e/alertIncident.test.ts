/**
 * An incident an alert opened on another machine, in code-server: a
 * teammate's clone takes Alertmanager's notification (`incident intake`) and
 * shares it (`incident sync`) through a bare remote served by `git daemon` on
 * 127.0.0.1; this workbench syncs, announces it ("SEV1 from alert
 * HighErrorRate on checkout"), marks its row with a bell and lists its alert
 * under it. Take Command makes this person the commander; the panel shows the
 * alert, and its runbook link goes out only through VS Code's confirmation.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cloneRemote, makeBareRemote, runGit, startGitDaemon, type GitServer } from '../harness/gitServers';
import { PROJECT_ROOT } from '../harness/projectPaths';
import { openWorkbench, runCommand, screenshot, showInCentre, type Workbench } from './workbench';

const CLI = join(PROJECT_ROOT, 'dist', 'cli.js');
const RUNBOOK = 'https://runbooks.example.com/checkout/high-error-rate';

/** Alertmanager's notification of HighErrorRate on checkout, firing since three minutes ago. */
function firingNotification(dir: string): string {
  const body = JSON.parse(readFileSync(join(PROJECT_ROOT, 'test', 'fixtures', 'intake', 'alertmanager-real', 'firing.json'), 'utf8')) as { alerts: { startsAt: string }[] };
  body.alerts[0].startsAt = new Date(Date.now() - 3 * 60_000).toISOString();
  const file = join(dir, 'firing.json');
  writeFileSync(file, JSON.stringify(body));
  return file;
}

describe('an incident an alert opened on another machine (code-server + Chromium)', function () {
  this.timeout(180_000);
  let base: string;
  let daemon: GitServer | undefined;
  let workbench: Workbench;

  before(async () => {
    base = mkdtempSync(join(tmpdir(), 'incident-e2e-alert-'));
    await makeBareRemote(join(base, 'service.git'));
    daemon = await startGitDaemon(base);
    workbench = await openWorkbench({ sync: { enabled: true, remote: 'team', branch: 'incident-log' }, remotes: { team: daemon.url('service.git') } });
    // The team's repository on the remote, so a teammate can clone it.
    await runGit(workbench.workspace, ['push', '--quiet', 'team', 'HEAD:refs/heads/main']);
  });

  after(async () => {
    await workbench?.close();
    await daemon?.stop();
  });

  it('announces it once it arrives by sync, with its alert under a bell row; Take Command makes you commander; the panel shows the alert', async () => {
    const { page, workspace } = workbench;
    await page.locator('.statusbar-item', { hasText: 'Incidents synced' }).waitFor({ timeout: 60_000 });
    await page.locator('.activitybar [aria-label^="Incidents"]').first().click();
    const view = page.locator('.pane', { hasText: 'Active Incidents' });
    await view.locator('.monaco-list-row', { hasText: 'Checkout returns 500 for EU customers' }).waitFor({ timeout: 60_000 });

    // A teammate's clone: the receiver there took the alert, and shared it.
    const other = await cloneRemote(daemon?.url('service.git') ?? '', join(base, 'teammate'), 'team');
    await runGit(other, ['config', 'user.name', 'Bo Chen']);
    await runGit(other, ['config', 'user.email', 'bo@example.com']);
    const taken = execFileSync(process.execPath, [CLI, '--repo', other, 'intake', '--file', firingNotification(base)], { encoding: 'utf8' });
    const id = /INC-[0-9A-Z]{8}/.exec(taken)?.[0];
    assert.ok(id, `intake said: ${taken}`);
    execFileSync(process.execPath, [CLI, '--repo', other, 'sync'], { encoding: 'utf8' });

    await runCommand(page, 'Incident: Sync Incidents Now');
    const row = view.locator('.monaco-list-row', { hasText: 'HighErrorRate on checkout' });
    await row.waitFor({ timeout: 60_000 });
    assert.match(await row.innerText(), new RegExp(`alert · [^·]+ · detected · ${id}`));
    assert.equal(await row.locator('.codicon-bell').count(), 1, 'a bell, not a flame');

    await showInCentre(page, `SEV1 from alert HighErrorRate on checkout (${id})`);
    const toast = page.locator('.notifications-center.visible .notification-list-item', { hasText: `SEV1 from alert HighErrorRate on checkout (${id})` });
    assert.deepEqual(await toast.locator('.monaco-button').allInnerTexts(), ['Open', 'Take Command']);
    await screenshot(page, 'alert-incident-notification');

    // Its alert under it, the labels in the tooltip.
    await row.locator('.monaco-tl-twistie').click();
    const alertRow = view.locator('.monaco-list-row', { hasText: 'firing · 1 notification' });
    await alertRow.waitFor({ timeout: 30_000 });
    assert.equal(await alertRow.locator('.codicon-bell-dot').count(), 1);
    await alertRow.hover({ position: { x: 90, y: 10 } });
    await alertRow.hover({ position: { x: 110, y: 10 } });
    await page
      .getByText(/Labels: alertname=HighErrorRate, service=checkout, severity=critical/)
      .first()
      .waitFor({ timeout: 30_000 });
    await screenshot(page, 'alert-incident-tree');
    await page.mouse.move(900, 700);

    await toast.locator('.monaco-button', { hasText: 'Take Command' }).click();
    const commander = () => {
      const stored = JSON.parse(readFileSync(join(workspace, '.incidents', 'incidents.json'), 'utf8')) as { incidents: { id: string; roles: { commander?: string } }[] };
      return stored.incidents.find((incident) => incident.id === id)?.roles.commander;
    };
    for (let n = 0; n < 100 && !commander(); n++) await page.waitForTimeout(200);
    assert.equal(commander(), 'Dana Ortiz <dana@example.com>');

    // Take Command opened the incident: its alert with the runbook link.
    const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    const alerts = frame.locator('section.alerts');
    await alerts.locator('li.alert').first().waitFor({ timeout: 30_000 });
    await frame.locator('.role-holder', { hasText: 'Dana Ortiz' }).first().waitFor({ timeout: 30_000 });
    assert.match(await alerts.locator('summary').innerText(), /1 firing, 0 resolved/);
    // The mouse left over the notification centre after the click: its hover is let go before the picture.
    await page.mouse.move(700, 20);
    await page
      .locator('.workbench-hover', { hasText: 'Do Not Disturb' })
      .waitFor({ state: 'hidden', timeout: 5_000 })
      .catch(() => undefined);
    await screenshot(page, 'alert-incident-panel');

    // The runbook goes out only after VS Code asks.
    await alerts.locator('.alert-links a', { hasText: 'Runbook' }).click();
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 30_000 });
    assert.match(await dialog.innerText(), new RegExp(RUNBOOK.replace(/[.?/]/g, '\\$&')));
    await screenshot(page, 'alert-link-confirmation');
    await dialog.locator('.monaco-button', { hasText: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 10_000 });

    // Confirmed, the source graph opens at exactly the URL Alertmanager sent (its query's escapes kept), in a new browser tab.
    const stored = JSON.parse(readFileSync(join(workspace, '.incidents', 'incidents.json'), 'utf8')) as {
      incidents: { id: string; alerts?: { links: { title: string; url: string }[] }[] }[];
    };
    const source = stored.incidents.find((incident) => incident.id === id)?.alerts?.[0].links.find((link) => link.title === 'Source')?.url;
    assert.match(source ?? '', /^http:\/\/prometheus\.example\.com:9090\/graph\?g0\.expr=sum%28rate%28/);
    await page.context().route('http://prometheus.example.com:9090/**', (route) => route.fulfill({ status: 200, contentType: 'text/plain', body: 'graph' }));
    await alerts.locator('.alert-links a', { hasText: 'Source' }).click();
    await dialog.waitFor({ timeout: 30_000 });
    const opened = page.context().waitForEvent('page', { timeout: 30_000 });
    await dialog.locator('.monaco-button', { hasText: /^Open$/ }).click();
    const tab = await opened;
    await tab.waitForURL(/prometheus\.example\.com/, { timeout: 30_000 });
    assert.equal(tab.url(), source);
    await tab.close();
  });
});
