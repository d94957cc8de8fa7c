import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { screenshot, showInCentre, workbenchPerSuite } from './workbench';

const driverConfigured = (root: string) => execFileSync('git', ['config', '--list', '--local'], { cwd: root, encoding: 'utf8' }).includes('merge.incidents.driver=');

describe('merge driver offer in a fresh clone (code-server + Chromium)', function () {
  this.timeout(180_000);
  const workbench = workbenchPerSuite({ mergeDriverNamed: true });

  it('asks in a notification, and Install chosen from the keyboard writes the driver into .git/config', async () => {
    const { page, workspace } = workbench();
    assert.equal(driverConfigured(workspace), false);
    const centre = page.locator('.notifications-center');
    const offer = centre.locator('.notification-list-item', { hasText: 'the merge driver is not installed in this clone' });
    await showInCentre(page, 'the merge driver is not installed in this clone');
    for (const label of ['Install', 'Later', "Don't Ask Again"]) await offer.getByRole('button', { name: label }).waitFor();
    await screenshot(page, 'merge-driver-offer');

    // The centre opens with the notification focused; Tab reaches its first button, Install.
    await page.keyboard.press('Tab');
    await offer.getByRole('button', { name: 'Install' }).and(page.locator(':focus')).waitFor();
    await page.keyboard.press('Enter');
    // The answered offer leaves the centre (which stays open while it holds another notification, "Activating Extensions…" say);
    // the install command's confirmation comes after git config is written.
    await offer.waitFor({ state: 'detached' });
    await showInCentre(page, 'Git now merges .incidents/incidents.json record by record.');
    assert.equal(driverConfigured(workspace), true);
    assert.equal(await offer.count(), 0, 'the answered offer is gone');
    await screenshot(page, 'merge-driver-installed');
  });
});
