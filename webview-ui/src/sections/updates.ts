import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { PanelState } from '../../../src/protocol';
import { h } from '../dom';
import type { Send } from './header';
import type { UiStore } from './timeline';
import { shortUtc } from '../../../src/core/time';

export interface UpdatesSection {
  element: HTMLElement;
  update(state: PanelState): void;
}

/** Posted status updates, newest first, and a composer with audience and next-update time. */
export function createUpdates(ui: UiStore, send: Send): UpdatesSection {
  const list = h('ol', { class: 'updates', attrs: { 'aria-label': 'Status updates' } });
  const audience = h('vscode-textfield', { attrs: { value: ui.get().updateAudience, 'aria-label': 'Audience', placeholder: 'internal, customers, leadership…' } }) as HTMLElement & { value: string };
  const next = h('input', { class: 'next-update', attrs: { type: 'datetime-local', 'aria-label': 'Next update by (optional; default from severity)' } });
  const text = h('vscode-textarea', { attrs: { rows: '4', value: ui.get().updateDraft, 'aria-label': 'Status update', placeholder: 'What is affected, what we are doing, when the next update comes' } }) as HTMLElement & { value: string };
  audience.addEventListener('input', () => ui.set({ ...ui.get(), updateAudience: audience.value }));
  text.addEventListener('input', () => ui.set({ ...ui.get(), updateDraft: text.value }));
  const postUpdate = () => {
    if (!text.value.trim() || !audience.value.trim()) return;
    const nextUpdateBy = next.value ? new Date(next.value).toISOString() : undefined;
    send({ type: 'postUpdate', audience: audience.value.trim(), text: text.value.trim(), ...(nextUpdateBy ? { nextUpdateBy } : {}) });
    text.value = '';
    ui.set({ ...ui.get(), updateDraft: '' });
  };
  const composer = h(
    'div',
    { class: 'update-composer' },
    h('div', { class: 'row' }, audience, h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Next update by'), next)),
    text,
    h(
      'div',
      { class: 'actions' },
      h('vscode-button', { on: { click: postUpdate } }, 'Post update'),
      h('vscode-button', { attrs: { secondary: true }, on: { click: () => send({ type: 'copyMessage', format: 'markdown' }) } }, 'Copy as Markdown'),
      h('vscode-button', { attrs: { secondary: true }, on: { click: () => send({ type: 'copyMessage', format: 'slack' }) } }, 'Copy for Slack'),
    ),
  );
  const element = h('section', { class: 'updates-section' }, composer, list);
  return {
    element,
    update(state) {
      composer.hidden = state.readOnly;
      const updates = [...state.incident.updates].sort((a, b) => (a.at < b.at ? 1 : -1));
      list.replaceChildren(
        ...(updates.length
          ? updates.map((u) =>
              h(
                'li',
                { class: 'status-update' },
                h('div', { class: 'event-meta' }, `${shortUtc(u.at)} UTC · ${u.author} · to ${u.audience}`),
                h('div', { class: 'event-text' }, u.text),
                u.nextUpdateBy ? h('div', { class: 'next' }, `Next update by ${shortUtc(u.nextUpdateBy)} UTC`) : null,
              ),
            )
          : [h('li', { class: 'empty' }, 'No status updates posted yet.')]),
      );
    },
  };
}
