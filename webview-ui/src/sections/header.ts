import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-icon/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import { ROLE_NAMES, SEVERITIES, STATUSES, type Incident, type RoleName } from '../../../src/core/schema';
import type { PanelState, WebviewMessage } from '../../../src/protocol';
import { h, icon } from '../dom';

export type Send = (message: WebviewMessage) => void;

const ROLE_LABELS: Record<RoleName, string> = {
  commander: 'Commander',
  admin: 'Admin',
  scribe: 'Scribe',
  communicator: 'Communicator',
  patcher: 'Applies patches',
  responder: 'Responders',
};

function select(label: string, values: readonly string[], current: string, disabled: boolean, onChange: (value: string) => void): HTMLElement {
  const control = h(
    'vscode-single-select',
    { attrs: { 'aria-label': label, disabled }, on: { change: (event) => onChange((event.target as HTMLSelectElement).value) } },
    ...values.map((value) => h('vscode-option', { attrs: { value, selected: value === current } }, value)),
  );
  return h('label', { class: 'field' }, h('span', { class: 'field-label' }, label), control);
}

function roleHolder(incident: Incident, role: RoleName): string {
  if (role === 'responder') return incident.roles.responders.length ? incident.roles.responders.join(', ') : 'none yet';
  return incident.roles[role] ?? 'unassigned';
}

/** Id, editable title, severity and status pickers, SLA clocks, roles. */
export function renderHeader(state: PanelState, send: Send, clocks: HTMLElement): HTMLElement {
  const { incident, readOnly } = state;
  const title = h('h1', { class: 'title', attrs: { tabindex: readOnly ? undefined : '0', title: readOnly ? undefined : 'Click to rename' } }, incident.title);
  if (!readOnly) {
    const edit = () => {
      const field = h('vscode-textfield', { class: 'title-field', attrs: { value: incident.title, 'aria-label': 'Incident title' } });
      const commit = () => {
        const value = field.value.trim();
        if (value && value !== incident.title) send({ type: 'setTitle', title: value });
        field.replaceWith(title);
      };
      field.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') commit();
        if (event.key === 'Escape') field.replaceWith(title);
      });
      field.addEventListener('blur', commit);
      title.replaceWith(field);
      field.focus();
    };
    title.addEventListener('click', edit);
    title.addEventListener('keydown', (event) => event.key === 'Enter' && edit());
  }
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
            { class: 'assign', attrs: { secondary: true, 'aria-label': `Assign ${ROLE_LABELS[role]}` }, on: { click: () => send({ type: 'assignRole', role }) } },
            role === 'responder' ? 'Add' : 'Assign',
          ),
      ),
    ]),
  );
  return h(
    'header',
    { class: 'incident-header' },
    h('div', { class: 'incident-id' }, icon('flame'), ' ', incident.id, ' · ', incident.category),
    title,
    h(
      'div',
      { class: 'pickers' },
      select('Severity', SEVERITIES, incident.severity, readOnly, (severity) => send({ type: 'setSeverity', severity: severity as Incident['severity'] })),
      select('Status', STATUSES.filter((s) => s === incident.status || state.view.nextStatuses.includes(s)), incident.status, readOnly, (status) => send({ type: 'setStatus', status: status as Incident['status'] })),
    ),
    clocks,
    roles,
  );
}
