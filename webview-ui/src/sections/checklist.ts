import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import * as l10n from '@vscode/l10n';
import type { PanelState } from '../../../src/protocol/incidentPanel';
import { h } from '../dom';
import { FOCUS_KEY } from '../focusKeeper';
import type { Send } from './header';
import { shortUtc } from '../../../src/core/text/time';

export interface ChecklistSection {
  element: HTMLElement;
  update(state: PanelState): void;
}

/**
 * The suggestion as one button, when it differs from what the incident says
 * now; never a lower severity than a person chose (SEV1 is the highest): that
 * part is said beside it instead.
 */
function applySuggestion(state: PanelState, send: Send): HTMLElement | null {
  const { suggestedSeverity, suggestedCategory } = state.view.verdict;
  const { severity, category } = state.incident;
  // A type decides its incident's category: the suggestion is then said, not offered as a button.
  const typed = state.view.type;
  const newCategory = suggestedCategory && suggestedCategory !== category && !typed ? suggestedCategory : undefined;
  const lower = suggestedSeverity !== undefined && suggestedSeverity > severity;
  const newSeverity = suggestedSeverity && suggestedSeverity !== severity && !lower ? suggestedSeverity : undefined;
  if (state.readOnly) return null;
  const keptLines = [
    lower && l10n.t('The checklist suggests {0}; {1} stays, as chosen.', String(suggestedSeverity), severity),
    typed && suggestedCategory && suggestedCategory !== category && l10n.t('The checklist suggests {0}; as a {1} it stays {2}.', suggestedCategory, typed.title, category),
  ].filter((line): line is string => Boolean(line));
  const kept = keptLines.length ? h('p', { class: 'hint suggestion-kept' }, keptLines.join(' ')) : null;
  if (!newCategory && !newSeverity) return kept;
  const apply = () => {
    // Category first: the checklist's questions follow it.
    if (newCategory) send({ type: 'setCategory', category: newCategory });
    if (newSeverity) send({ type: 'setSeverity', severity: newSeverity });
  };
  const label = newCategory && newSeverity ? l10n.t('Apply {0}, {1}', newSeverity, newCategory) : l10n.t('Apply {0}', String(newSeverity ?? newCategory));
  return h('div', { class: 'suggestion' }, h('vscode-button', { class: 'apply-suggestion', attrs: { [FOCUS_KEY]: 'apply-suggestion' }, on: { click: apply } }, label), kept);
}

/** Who ticked or unticked the box, and when (two whole sentences for the translators). */
function tickMeta(tick: NonNullable<PanelState['view']['checklist'][number]['tick']>): string {
  const at = shortUtc(tick.at);
  return tick.checked ? l10n.t('Ticked by {0} at {1} UTC', tick.by, at) : l10n.t('Unticked by {0} at {1} UTC', tick.by, at);
}

const GROUP_TITLES: Record<string, string> = {
  confidentiality: l10n.t('Confidentiality'),
  integrity: l10n.t('Integrity'),
  availability: l10n.t('Availability'),
};

/** One CIA group of the plan's questions, with the group's box as stores from before the plan ticked it. */
function triageGroup(group: NonNullable<PanelState['view']['triage']>[number], readOnly: boolean, send: Send): HTMLElement {
  return h(
    'li',
    { class: 'triage-group' },
    h('h3', {}, GROUP_TITLES[group.group] ?? group.group),
    // The box alone (a store from before the plan): say who ticked it; with questions ticked, their own lines say it.
    group.box?.checked && !group.questions.some((question) => question.tick) ? h('div', { class: 'tick-meta' }, tickMeta(group.box)) : null,
    h(
      'ul',
      { class: 'checklist', attrs: { 'aria-label': GROUP_TITLES[group.group] ?? group.group } },
      ...group.questions.map((question) =>
        h(
          'li',
          {},
          h('vscode-checkbox', {
            attrs: { checked: question.tick?.checked === true, disabled: readOnly, 'data-question': question.id, label: question.text, [FOCUS_KEY]: `triage:${question.id}` },
            on: { change: (e) => send({ type: 'tickTriage', questionId: question.id, checked: (e.target as HTMLInputElement).checked }) },
          }),
          h(
            'div',
            {},
            question.suggestion ? h('div', { class: 'hint' }, l10n.t('suggests {0}', question.suggestion)) : null,
            question.tick && h('div', { class: 'tick-meta' }, tickMeta(question.tick)),
          ),
        ),
      ),
    ),
  );
}

/** The CIA triage checklist and its verdict; each tick is sent to the host and lands in the timeline. */
export function createChecklist(send: Send): ChecklistSection {
  const list = h('ul', { class: 'checklist', attrs: { 'aria-label': l10n.t('Triage checklist') } });
  const verdictText = h('span', {});
  const verdictAction = h('span', { class: 'verdict-action' });
  const verdict = h('div', { class: 'verdict', attrs: { role: 'status' } }, verdictText, verdictAction);
  const element = h(
    'section',
    { class: 'triage-section' },
    h('p', { class: 'hint' }, l10n.t('Confidentiality, integrity, availability: ticking any box means an incident is under way.')),
    list,
    verdict,
  );
  return {
    element,
    update(state) {
      const { checklist, verdict: result, triage } = state.view;
      if (triage) {
        list.replaceChildren(...triage.map((group) => triageGroup(group, state.readOnly, send)));
        verdictText.textContent = result.text;
        verdictAction.replaceChildren(applySuggestion(state, send) ?? '');
        verdict.className = `verdict${result.isIncident ? ' incident' : ''}`;
        return;
      }
      list.replaceChildren(
        ...checklist.map((item) => {
          const box = h('vscode-checkbox', {
            attrs: { checked: item.tick?.checked === true, disabled: state.readOnly, 'data-item': item.id, label: item.question, [FOCUS_KEY]: `check:${item.id}` },
            on: { change: (e) => send({ type: 'tickChecklist', item: item.id, checked: (e.target as HTMLInputElement).checked }) },
          });
          return h(
            'li',
            { class: item.emphasized ? 'emphasized' : undefined },
            box,
            h('div', {}, h('div', { class: 'hint' }, item.hint), item.tick && h('div', { class: 'tick-meta' }, tickMeta(item.tick))),
          );
        }),
      );
      verdictText.textContent = result.text;
      verdictAction.replaceChildren(applySuggestion(state, send) ?? '');
      verdict.className = `verdict${result.isIncident ? ' incident' : ''}`;
    },
  };
}
