/// <reference lib="dom" />
/**
 * An incident type's fields in the panel's header and its questions in the
 * Triage tab, in Chromium alone: the editor each kind needs, a required
 * field flagged until filled, Enter sends, Escape puts the stored value
 * back, and a state pushed while someone types loses none of their text.
 */
import * as assert from 'node:assert/strict';
import type { PanelState, PanelType } from '../../src/protocol/incidentPanel';
import { applyTheme, DARK_MODERN, LIGHT_MODERN, panelMessages, panelState, useWebviewPage } from './panelFixture';
import { screenshot } from './workbench';

const DATA_LOSS: PanelType = {
  id: 'data-loss',
  title: 'Data loss',
  definition: 'Customer data deleted or unreadable',
  defined: true,
  fields: [
    { id: 'records-lost', title: 'Records lost', kind: 'number', required: true, public: false, defined: true, min: 0 },
    { id: 'region', title: 'Region', kind: 'choice', required: false, public: true, defined: true, choices: ['eu', 'us'], value: 'eu' },
    { id: 'noticed-on', title: 'Noticed on', kind: 'date', required: false, public: false, defined: true },
    { id: 'owner', title: 'Data owner', kind: 'person', required: true, public: false, defined: true, value: 'Sam Lee <sam@example.com>' },
    { id: 'ticket', title: 'Ticket', kind: 'url', required: false, public: false, defined: true, help: 'The support ticket that reported it' },
  ],
  questions: [{ id: 'backup-verified', text: 'Has the last backup been restored somewhere safe?' }],
};

function typedState(type: PanelType = DATA_LOSS, readOnly = false): PanelState {
  const state = panelState({ category: 'security' }, readOnly);
  state.view = { ...state.view, type };
  return state;
}

const withValue = (type: PanelType, id: string, value: string | undefined): PanelType => ({
  ...type,
  fields: type.fields.map((row) => (row.id === id ? { ...row, value } : row)),
});

