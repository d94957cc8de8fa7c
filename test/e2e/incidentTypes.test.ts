/**
 * The team's own incident types in code-server, by keyboard: *Declare
 * Incident* lists the plan's types under the three categories with their
 * definitions; the type picked decides the category and marks its default
 * severity; the panel shows the type's fields in the header, a value typed
 * there and Enter lands in the store (a bad one is refused in one line),
 * and the type's question is answered in the Triage tab.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Incident, StoreDocument } from '../../src/core/record/schema';
import { openWorkbench, runCommand, screenshot, type Workbench } from './workbench';

const TITLE = 'Nightly export deleted EU invoices';

const PLAN = {
  version: 1,
  types: [
    {
      id: 'data-loss',
      title: 'Data loss',
      category: 'security',
      definition: 'Customer data deleted or unreadable',
      severity: 'SEV2',
      questions: [{ id: 'backup-verified', text: 'Has the last backup been restored somewhere safe?' }],
      fields: [
        { id: 'records-lost', title: 'Records lost', kind: 'number', required: true, min: 0 },
        { id: 'region', title: 'Region', kind: 'choice', choices: ['eu', 'us'], public: true },
      ],
    },
    { id: 'third-party', title: 'Third-party outage', category: 'regression', definition: 'A provider we depend on is down' },
  ],
};

async function until<T>(what: string, check: () => T | undefined, boundMs = 60_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() - start > boundMs) throw new Error(`still waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('incident types in code-server: declare with a type, fill its fields in the panel', function () {
  this.timeout(240_000);
  let workbench: Workbench;

  before(async () => {
    workbench = await openWorkbench({ files: { '.incidents/plan.json': `${JSON.stringify(PLAN, null, 2)}\n` } });
  });

  after(async () => workbench?.close());

  it('declares a "Data loss" by keyboard, then records a field and answers its question in the panel', async () => {
    const { page, workspace } = workbench;
    const declared = () =>
      (JSON.parse(readFileSync(join(workspace, '.incidents', 'incidents.json'), 'utf8')) as StoreDocument).incidents.find((incident) => incident.title === TITLE);
    const input = page.locator('.quick-input-widget input');

    await runCommand(page, 'Incident: Declare Incident');
    await page.locator('.quick-input-widget', { hasText: 'Declare Incident (1/3)' }).waitFor({ timeout: 30_000 });
    await input.fill(TITLE);
    await page.keyboard.press('Enter');
    const typeStep = page.locator('.quick-input-widget', { hasText: 'category or type' });
    await typeStep.waitFor({ timeout: 30_000 });
    // Grouped under the categories, each category first as the choice of no type, then its types.
    const rows = await typeStep.locator('.quick-input-list .monaco-list-row').allInnerTexts();
    const firstLines = rows.slice(0, 5).map((row) => row.split('\n')[0]);
    assert.deepEqual(firstLines, [
      'Regression or bugno particular type',
      'Third-party outagethird-party',
      'Security breachno particular type',
      'Data lossdata-loss · SEV2',
      'Performance degradationno particular type',
    ]);
    assert.match(rows[3], /Customer data deleted or unreadable/, 'a type shows its definition');
    await screenshot(page, 'declare-type-list');
    await input.fill('data loss');
    await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: 'Data loss' }).waitFor();
    await page.keyboard.press('Enter');
    const severityStep = page.locator('.quick-input-widget', { hasText: 'severity' });
    await severityStep.waitFor({ timeout: 30_000 });
    // SEV1 stays first; the type's default is marked where it stands.
    assert.match(await severityStep.locator('.monaco-list-row', { hasText: 'SEV2' }).innerText(), /the type's default/);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const incident = await until<Incident>('the declared incident', declared);
    assert.deepEqual([incident.type, incident.category, incident.severity], ['data-loss', 'security', 'SEV2']);

    const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await frame.locator('.incident-id', { hasText: 'Data loss (security)' }).waitFor({ timeout: 60_000 });
    const recordsLost = frame.locator('.type-fields [data-field="records-lost"]');
    assert.equal(await frame.locator('.type-fields .required-flag').first().innerText(), 'Required: still empty');
    // A bad value is refused in one line and changes nothing.
    await recordsLost.focus();
    await page.keyboard.type('-3');
    await page.keyboard.press('Enter');
    await frame.locator('.banner.error', { hasText: '"Records lost" is at least 0' }).waitFor({ timeout: 30_000 });
    assert.equal(declared()?.fields, undefined);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('1200');
    await page.keyboard.press('Enter');
    await until('the field in the store', () => declared()?.fields?.['records-lost'] === 1200);
    await frame.locator('.type-fields .required-flag', { hasText: 'Required' }).waitFor({ state: 'detached', timeout: 30_000 });
    assert.match(declared()?.timeline.at(-1)?.text ?? '', /^Records lost: 1200$/);
    await screenshot(page, 'panel-type-fields-filled');

    await frame.locator('vscode-tab-header', { hasText: 'Triage' }).click();
    const question = frame.locator('.type-questions vscode-checkbox[data-type-question="backup-verified"]');
    await question.focus();
    await page.keyboard.press('Space');
    await until('the answer in the store', () => declared()?.triage?.['backup-verified']?.checked === true);
    await frame.locator('.type-questions .tick-meta', { hasText: 'Answered by' }).waitFor({ timeout: 30_000 });
    await screenshot(page, 'panel-type-question-answered');
  });
});
