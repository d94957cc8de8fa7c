import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import * as l10n from '@vscode/l10n';
import { UPDATE_AUDIENCES } from '../../../src/core/record/recordValues';
import type { PanelState } from '../../../src/protocol/incidentPanel';
import { h } from '../dom';
import { focusWhenReady } from '../focusKeeper';
import { nextUtcTime } from '../panelModel';
import type { Send } from './header';
import type { UiStore } from './timeline';
import { shortUtc } from '../../../src/core/text/time';
import { otherDeliveries, updateDeliveries } from './deliveries';

export interface UpdatesSection {
  element: HTMLElement;
  update(state: PanelState): void;
  /** Puts the keyboard in the message field (the header's *Post update*). */
  focusMessage(): void;
}

type ValueElement = HTMLElement & { value: string };
type AudienceOption = { audience: string; description?: string };

/**
 * A field with a real <label for> (clicking it focuses the field). The
 * control's `label` property names the input inside its shadow root, which a
 * label outside cannot reach; that is what @vscode-elements' own label does.
 */
function labelled(id: string, label: string, control: ValueElement, hint?: string): HTMLElement {
  control.id = id;
  (control as ValueElement & { label: string }).label = label;
  if (hint) control.setAttribute('aria-describedby', `${id}-hint`);
  return h(
    'div',
    { class: 'field' },
    h('label', { class: 'field-label', attrs: { for: id } }, label),
    control,
    hint && h('span', { class: 'hint', attrs: { id: `${id}-hint` } }, hint),
  );
}