describe("incident panel: a type's fields and questions in Chromium", function () {
  this.timeout(60_000);
  const web = useWebviewPage('/', { width: 1000, height: 800 });
  const { pushState, posted } = panelMessages(web);
  const sent = async (type: string) => (await posted()).filter((message) => message.type === type);
  const field = (id: string) => web.page.locator(`.type-fields [data-field="${id}"]`);

  it('shows each field with the editor its kind needs, the required empty one flagged, the type beside the id', async () => {
    await web.page.evaluate(applyTheme, DARK_MODERN);
    await pushState(typedState());
    assert.match(await web.page.locator('.incident-id').innerText(), /INC-1A2B3C4D · Data loss \(security\)$/);
    assert.equal(await web.page.locator('.incident-id').getAttribute('title'), 'Customer data deleted or unreadable');
    const kinds = await web.page
      .locator('.type-fields [data-field]')
      .evaluateAll((editors) => editors.map((editor) => `${editor.getAttribute('data-field')}:${editor.tagName.toLowerCase()}:${editor.getAttribute('type') ?? ''}`));
    assert.deepEqual(kinds, [
      'records-lost:vscode-textfield:number',
      'region:vscode-single-select:',
      'noticed-on:vscode-textfield:date',
      'owner:vscode-textfield:text',
      'ticket:vscode-textfield:url',
    ]);
    const flags = await web.page.locator('.type-fields dd').evaluateAll((rows) => rows.map((row) => row.querySelector('.required-flag')?.textContent ?? ''));
    assert.deepEqual(flags, ['Required: still empty', '', '', '', ''], 'only the required field without a value is flagged');
    assert.equal(await field('region').evaluate((select) => (select as HTMLSelectElement).value), 'eu');
    await screenshot(web.page, 'panel-type-fields');
    await web.page.evaluate(applyTheme, LIGHT_MODERN);
    await screenshot(web.page, 'panel-type-fields-light');
  });

  it('sends a value on Enter, puts the stored one back on Escape, and clears the flag once the store has it', async () => {
    await pushState(typedState());
    await field('records-lost').focus();
    await web.page.keyboard.type('12');
    await web.page.keyboard.press('Enter');
    assert.deepEqual(await sent('setField'), [{ type: 'setField', fieldId: 'records-lost', value: '12' }]);
    await field('owner').focus();
    await web.page.keyboard.press('Control+A');
    await web.page.keyboard.type('Someone else');
    await web.page.keyboard.press('Escape');
    assert.equal(await field('owner').evaluate((box) => (box as HTMLInputElement).value), 'Sam Lee <sam@example.com>');
    await web.page.keyboard.press('Tab');
    assert.equal((await sent('setField')).length, 1, 'Escape then leaving sends nothing');
    await pushState(typedState(withValue(DATA_LOSS, 'records-lost', '12')));
    assert.equal(await web.page.locator('.type-fields .required-flag').first().textContent(), '');
  });

  it('a choice is sent when picked; "(none)" clears it', async () => {
    await pushState(typedState());
    await field('region').evaluate((select) => {
      (select as HTMLSelectElement).value = 'us';
      select.dispatchEvent(new Event('change'));
    });
    await field('region').evaluate((select) => {
      (select as HTMLSelectElement).value = '';
      select.dispatchEvent(new Event('change'));
    });
    assert.deepEqual(await sent('setField'), [
      { type: 'setField', fieldId: 'region', value: 'us' },
      { type: 'setField', fieldId: 'region', value: '' },
    ]);
  });

  it('keeps every keystroke while the store changes under the field being typed in', async () => {
    await pushState(typedState());
    await field('ticket').focus();
    await web.page.keyboard.type('https://support.example.com/t/', { delay: 5 });
    // A teammate's change arrives mid-word, twice, including a new value of another field.
    await pushState(typedState(withValue(DATA_LOSS, 'records-lost', '40')));
    await web.page.keyboard.type('4711', { delay: 5 });
    await pushState(typedState(withValue(withValue(DATA_LOSS, 'records-lost', '40'), 'noticed-on', '2026-12-06')));
    assert.equal(await field('ticket').evaluate((box) => (box as HTMLInputElement).value), 'https://support.example.com/t/4711');
    assert.equal(await field('records-lost').evaluate((box) => (box as HTMLInputElement).value), '40', 'a field at rest shows the new value');
    await web.page.keyboard.press('Enter');
    assert.deepEqual(await sent('setField'), [{ type: 'setField', fieldId: 'ticket', value: 'https://support.example.com/t/4711' }]);
  });

  it("asks the type's questions in the Triage tab; ticking one sends the answer", async () => {
    await pushState(typedState());
    await web.page.locator('vscode-tab-header', { hasText: 'Triage' }).click();
    const question = web.page.locator('.type-questions vscode-checkbox[data-type-question="backup-verified"]');
    assert.equal(await web.page.locator('.type-questions h3').innerText(), 'Questions for Data loss');
    await question.focus();
    await web.page.keyboard.press('Space');
    assert.deepEqual(await sent('answerTypeQuestion'), [{ type: 'answerTypeQuestion', questionId: 'backup-verified', answered: true }]);
  });

  it("never offers the checklist's other category as a button for an incident with a type: it says so instead", async () => {
    const state = typedState();
    state.view = { ...state.view, verdict: { isIncident: true, text: '1 box ticked.', suggestedCategory: 'regression', suggestedSeverity: 'SEV1' } };
    await pushState(state);
    assert.equal(await web.page.locator('.apply-suggestion').count(), 0, "SEV1 is what it has; the category is the type's");
    assert.equal(await web.page.locator('.suggestion-kept').innerText(), 'The checklist suggests regression; as a Data loss it stays security.');
  });

  it('records when the impact began from the header: HH:MM before the declaration, a bad time said beside the field', async () => {
    await pushState(panelState());
    const started = web.page.locator('#impact-start');
    assert.equal(await web.page.locator('#impact-start-hint').innerText(), 'Unknown yet: time to detect needs it.');
    await started.focus();
    await web.page.keyboard.type('soon');
    await web.page.keyboard.press('Enter');
    assert.equal(await web.page.locator('#impact-start-hint').innerText(), 'A UTC time like 09:12, or 2026-12-07 09:12, no later than the declaration.');
    assert.deepEqual(await sent('setImpactStart'), []);
    await web.page.keyboard.press('Control+A');
    await web.page.keyboard.type('08:47');
    await web.page.keyboard.press('Enter');
    // The fixture was declared at 09:00 UTC on 2026-11-23.
    assert.deepEqual(await sent('setImpactStart'), [{ type: 'setImpactStart', startedAt: '2026-11-23T08:47:00.000Z' }]);
    await pushState(panelState({ startedAt: '2026-11-23T08:47:00.000Z' }));
    assert.equal(await started.evaluate((box) => (box as HTMLInputElement).value), '2026-11-23 08:47');
    assert.equal(await web.page.locator('#impact-start-hint').innerText(), '');
    await screenshot(web.page, 'panel-impact-start');
  });

  it('shows values without editors when read-only, or when the plan no longer defines the type', async () => {
    await pushState(typedState(DATA_LOSS, true));
    assert.equal(await web.page.locator('.type-fields [data-field]').count(), 0);
    assert.deepEqual(await web.page.locator('.type-fields .field-value').allInnerTexts(), ['—', 'eu', '—', 'Sam Lee <sam@example.com>', '—']);
    const dropped: PanelType = {
      id: 'old-kind',
      title: 'old-kind',
      defined: false,
      fields: [{ id: 'x', title: 'x', kind: 'text', value: 'kept', required: false, public: false, defined: false }],
      questions: [],
    };
    await pushState(typedState(dropped));
    assert.equal(await web.page.locator('.type-fields [data-field]').count(), 0);
    assert.deepEqual(await web.page.locator('.type-fields .field-value').allInnerTexts(), ['kept']);
    await pushState(panelState());
    assert.equal(await web.page.locator('.type-fields-section').isHidden(), true, 'an incident without a type has no fields block');
  });
});
