import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import * as l10n from '@vscode/l10n';
import type { PanelState, PanelType } from '../../../src/protocol/incidentPanel';
import { h } from '../dom';
import { FOCUS_KEY } from '../focusKeeper';
import type { Send } from './header';
import { shortUtc } from '../../../src/core/text/time';
import { KeptEdit, type Editor } from '../keptEdit';

type FieldRow = PanelType['fields'][number];

/** The input type of a field's text box; a choice gets a drop-down instead. */
const INPUT_TYPES: Record<Exclude<FieldRow['kind'], 'choice'>, string> = { text: 'text', number: 'number', date: 'date', person: 'text', url: 'url' };
const PLACEHOLDERS: Partial<Record<FieldRow['kind'], string>> = { person: l10n.t('Name <email>'), url: 'https://', date: 'YYYY-MM-DD' };

/** What decides the editors' shape; while it stays the same, a new state only refreshes values, so nothing typed is lost. */
const shapeOf = (type: PanelType | undefined, readOnly: boolean) =>
  JSON.stringify([
    readOnly,
    type?.id,
    type?.defined,
    // A value without an editor is plain text: part of the shape, so a new value shows.
    type?.fields.map((row) => [row.id, row.kind, row.defined, row.choices, row.min, row.max, row.required, readOnly || !row.defined || !type.defined ? row.value : 0]),
  ]);

/**
 * The incident type's fields in the header, each with the editor its kind
 * needs, a required one flagged until it has a value. A value is sent when
 * the editor commits (Enter, leaving it, a choice picked); Escape puts the
 * stored value back; the host checks it and refuses with one line. A store
 * change while someone types leaves their editor alone.
 */
export function createTypeFields(send: Send): { element: HTMLElement; questions: HTMLElement; update(state: PanelState): void } {
  const list = h('dl', { class: 'type-fields' });
  const element = h('section', { class: 'type-fields-section' }, list);
  const questions = h('section', { class: 'type-questions' });
  const editors = new Map<string, { kept: KeptEdit; flag: HTMLElement }>();
  let shape = '';

  const editorFor = (row: FieldRow): Editor => {
    const common = { 'aria-label': row.title, 'aria-required': String(row.required), [FOCUS_KEY]: `field:${row.id}`, 'data-field': row.id };
    const commit = (editor: Editor) => {
      const known = editors.get(row.id);
      if (!known?.kept.changed()) return;
      known.kept.markSent();
      send({ type: 'setField', fieldId: row.id, value: editor.value });
    };
    if (row.kind === 'choice') {
      const select = h(
        'vscode-single-select',
        { attrs: common, on: { change: (event) => commit(event.target as Editor) } },
        h('vscode-option', { attrs: { value: '', selected: row.value === undefined } }, l10n.t('(none)')),
        ...(row.choices ?? []).map((choice) => h('vscode-option', { attrs: { value: choice, selected: choice === row.value } }, choice)),
      );
      return select as Editor;
    }
    const box = h('vscode-textfield', {
      attrs: {
        ...common,
        type: INPUT_TYPES[row.kind],
        value: row.value ?? '',
        placeholder: PLACEHOLDERS[row.kind],
        min: row.min === undefined ? undefined : String(row.min),
        max: row.max === undefined ? undefined : String(row.max),
      },
      on: {
        change: (event) => commit(event.target as Editor),
        keydown: (event) => {
          if ((event as KeyboardEvent).key !== 'Escape') return;
          // Escape is the field's here, not VS Code's: the stored value comes back.
          event.stopPropagation();
          editors.get(row.id)?.kept.restore();
        },
      },
    }) as Editor;
    return box;
  };

  const flagText = (row: FieldRow) => (row.required && row.value === undefined ? l10n.t('Required: still empty') : '');

  const rebuild = (type: PanelType, readOnly: boolean) => {
    editors.clear();
    list.setAttribute('aria-label', l10n.t('Fields of {0}', type.title));
    list.replaceChildren(
      ...type.fields.flatMap((row) => {
        const flag = h('span', { class: 'required-flag' }, flagText(row));
        const editable = !readOnly && row.defined && type.defined;
        const editor = editable ? editorFor(row) : undefined;
        if (editor) editors.set(row.id, { kept: new KeptEdit(editor, row.value ?? ''), flag });
        return [
          h('dt', { class: row.required ? 'required' : undefined }, row.title, row.public ? h('span', { class: 'hint' }, ` · ${l10n.t('public')}`) : null),
          h('dd', {}, editor ?? h('span', { class: 'field-value' }, row.value ?? '—'), flag, row.help ? h('div', { class: 'hint' }, row.help) : null),
        ];
      }),
    );
  };

  const refresh = (type: PanelType) => {
    for (const row of type.fields) {
      const known = editors.get(row.id);
      if (!known) continue;
      // Someone typing here keeps their text; an editor at rest shows the store's value.
      known.kept.show(row.value ?? '');
      known.flag.textContent = flagText(row);
    }
  };

  const renderQuestions = (type: PanelType | undefined, readOnly: boolean) => {
    if (!type?.questions.length) return questions.replaceChildren();
    questions.replaceChildren(
      h('h3', {}, l10n.t('Questions for {0}', type.title)),
      h(
        'ul',
        { class: 'checklist', attrs: { 'aria-label': l10n.t('Questions for {0}', type.title) } },
        ...type.questions.map((question) =>
          h(
            'li',
            {},
            h('vscode-checkbox', {
              attrs: {
                checked: question.answered !== undefined,
                disabled: readOnly || !type.defined,
                label: question.text,
                'data-type-question': question.id,
                [FOCUS_KEY]: `type-question:${question.id}`,
              },
              on: { change: (event) => send({ type: 'answerTypeQuestion', questionId: question.id, answered: (event.target as HTMLInputElement).checked }) },
            }),
            question.answered && h('div', { class: 'tick-meta' }, l10n.t('Answered by {0} at {1} UTC', question.answered.by, shortUtc(question.answered.at))),
          ),
        ),
      ),
    );
  };

  return {
    element,
    questions,
    update(state) {
      const type = state.view.type;
      element.hidden = !type?.fields.length;
      renderQuestions(type, state.readOnly);
      const next = shapeOf(type, state.readOnly);
      if (!type) {
        list.replaceChildren();
        editors.clear();
      } else if (next !== shape) rebuild(type, state.readOnly);
      else refresh(type);
      shape = next;
    },
  };
}