/** Posted status updates, oldest first like the timeline, and below them a composer with audience and next-update time. */
export function createUpdates(ui: UiStore, send: Send): UpdatesSection {
  const list = h('ol', { class: 'updates', attrs: { 'aria-label': l10n.t('Status updates') } });
  // The plan's audiences (its channels') and the built-in ones, offered as the field's suggestions; Enter completes
  // typed letters that start exactly one of them; another audience can be typed, and is confirmed when posting.
  const suggestions = h('datalist', { attrs: { id: 'update-audiences' } });
  const audience = h('input', { class: 'audience-input', attrs: { type: 'text', list: 'update-audiences', value: ui.get().updateAudience, autocomplete: 'off' } });
  let known: readonly AudienceOption[] = [];
  let knownKey = '';
  /** An audience the plan does not know, posted to only when Post update is pressed a second time for it. */
  let confirmed = '';
  const showAudiences = (options: readonly AudienceOption[]) => {
    const key = JSON.stringify(options);
    if (key === knownKey) return;
    knownKey = key;
    known = options;
    suggestions.replaceChildren(...options.map((option) => h('option', { attrs: { value: option.audience, label: option.description } })));
  };
  const complete = () => {
    const typed = audience.value.trim().toLowerCase();
    const starting = typed ? known.filter((option) => option.audience.toLowerCase().startsWith(typed)) : [];
    if (starting.length === 1 && audience.value !== starting[0].audience) {
      audience.value = starting[0].audience;
      ui.set({ ...ui.get(), updateAudience: audience.value });
    }
  };
  audience.addEventListener('keydown', (event) => event.key === 'Enter' && complete());
  const next = h('vscode-textfield', { class: 'next-update', attrs: { placeholder: l10n.t('HH:MM') } }) as ValueElement;
  const text = h('vscode-textarea', {
    attrs: { rows: '4', value: ui.get().updateDraft, placeholder: l10n.t('What is affected, what we are doing, when the next update comes') },
  }) as ValueElement;
  const problem = h('p', { class: 'field-error', attrs: { id: 'update-error', role: 'alert' } });
  problem.hidden = true;
  const refuse = (message: string, field: HTMLElement) => {
    problem.textContent = message;
    problem.hidden = false;
    field.setAttribute('aria-invalid', 'true');
    field.setAttribute('aria-errormessage', 'update-error');
    focusWhenReady(field);
  };
  const clearProblem = () => {
    problem.hidden = true;
    for (const field of [audience, next, text]) field.removeAttribute('aria-invalid');
  };
  audience.addEventListener('input', () => (clearProblem(), ui.set({ ...ui.get(), updateAudience: audience.value })));
  text.addEventListener('input', () => (clearProblem(), ui.set({ ...ui.get(), updateDraft: text.value })));
  next.addEventListener('input', clearProblem);
  const postUpdate = () => {
    if (!text.value.trim()) return refuse(l10n.t('Write the update before posting it.'), text);
    const to = audience.value.trim();
    if (!to) return refuse(l10n.t('Say who the update is for (internal, customers…).'), audience);
    if (!known.some((option) => option.audience.toLowerCase() === to.toLowerCase()) && confirmed !== to) {
      confirmed = to;
      const names = known.map((option) => option.audience).join(', ');
      return refuse(l10n.t('"{0}" is not an audience of the response plan ({1}). Press Post update again to post to it anyway.', to, names), audience);
    }
    const nextUpdateBy = next.value.trim() ? nextUtcTime(next.value, new Date()) : undefined;
    if (next.value.trim() && !nextUpdateBy) return refuse(l10n.t('Next update by: a 24-hour UTC time like 14:30.'), next);
    clearProblem();
    send({ type: 'postUpdate', audience: to, text: text.value.trim(), ...(nextUpdateBy ? { nextUpdateBy: nextUpdateBy.toISOString() } : {}) });
    text.value = '';
    next.value = '';
    ui.set({ ...ui.get(), updateDraft: '' });
  };
  const composer = h(
    'div',
    { class: 'update-composer' },
    h(
      'div',
      { class: 'row' },
      labelled('update-audience', l10n.t('Audience'), audience, l10n.t('A channel of the response plan, or type another')),
      suggestions,
      labelled('update-next', l10n.t('Next update by (UTC, 24-hour)'), next, l10n.t('Empty: the severity’s update interval')),
    ),
    labelled('update-text', l10n.t('Message'), text),
    problem,
    h(
      'div',
      { class: 'actions' },
      h('vscode-button', { on: { click: postUpdate } }, l10n.t('Post update')),
      h('vscode-button', { attrs: { secondary: true }, on: { click: () => send({ type: 'copyMessage', format: 'markdown' }) } }, l10n.t('Copy as Markdown')),
      h('vscode-button', { attrs: { secondary: true }, on: { click: () => send({ type: 'copyMessage', format: 'slack' }) } }, l10n.t('Copy for Slack')),
    ),
  );
  const others = h('div', { class: 'other-messages' });
  // Oldest first with the composer below, as the timeline reads: the latest update sits right above the next one.
  const element = h('section', { class: 'updates-section' }, others, list, composer);
  return {
    element,
    focusMessage: () => focusWhenReady(text),
    update(state) {
      composer.hidden = state.readOnly;
      showAudiences(state.view.audiences ?? UPDATE_AUDIENCES.map((name) => ({ audience: name })));
      others.replaceChildren(...[otherDeliveries(state, send)].filter((part) => part !== null));
      const updates = [...state.incident.updates].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
      list.replaceChildren(
        ...(updates.length
          ? updates.map((u) =>
              h(
                'li',
                { class: 'status-update' },
                h('div', { class: 'event-meta' }, l10n.t('{0} UTC · {1} · to {2}', shortUtc(u.at), u.author, u.audience)),
                h('div', { class: 'event-text' }, u.text),
                u.nextUpdateBy ? h('div', { class: 'next' }, l10n.t('Next update by {0} UTC', shortUtc(u.nextUpdateBy))) : null,
                updateDeliveries(state, u.id, send),
              ),
            )
          : [h('li', { class: 'empty' }, l10n.t('No status updates posted yet.'))]),
      );
    },
  };
}
