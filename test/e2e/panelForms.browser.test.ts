/// <reference lib="dom" />
import * as assert from 'node:assert/strict';
import { applyTheme, DARK_MODERN, panelMessages, panelState, useWebviewPage } from './panelFixture';
import { screenshot } from './workbench';

/** The panel's triage suggestion, status-update form and retrospective, in Chromium alone. */
describe('incident panel forms in Chromium', function () {
  this.timeout(60_000);
  const web = useWebviewPage('/', { width: 1000, height: 900 });
  const { pushState, posted, focused } = panelMessages(web);
  const openTab = (name: string) => web.page.locator('vscode-tab-header', { hasText: name }).click();

  it('applies the triage suggestion with one click, and offers nothing to apply once it holds', async () => {
    await web.page.evaluate(applyTheme, DARK_MODERN);
    const suggesting = panelState({ severity: 'SEV2', category: 'regression' });
    suggesting.view.checklist[0] = { ...suggesting.view.checklist[0], tick: { checked: true, by: 'Dana Ortiz <dana@example.com>', at: '2026-11-23T09:06:00.000Z' } };
    suggesting.view.verdict = {
      isIncident: true,
      text: 'This is an incident (confidentiality). Suggested: SEV1, security.',
      suggestedSeverity: 'SEV1',
      suggestedCategory: 'security',
    };
    await pushState(suggesting);
    const apply = web.page.locator('vscode-button.apply-suggestion');
    assert.equal((await apply.innerText()).trim(), 'Apply SEV1, security');
    await screenshot(web.page, 'panel-triage-suggestion');
    await apply.click();
    assert.deepEqual((await posted()).slice(-2), [
      { type: 'setCategory', category: 'security' },
      { type: 'setSeverity', severity: 'SEV1' },
    ]);
    await pushState({ ...suggesting, incident: { ...suggesting.incident, severity: 'SEV1', category: 'security' } });
    assert.equal(await apply.count(), 0);
  });

  it('never offers a lower severity than the one chosen: the category alone, and the suggestion said beside it', async () => {
    const chosen = panelState({ severity: 'SEV1', category: 'security' });
    chosen.view.verdict = {
      isIncident: true,
      text: 'This is an incident (availability). Suggested: SEV2, regression.',
      suggestedSeverity: 'SEV2',
      suggestedCategory: 'regression',
    };
    await pushState(chosen);
    const apply = web.page.locator('vscode-button.apply-suggestion');
    assert.equal((await apply.innerText()).trim(), 'Apply regression');
    assert.equal(await web.page.locator('.suggestion-kept').innerText(), 'The checklist suggests SEV2; SEV1 stays, as chosen.');
    await screenshot(web.page, 'panel-triage-never-lower');
    await apply.click();
    assert.deepEqual((await posted()).at(-1), { type: 'setCategory', category: 'regression' });
    assert.ok(!(await posted()).some((message) => message.type === 'setSeverity'), 'no button lowers the severity');
    await pushState({ ...chosen, incident: { ...chosen.incident, category: 'regression' } });
    assert.equal(await apply.count(), 0);
    assert.equal(await web.page.locator('.suggestion-kept').count(), 1, 'the suggestion is still said, as information');
  });

  it('says why an empty update is not posted and puts focus back on the message', async () => {
    await web.page.evaluate(applyTheme, DARK_MODERN);
    await pushState(panelState());
    await openTab('Status updates');
    await web.page.locator('.update-composer vscode-button', { hasText: 'Post update' }).click();
    assert.equal(
      (await posted()).some((m) => m.type === 'postUpdate'),
      false,
    );
    assert.equal(await web.page.locator('.field-error').innerText(), 'Write the update before posting it.');
    assert.equal(await focused('id'), 'update-text');
    await screenshot(web.page, 'panel-updates-empty');
  });

  it('labels audience, message and a 24-hour UTC next-update field, and posts the UTC time typed', async () => {
    await pushState(panelState());
    await openTab('Status updates');
    assert.equal(await web.page.locator('input[type="datetime-local"]').count(), 0);
    await web.page.locator('label[for="update-audience"]').click();
    assert.equal(await focused('id'), 'update-audience', 'the label focuses its field');
    await web.page.getByLabel('Audience').fill('customers');
    await web.page.getByLabel('Message').fill('Card payments fail in the EU; we are rolling back.');
    const next = web.page.getByLabel('Next update by (UTC, 24-hour)');
    await next.fill('7pm');
    await web.page.locator('.update-composer vscode-button', { hasText: 'Post update' }).click();
    assert.equal(await web.page.locator('.field-error').innerText(), 'Next update by: a 24-hour UTC time like 14:30.');
    assert.equal(await focused('id'), 'update-next');
    await next.fill('07:45');
    const before = Date.now();
    await web.page.locator('.update-composer vscode-button', { hasText: 'Post update' }).click();
    const sent = (await posted()).at(-1);
    const today = new Date(before);
    today.setUTCHours(7, 45, 0, 0);
    const expected = today.getTime() > before ? today : new Date(today.getTime() + 86_400_000);
    assert.deepEqual(sent, { type: 'postUpdate', audience: 'customers', text: 'Card payments fail in the EU; we are rolling back.', nextUpdateBy: expected.toISOString() });
    assert.equal(await web.page.locator('.field-error').isVisible(), false);
  });

  it('edits summary and impact in the retrospective tab and says what a re-export replaces', async () => {
    await web.page.evaluate(applyTheme, DARK_MODERN);
    await pushState(panelState({ summary: 'A rounding change broke EU card payments.' }));
    await openTab('Retrospective');
    const summary = web.page.locator('vscode-textarea[data-focus-key="summary"] textarea');
    assert.equal(await summary.inputValue(), 'A rounding change broke EU card payments.');
    await summary.fill('A rounding change in v41 broke EU card payments.');
    await summary.press('Tab');
    assert.deepEqual((await posted()).at(-1), { type: 'setSummary', summary: 'A rounding change in v41 broke EU card payments.' });
    const impact = web.page.locator('vscode-textarea[data-focus-key="impact"] textarea');
    await impact.fill('Every EU card payment failed for 40 minutes.');
    await impact.press('Tab');
    assert.deepEqual((await posted()).at(-1), { type: 'setImpact', impact: 'Every EU card payment failed for 40 minutes.' });
    assert.match(await web.page.locator('.export-row .hint').innerText(), /regenerated from this record.*only its Notes section is kept/);
    await screenshot(web.page, 'panel-retrospective');
  });
});
