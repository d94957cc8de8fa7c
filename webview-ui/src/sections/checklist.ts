import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import type { PanelState } from '../../../src/protocol';
import { h } from '../dom';
import type { Send } from './header';
import { shortUtc } from '../../../src/core/time';

export interface ChecklistSection {
  element: HTMLElement;
  update(state: PanelState): void;
}

/** The CIA triage checklist and its verdict; each tick is sent to the host and lands in the timeline. */
export function createChecklist(send: Send): ChecklistSection {
  const list = h('ul', { class: 'checklist', attrs: { 'aria-label': 'Triage checklist' } });
  const verdict = h('p', { class: 'verdict', attrs: { role: 'status' } });
  const element = h(
    'section',
    { class: 'triage-section' },
    h('p', { class: 'hint' }, 'Confidentiality, integrity, availability: ticking any box means an incident is under way.'),
    list,
    verdict,
  );
  return {
    element,
    update(state) {
      const { checklist, verdict: result } = state.view;
      list.replaceChildren(
        ...checklist.map((item) => {
          const box = h('vscode-checkbox', {
            attrs: { checked: item.tick?.checked === true, disabled: state.readOnly, 'data-item': item.id, label: item.question },
            on: { change: (e) => send({ type: 'tickChecklist', item: item.id, checked: (e.target as HTMLInputElement).checked }) },
          });
          return h(
            'li',
            { class: item.emphasized ? 'emphasized' : undefined },
            box,
            h('div', {}, h('div', { class: 'hint' }, item.hint), item.tick && h('div', { class: 'tick-meta' }, `${item.tick.checked ? 'Ticked' : 'Unticked'} by ${item.tick.by} at ${shortUtc(item.tick.at)} UTC`)),
          );
        }),
      );
      verdict.textContent = result.text;
      verdict.className = `verdict${result.isIncident ? ' incident' : ''}`;
    },
  };
}
