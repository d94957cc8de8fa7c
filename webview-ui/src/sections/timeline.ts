import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import * as l10n from '@vscode/l10n';
import { EVENT_KINDS, NOTE_KINDS, type NoteKind } from '../../../src/core/record/recordValues';
import type { TimelineEvent } from '../../../src/core/record/schema';
import type { PanelState } from '../../../src/protocol/incidentPanel';
import { isHighlighted } from '../../../src/core/lifecycle/highlights';
import { shortUtc } from '../../../src/core/text/time';
import { h, icon } from '../dom';
import { FOCUS_KEY, keepingFocus } from '../focusKeeper';
import { ROVING, rovingFocus, settleRoving } from '../rovingFocus';
import { countByKind, EVENT_ICONS, renderSlices, toggleKind, visibleEvents, type PanelUiState } from '../panelModel';
import type { Send } from './header';

export interface UiStore {
  get(): PanelUiState;
  set(next: PanelUiState): void;
}

const when = (iso: string) => `${shortUtc(new Date(iso).toISOString())} UTC`;

/** Where a row is shown: the star keeps focus in its own list when the host re-sends the state. */
type RowPlace = 'timeline' | 'retrospective';

/** The star toggle of one event: a real button whose pressed state is the star (src/core/lifecycle/highlights.ts). */
function starButton(event: TimelineEvent, starred: boolean, send: Send, readOnly: boolean, place: RowPlace): HTMLElement {
  const about = event.text.length > 60 ? `${event.text.slice(0, 59)}…` : event.text;
  return h(
    'button',
    {
      class: `star${starred ? ' on' : ''}`,
      attrs: {
        type: 'button',
        'aria-pressed': String(starred),
        'aria-label': l10n.t('Key moment: {0}', about),
        title: starred ? l10n.t('A key moment: listed first in the postmortem. Click to unstar.') : l10n.t('Star as a key moment: listed first in the postmortem'),
        disabled: readOnly,
        [FOCUS_KEY]: `star:${place}:${event.id}`,
        // The list's stars and links are one Tab stop: the arrow keys move between them (rovingFocus.ts).
        [ROVING]: true,
      },
      on: { click: () => send({ type: 'setHighlight', eventId: event.id, on: !starred }) },
    },
    icon(starred ? 'star-full' : 'star-empty'),
  );
}

/** A teammate's entry this reader has not seen before this visit (src/ui/newEntries.ts). */
function newBadge(): HTMLElement {
  const label = l10n.t('New since you last looked');
  return h('span', { class: 'new-badge', attrs: { role: 'img', 'aria-label': label, title: label } }, l10n.t('new'));
}

/** One event: kind icon, time, who, kind, text (an evidence event links to its place), and its star. */
export function eventRow(event: TimelineEvent, state: PanelState, send: Send, place: RowPlace): HTMLElement {
  const evidence = event.kind === 'evidence' && typeof event.data?.file === 'string';
  const body = evidence
    ? h(
        'a',
        {
          class: 'evidence-link',
          attrs: { href: '#', title: l10n.t('Open this place in the editor'), [FOCUS_KEY]: `evidence:${place}:${event.id}`, [ROVING]: true },
          on: { click: (e) => (e.preventDefault(), send({ type: 'openEvidence', eventId: event.id })) },
        },
        `${String(event.data?.file)}${typeof event.data?.startLine === 'number' ? `:${event.data.startLine}` : ''}`,
      )
    : null;
  const starred = isHighlighted(state.incident, event.id);
  const fresh = state.newEventIds?.includes(event.id) ?? false;
  return h(
    'li',
    { class: `event kind-${event.kind}${starred ? ' starred' : ''}${fresh ? ' new' : ''}`, attrs: { 'data-event-id': event.id } },
    h('span', { class: 'event-icon' }, icon(EVENT_ICONS[event.kind], event.kind)),
    h(
      'div',
      { class: 'event-body' },
      h('div', { class: 'event-meta' }, fresh && newBadge(), h('time', { attrs: { datetime: event.at } }, when(event.at)), ' · ', event.author, ' · ', event.kind),
      h('div', { class: 'event-text' }, event.text),
      body,
    ),
    starButton(event, starred, send, state.readOnly, place),
  );
}

