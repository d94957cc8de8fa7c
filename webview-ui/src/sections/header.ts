import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-icon/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import * as l10n from '@vscode/l10n';
import { ROLE_NAMES, SEVERITIES, STATUSES, type RoleName } from '../../../src/core/record/recordValues';
import type { Incident } from '../../../src/core/record/schema';
import type { PanelState, WebviewMessage } from '../../../src/protocol/incidentPanel';
import { append, h, icon } from '../dom';
import { FOCUS_KEY, focusWhenReady } from '../focusKeeper';

export type Send = (message: WebviewMessage) => void;

const ROLE_LABELS: Record<RoleName, string> = {
  commander: l10n.t('Commander'),
  admin: l10n.t('Admin'),
  scribe: l10n.t('Scribe'),
  communicator: l10n.t('Communicator'),
  patcher: l10n.t('Applies patches'),
  responder: l10n.t('Responders'),
};

function select(label: string, values: readonly string[], current: string, disabled: boolean, onChange: (value: string) => void): HTMLElement {
  const control = h(
    'vscode-single-select',
    { attrs: { 'aria-label': label, disabled, [FOCUS_KEY]: `picker:${label}` }, on: { change: (event) => onChange((event.target as HTMLSelectElement).value) } },
    ...values.map((value) => h('vscode-option', { attrs: { value, selected: value === current } }, value)),
  );
  return h('label', { class: 'field' }, h('span', { class: 'field-label' }, label), control);
}

function roleHolder(incident: Incident, role: RoleName): string {
  if (role === 'responder') return incident.roles.responders.length ? incident.roles.responders.join(', ') : l10n.t('none yet');
  return incident.roles[role] ?? l10n.t('unassigned');
}

/**
 * What the role button does, as its text and as its accessible name with the
 * role: responders are added; a held role is handed over (the commander) or changed.
 */
function roleAction(incident: Incident, role: RoleName): { text: string; name: string } {
  const label = ROLE_LABELS[role];
  if (role === 'responder') return { text: l10n.t('Add'), name: l10n.t('Add {0}', label) };
  if (!incident.roles[role]) return { text: l10n.t('Assign'), name: l10n.t('Assign {0}', label) };
  return role === 'commander' ? { text: l10n.t('Hand over'), name: l10n.t('Hand over {0}', label) } : { text: l10n.t('Change'), name: l10n.t('Change {0}', label) };
}

type ValueElement = HTMLElement & { value: string };

export interface HeaderSection {
  element: HTMLElement;
  update(state: PanelState): void;
}

/**
 * Id, editable title, severity and status pickers, SLA clocks, roles. The
 * title field survives a state push while it is open, so a store change
 * elsewhere does not throw away what is being typed.
 */
/** Ended incidents promise no next update: the header's *Post update* is for the ones still under way. */
const ENDED: readonly string[] = ['resolved', 'postmortem', 'closed'];

