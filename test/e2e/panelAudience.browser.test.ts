/// <reference lib="dom" />
/**
 * The status update's audience in the panel, in Chromium alone: a choice of
 * the plan's channels' audiences and the built-in ones, typed letters
 * completing to them; an audience the plan does not know is posted to only
 * after a second press; letters typed while the store changes all arrive.
 */
import * as assert from 'node:assert/strict';
import type { PanelState } from '../../src/protocol/incidentPanel';
import { applyTheme, DARK_MODERN, panelMessages, panelState, useWebviewPage } from './panelFixture';
import { screenshot } from './workbench';

const AUDIENCES = [
  { audience: 'responders', description: 'ops-slack · #incident-room' },
  { audience: 'customers', description: 'status-page · status.example.com' },
  { audience: 'stakeholders' },
  { audience: 'internal' },
  { audience: 'executives' },
];

function withAudiences(state: PanelState = panelState()): PanelState {
  return { ...state, view: { ...state.view, audiences: AUDIENCES } };
}

describe('incident panel: whom a status update is for, in Chromium', function () {
  this.timeout(60_000);
  const web = useWebviewPage('/', { width: 1000, height: 800 });
  const { pushState, posted } = panelMessages(web);
  const updatesSent = async () => (await posted()).filter((message) => message.type === 'postUpdate');
  const audienceInput = () => web.page.locator('#update-audience');
  const post = () => web.page.locator('.update-composer vscode-button', { hasText: 'Post update' }).click();

  beforeEach(async () => {
    await pushState(withAudiences());
    await web.page.locator('vscode-tab-header', { hasText: 'Status updates' }).click();
  });

  it("lists the plan's audiences with where they go, and completes typed letters to one of them", async () => {
    await web.page.evaluate(applyTheme, DARK_MODERN);
    const listed = await web.page.locator('datalist#update-audiences option').evaluateAll((options) => options.map((option) => option.getAttribute('value')));
    assert.deepEqual(listed, ['responders', 'customers', 'stakeholders', 'internal', 'executives']);
    await audienceInput().click();
    await audienceInput().fill('');
    await web.page.keyboard.type('cust');
    await screenshot(web.page, 'panel-audience-completion');
    await web.page.keyboard.press('Enter');
    assert.equal(await audienceInput().inputValue(), 'customers', 'Enter completed the letters');
    assert.equal(await web.page.locator('datalist#update-audiences option[value="responders"]').getAttribute('label'), 'ops-slack · #incident-room');
    await web.page.getByLabel('Message').fill('Card payments fail in the EU; we are rolling back.');
    await post();
    assert.deepEqual(
      (await updatesSent()).map((message) => message.type === 'postUpdate' && message.audience),
      ['customers'],
    );
  });

  it('asks before posting to an audience the plan does not know: the first press says so, the second posts', async () => {
    await web.page.evaluate(applyTheme, DARK_MODERN);
    await audienceInput().click();
    await audienceInput().fill('');
    // "sponders": letters lost from "responders" start none of the plan's audiences, so nothing completes it.
    await web.page.keyboard.type('sponders');
    await web.page.keyboard.press('Enter');
    assert.equal(await audienceInput().inputValue(), 'sponders');
    await web.page.getByLabel('Message').fill('Rolled back; watching the error rate.');
    await post();
    assert.deepEqual(await updatesSent(), []);
    assert.match(
      await web.page.locator('.field-error').innerText(),
      /^"sponders" is not an audience of the response plan \(responders, customers, .*\)\. Press Post update again to post to it anyway\.$/,
    );
    await screenshot(web.page, 'panel-audience-unknown');
    await post();
    assert.deepEqual(
      (await updatesSent()).map((message) => message.type === 'postUpdate' && message.audience),
      ['sponders'],
    );
  });

  it('lists the updates oldest first, as the timeline does, with the composer below the latest', async () => {
    const state = withAudiences(panelState());
    const update = (id: string, minute: number, text: string) => ({
      id,
      at: `2026-11-23T09:${String(minute).padStart(2, '0')}:00.000Z`,
      author: 'Dana Ortiz <dana@example.com>',
      audience: 'internal',
      text,
    });
    state.incident = { ...state.incident, updates: [update('u2', 20, 'Second: rolling back'), update('u1', 5, 'First: investigating'), update('u3', 40, 'Third: recovered')] };
    await pushState(state);
    assert.deepEqual(
      (await web.page.locator('li.status-update .event-text').allInnerTexts()).map((text) => text.split(':')[0]),
      ['First', 'Second', 'Third'],
    );
    const below = await web.page.evaluate(() => {
      const all = document.querySelectorAll('li.status-update');
      const last = all.item(all.length - 1);
      const composer = document.querySelector('.update-composer');
      return Boolean(last && composer && last.compareDocumentPosition(composer) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    assert.equal(below, true, 'the composer comes after the latest update');
  });

  it('loses no letter typed into the message while the store changes under it', async () => {
    const message = web.page.getByLabel('Message');
    await message.click();
    const words = 'Rolling back the 14:02 deploy; card payments recover in about ten minutes.'.split(' ');
    for (const [index, word] of words.entries()) {
      await web.page.keyboard.type(`${index ? ' ' : ''}${word}`, { delay: 3 });
      // A teammate's note arrives by sync after every word.
      await pushState(withAudiences(panelState({ title: `Checkout returns 500 (${index})` })));
    }
    assert.equal(await message.inputValue(), words.join(' '));
    assert.equal(await audienceInput().inputValue(), 'internal', 'the audience stays as chosen');
  });
});
