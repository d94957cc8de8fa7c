import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import * as l10n from '@vscode/l10n';
import type { PanelState } from '../../../src/protocol/incidentPanel';
import { h, icon } from '../dom';
import { FOCUS_KEY, keepingFocus } from '../focusKeeper';
import { retrospectiveEvents } from '../panelModel';
import type { Send } from './header';
import { eventRow, fillList, type UiStore } from './timeline';

type ValueElement = HTMLElement & { value: string };

export interface RetrospectiveSection {
  element: HTMLElement;
  update(state: PanelState): void;
}

/**
 * The timeline as the review reads it: with "Highlights only" the starred key
 * moments, shown; else every event, folded away under one line (the Timeline
 * tab has them all), opened by a click or Enter. Stars can be set here too.
 */
function createReviewTimeline(ui: UiStore, send: Send): { element: HTMLElement; update(state: PanelState): void } {
  const list = h('ol', { class: 'review-timeline', attrs: { 'aria-label': l10n.t('Timeline under review') } });
  const only = h('button', {
    class: 'chip highlights-only',
    attrs: { type: 'button', [FOCUS_KEY]: 'highlights-only' },
    on: {
      click: () => {
        ui.set({ ...ui.get(), highlightsOnly: !ui.get().highlightsOnly });
        folded.open = ui.get().highlightsOnly;
        if (last) keepingFocus(() => update(last!));
      },
    },
  });
  const count = h('summary', { attrs: { [FOCUS_KEY]: 'review-timeline-fold' } });
  const folded = h('details', { class: 'review-timeline-fold' }, count, list) as HTMLDetailsElement;
  folded.open = ui.get().highlightsOnly;
  let last: PanelState | undefined;
  const update = (state: PanelState) => {
    last = state;
    const highlightsOnly = ui.get().highlightsOnly;
    const events = retrospectiveEvents(state.incident, highlightsOnly);
    const starred = highlightsOnly ? events.length : retrospectiveEvents(state.incident, true).length;
    only.setAttribute('aria-pressed', String(highlightsOnly));
    only.classList.toggle('off', !highlightsOnly);
    only.replaceChildren(icon('star-full'), ` ${l10n.t('Highlights only')} ${starred}`);
    count.textContent = highlightsOnly ? l10n.t('Key moments ({0})', events.length) : l10n.t('Every event ({0})', events.length);
    if (highlightsOnly && !events.length) {
      list.replaceChildren(h('li', { class: 'empty' }, l10n.t('No key moments starred yet: star the events that mattered, here or in the Timeline tab.')));
      return;
    }
    fillList(list, events, (event) => eventRow(event, state, send, 'retrospective'));
  };
  const element = h(
    'div',
    { class: 'review-timeline-section' },
    h('div', { class: 'filters', attrs: { role: 'group', 'aria-label': l10n.t('Filter the timeline') } }, only),
    folded,
  );
  return { element, update };
}