export function createHeader(send: Send, clocks: HTMLElement, postUpdate?: () => void): HeaderSection {
  // Separate slots, so a re-render never moves (and so blurs) an open title field.
  const idLine = h('div', { class: 'incident-id' });
  const titleSlot = h('div', { class: 'title-slot' });
  const rest = h('div', { class: 'header-rest' });
  const element = h('header', { class: 'incident-header' }, idLine, titleSlot, rest);
  let state: PanelState | undefined;
  let editing: ValueElement | undefined;

  const titleHeading = (incident: Incident, readOnly: boolean) => {
    const title = h(
      'h1',
      { class: 'title', attrs: { tabindex: readOnly ? undefined : '0', title: readOnly ? undefined : l10n.t('Click or press Enter to rename'), [FOCUS_KEY]: 'title' } },
      incident.title,
    );
    if (!readOnly) {
      title.addEventListener('click', () => startEditing(title));
      title.addEventListener('keydown', (event) => event.key === 'Enter' && (event.preventDefault(), startEditing(title)));
    }
    return title;
  };

  const startEditing = (title: HTMLElement) => {
    if (!state) return;
    const original = state.incident.title;
    const field = h('vscode-textfield', { class: 'title-field', attrs: { value: original, 'aria-label': l10n.t('Incident title'), [FOCUS_KEY]: 'title-field' } }) as ValueElement;
    // Enter, Escape and blur all end the edit; only the first of them counts (replacing the field blurs it).
    let ended = false;
    const end = (save: boolean) => {
      if (ended) return;
      ended = true;
      editing = undefined;
      const value = field.value.trim();
      if (save && value && value !== original) send({ type: 'setTitle', title: value });
      const heading = titleHeading(save && value ? { ...state!.incident, title: value } : state!.incident, state!.readOnly);
      const hadFocus = field.matches(':focus-within');
      field.replaceWith(heading);
      if (hadFocus) heading.focus();
    };
    field.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') end(true);
      else if (event.key === 'Escape') {
        // Escape would also close VS Code's find widget or the panel: it is ours here.
        event.stopPropagation();
        end(false);
      }
    });
    field.addEventListener('blur', () => end(true));
    editing = field;
    title.replaceWith(field);
    focusWhenReady(field);
  };

  const update = (next: PanelState) => {
    state = next;
    const { incident, readOnly } = next;
    const blocked = next.view.blockedStatuses;
    const roles = h(
      'dl',
      { class: 'roles' },
      ...ROLE_NAMES.flatMap((role) => [
        h('dt', {}, ROLE_LABELS[role]),
        h(
          'dd',
          {},
          h('span', { class: 'role-holder' }, roleHolder(incident, role)),
          !readOnly &&
            h(
              'vscode-button',
              {
                class: 'assign',
                attrs: { secondary: true, 'aria-label': roleAction(incident, role).name, [FOCUS_KEY]: `role:${role}` },
                on: { click: () => send({ type: 'assignRole', role }) },
              },
              roleAction(incident, role).text,
            ),
        ),
      ]),
    );
    // A drill says so before anything else, in words a screen reader reads too.
    const drillBadge = incident.drill === true && h('span', { class: 'drill-badge', attrs: { title: l10n.t('A practice, not a real incident') } }, l10n.t('Drill'));
    idLine.replaceChildren(
      ...(drillBadge ? [drillBadge, ' '] : []),
      icon(incident.drill === true ? 'beaker' : 'flame'),
      ' ',
      incident.id,
      ' · ',
      next.view.type ? `${next.view.type.title} (${incident.category})` : incident.category,
    );
    // The type's definition on hover: what the team means by it.
    idLine.title = next.view.type?.definition ?? '';
    if (!editing || readOnly) {
      editing = undefined;
      titleSlot.replaceChildren(titleHeading(incident, readOnly));
    }
    rest.replaceChildren();
    append(rest, [
      h(
        'div',
        { class: 'pickers' },
        select(l10n.t('Severity'), SEVERITIES, incident.severity, readOnly, (severity) => send({ type: 'setSeverity', severity: severity as Incident['severity'] })),
        select(
          l10n.t('Status'),
          STATUSES.filter((s) => s === incident.status || next.view.nextStatuses.includes(s)),
          incident.status,
          readOnly,
          (status) => send({ type: 'setStatus', status: status as Incident['status'] }),
        ),
      ),
      !readOnly && blocked.length > 0 && h('p', { class: 'hint status-hint' }, l10n.t('Not offered: {0}.', blocked.map((b) => `${b.status} (${b.reason})`).join('; '))),
      h(
        'div',
        { class: 'clock-row' },
        clocks,
        !readOnly &&
          postUpdate &&
          !ENDED.includes(incident.status) &&
          h('vscode-button', { class: 'post-update-now', attrs: { secondary: true, [FOCUS_KEY]: 'post-update-now' }, on: { click: postUpdate } }, l10n.t('Post update')),
      ),
      roles,
    ]);
  };
  return { element, update };
}