/** Renders the first slice now and the rest on later frames, so 2,000 events do not block the first paint. */
export function fillList(list: HTMLElement, events: TimelineEvent[], row: (event: TimelineEvent) => HTMLElement): void {
  rovingFocus(list);
  list.replaceChildren();
  const token = Symbol('render');
  (list as HTMLElement & { renderToken?: symbol }).renderToken = token;
  const slices = renderSlices(events.length);
  const renderSlice = (index: number) => {
    if ((list as HTMLElement & { renderToken?: symbol }).renderToken !== token || index >= slices.length) {
      if (index >= slices.length) list.setAttribute('data-rendered', String(events.length));
      return;
    }
    const [start, end] = slices[index];
    const fragment = document.createDocumentFragment();
    for (const event of events.slice(start, end)) fragment.appendChild(row(event));
    list.appendChild(fragment);
    settleRoving(list);
    requestAnimationFrame(() => renderSlice(index + 1));
  };
  list.removeAttribute('data-rendered');
  renderSlice(0);
}

export interface TimelineSection {
  element: HTMLElement;
  update(state: PanelState): void;
}

/** Filter chips, the event list and the composer (Ctrl+Enter sends). */
export function createTimeline(ui: UiStore, send: Send): TimelineSection {
  // A toolbar: one Tab stop, the arrow keys move between the kinds (rovingFocus.ts).
  const filters = h('div', { class: 'filters', attrs: { role: 'toolbar', 'aria-label': l10n.t('Show event kinds') } });
  const list = h('ol', { class: 'timeline', attrs: { 'aria-label': l10n.t('Timeline'), 'aria-description': l10n.t('Arrow keys move between the stars') } });
  const fresh = h('p', { class: 'new-summary', attrs: { role: 'status' } });
  const kind = h(
    'vscode-single-select',
    { attrs: { 'aria-label': l10n.t('Kind of entry') }, on: { change: (e) => ui.set({ ...ui.get(), composerKind: (e.target as HTMLSelectElement).value as NoteKind }) } },
    ...NOTE_KINDS.map((k) => h('vscode-option', { attrs: { value: k, selected: k === ui.get().composerKind } }, k)),
  );
  const draft = h('vscode-textarea', {
    class: 'composer-text',
    attrs: {
      rows: '3',
      placeholder: l10n.t('What happened, what was decided, what to do next… (Ctrl+Enter to add)'),
      'aria-label': l10n.t('New timeline entry'),
      value: ui.get().composerDraft,
    },
  }) as HTMLElement & { value: string };
  const submit = () => {
    const text = draft.value.trim();
    if (!text) return;
    send({ type: 'addEvent', kind: ui.get().composerKind, text });
    draft.value = '';
    ui.set({ ...ui.get(), composerDraft: '' });
  };
  draft.addEventListener('input', () => ui.set({ ...ui.get(), composerDraft: draft.value }));
  draft.addEventListener('keydown', (event) => {
    const key = event as KeyboardEvent;
    if (key.key === 'Enter' && (key.ctrlKey || key.metaKey)) {
      key.preventDefault();
      submit();
    }
  });
  const composer = h('div', { class: 'composer' }, kind, draft, h('vscode-button', { class: 'composer-add', on: { click: submit } }, l10n.t('Add to timeline')));
  const element = h('section', { class: 'timeline-section' }, filters, fresh, list, composer);
  let last: PanelState | undefined;

  const update = (state: PanelState) => {
    last = state;
    composer.hidden = state.readOnly;
    const counts = countByKind(state.incident.timeline);
    const hidden = ui.get().hiddenKinds;
    filters.replaceChildren(
      ...EVENT_KINDS.filter((k) => counts.has(k)).map((k) =>
        h(
          'button',
          {
            class: `chip${hidden.includes(k) ? ' off' : ''}`,
            attrs: { 'aria-pressed': String(!hidden.includes(k)), 'data-kind': k, [FOCUS_KEY]: `chip:${k}`, [ROVING]: true },
            on: { click: () => (ui.set(toggleKind(ui.get(), k)), last && keepingFocus(() => update(last!))) },
          },
          icon(EVENT_ICONS[k]),
          ` ${k} ${counts.get(k)}`,
        ),
      ),
    );
    rovingFocus(filters);
    settleRoving(filters);
    const count = state.newEventIds?.length ?? 0;
    fresh.hidden = count === 0;
    fresh.textContent = count ? l10n.t('{0} new since you last looked, marked "new"', count) : '';
    fillList(list, visibleEvents(state.incident.timeline, hidden), (event) => eventRow(event, state, send, 'timeline'));
  };
  return { element, update };
}
