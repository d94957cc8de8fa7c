/**
 * Resolving an incident customers were told about, by keyboard in
 * code-server: Change Status offers the closing update for them first,
 * prefilled; Enter twice writes it and resolves, in one change.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StoreDocument } from '../../src/core/record/schema';
import { pickQuickItem, runCommand, screenshot, workbenchPerSuite } from './workbench';

const ID = 'INC-1A2B3C4D';
const incidentOf = (workspace: string) =>
  (JSON.parse(readFileSync(join(workspace, '.incidents', 'incidents.json'), 'utf8')) as StoreDocument).incidents.find((incident) => incident.id === ID);

describe('closing words for customers (code-server + Chromium)', function () {
  this.timeout(180_000);
  const workbench = workbenchPerSuite();

  it('offers the customer update before resolving, prefilled, and writes it with the move', async () => {
    const { page, workspace } = workbench();
    // Customers were told that it is under way.
    await runCommand(page, 'Incident: Post Status Update');
    await pickQuickItem(page, 'Checkout returns 500 for EU customers');
    await pickQuickItem(page, 'customers');
    await page.locator('.quick-input-widget input').fill('Some card payments fail in the EU. We are investigating.');
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget input').fill('');
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });

    await runCommand(page, 'Incident: Change Status');
    await pickQuickItem(page, 'Checkout returns 500 for EU customers');
    await pickQuickItem(page, 'resolved');
    const offer = page.locator('.quick-input-widget', { hasText: 'was last told to customers that it is under way' });
    await offer.waitFor({ timeout: 30_000 });
    assert.deepEqual(await offer.locator('.quick-input-list .monaco-list-row').allInnerTexts(), ['Write the update for customers first', 'Resolve without an update']);
    await screenshot(page, 'closing-words-offer');
    await page.keyboard.press('Enter');
    const input = page.locator('.quick-input-widget input');
    await page.locator('.quick-input-widget', { hasText: 'Update for customers on INC-1A2B3C4D' }).waitFor({ timeout: 30_000 });
    assert.match(await input.inputValue(), /^This incident is resolved/);
    await screenshot(page, 'closing-words-prefilled');
    await page.keyboard.press('Enter');

    const deadline = Date.now() + 30_000;
    while (incidentOf(workspace)?.status !== 'resolved' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const resolved = incidentOf(workspace);
    assert.equal(resolved?.status, 'resolved');
    assert.deepEqual([resolved?.updates.at(-1)?.audience, resolved?.updates.at(-1)?.text.startsWith('This incident is resolved')], ['customers', true]);
    const [one, two] = resolved?.timeline.slice(-2) ?? [];
    assert.deepEqual(new Set([one?.kind, two?.kind]), new Set(['update', 'status']), 'the update and the move, in one change');
    assert.equal(one?.at, two?.at);
  });
});