/** Summary, impact, the timeline (key moments), five whys, root cause, action items. Text is saved when a field loses focus. */
export function createRetrospective(ui: UiStore, send: Send): RetrospectiveSection {
  const reviewTimeline = createReviewTimeline(ui, send);
  const whys: ValueElement[] = Array.from(
    { length: 5 },
    (_, i) =>
      h('vscode-textarea', {
        class: 'why',
        attrs: { rows: '2', 'aria-label': l10n.t('Why {0}', i + 1), placeholder: i === 0 ? l10n.t('Why did the incident happen?') : l10n.t('Why {0}: and why was that?', i + 1) },
      }) as ValueElement,
  );
  const sendWhys = () => {
    const values = whys.map((w) => w.value.trim());
    while (values.length && !values[values.length - 1]) values.pop();
    send({ type: 'setWhys', whys: values });
  };
  whys.forEach((w) => w.addEventListener('change', sendWhys));
  // Summary and impact live in the record (not only in the exported file), so a re-export keeps them.
  const summary = h('vscode-textarea', {
    attrs: { rows: '3', 'aria-label': l10n.t('Summary'), placeholder: l10n.t('What happened, in two or three sentences for someone who was not there'), [FOCUS_KEY]: 'summary' },
  }) as ValueElement;
  summary.addEventListener('change', () => send({ type: 'setSummary', summary: summary.value.trim() }));
  const impact = h('vscode-textarea', {
    attrs: { rows: '3', 'aria-label': l10n.t('Impact'), placeholder: l10n.t('Who was affected, how, and for how long'), [FOCUS_KEY]: 'impact' },
  }) as ValueElement;
  impact.addEventListener('change', () => send({ type: 'setImpact', impact: impact.value.trim() }));
  const rootCause = h('vscode-textarea', {
    attrs: { rows: '3', 'aria-label': l10n.t('Root cause'), placeholder: l10n.t('The underlying cause, stated without blame') },
  }) as ValueElement;
  rootCause.addEventListener('change', () => send({ type: 'setRootCause', rootCause: rootCause.value.trim() }));
  const items = h('ul', { class: 'action-items', attrs: { 'aria-label': l10n.t('Action items') } });
  const title = h('vscode-textfield', { attrs: { placeholder: l10n.t('Action item'), 'aria-label': l10n.t('New action item') } }) as ValueElement;
  const owner = h('vscode-textfield', { attrs: { placeholder: l10n.t('Owner'), 'aria-label': l10n.t('Owner') } }) as ValueElement;
  const due = h('input', { attrs: { type: 'date', 'aria-label': l10n.t('Due date') } });
  const add = () => {
    if (!title.value.trim()) return;
    send({ type: 'addActionItem', title: title.value.trim(), ...(owner.value.trim() ? { owner: owner.value.trim() } : {}), ...(due.value ? { due: due.value } : {}) });
    title.value = '';
    owner.value = '';
    due.value = '';
  };
  const form = h('div', { class: 'row action-form' }, title, owner, due, h('vscode-button', { on: { click: add } }, l10n.t('Add')));
  const exportRow = h(
    'div',
    { class: 'actions export-row' },
    h('vscode-button', { on: { click: () => send({ type: 'exportPostmortem' }) } }, l10n.t('Export postmortem')),
    h(
      'span',
      { class: 'hint' },
      ' ',
      l10n.t('writes .incidents/postmortems/<id>.md, regenerated from this record on every export: only its Notes section is kept, so edit summary, impact and the rest here'),
    ),
  );
  const element = h(
    'section',
    { class: 'retrospective-section' },
    h('p', { class: 'hint' }, l10n.t('Blameless: describe how the system and the process let this happen, not who slipped.')),
    h('h2', {}, l10n.t('Summary')),
    summary,
    h('h2', {}, l10n.t('Impact')),
    impact,
    h('h2', {}, l10n.t('Timeline')),
    reviewTimeline.element,
    h('h2', {}, l10n.t('Five whys')),
    ...whys,
    h('h2', {}, l10n.t('Root cause')),
    rootCause,
    h('h2', {}, l10n.t('Action items')),
    items,
    form,
    exportRow,
  );
  return {
    element,
    update(state) {
      const retro = state.incident.retrospective;
      reviewTimeline.update(state);
      // Do not overwrite what the user is typing in the focused field.
      whys.forEach((w, i) => document.activeElement !== w && (w.value = retro.whys[i] ?? ''));
      if (document.activeElement !== rootCause) rootCause.value = retro.rootCause ?? '';
      if (document.activeElement !== summary) summary.value = state.incident.summary ?? '';
      if (document.activeElement !== impact) impact.value = state.incident.impact ?? '';
      [summary, impact, ...whys, rootCause].forEach((field) => field.toggleAttribute('disabled', state.readOnly));
      form.hidden = state.readOnly;
      exportRow.hidden = state.readOnly;
      items.replaceChildren(
        ...(retro.actionItems.length
          ? retro.actionItems.map((item) => {
              const box = h('vscode-checkbox', {
                attrs: { checked: item.status === 'done', disabled: state.readOnly, 'aria-label': l10n.t('Done: {0}', item.title), [FOCUS_KEY]: `action:${item.id}` },
                on: { change: (e) => send({ type: 'setActionItemStatus', id: item.id, status: (e.target as HTMLInputElement).checked ? 'done' : 'open' }) },
              });
              return h(
                'li',
                { class: `action-item status-${item.status}` },
                box,
                h('span', { class: 'action-title' }, item.title),
                h('span', { class: 'meta' }, [item.owner, item.due && l10n.t('due {0}', item.due), item.ticket].filter(Boolean).join(' · ')),
              );
            })
          : [h('li', { class: 'empty' }, l10n.t('No action items yet.'))]),
      );
    },
  };
}
