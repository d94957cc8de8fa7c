import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import * as l10n from '@vscode/l10n';
import type { PanelState } from '../../../src/protocol/incidentPanel';
import { h } from '../dom';
import { FOCUS_KEY } from '../focusKeeper';
import { KeptEdit, type Editor } from '../keptEdit';
import { pastUtcTime } from '../panelModel';
import type { Send } from './header';

/** An ISO time as the field shows it: "2026-12-07 09:12", UTC. */
const shown = (iso: string | undefined) => (iso ? iso.slice(0, 16).replace('T', ' ') : '');

/**
 * When the impact began, in the header: time to detect runs from it, and the
 * suspects are the deploys before it. Typed as "HH:MM" (the latest such UTC
 * time at or before the declaration) or "YYYY-MM-DD HH:MM"; Enter or leaving
 * the field saves, Escape puts the stored time back. A store change while
 * someone types leaves the field alone.
 */
export function createImpactStart(send: Send): { element: HTMLElement; update(state: PanelState): void } {
  const field = h('vscode-textfield', {
    class: 'impact-start',
    attrs: { id: 'impact-start', placeholder: l10n.t('HH:MM or YYYY-MM-DD HH:MM'), 'aria-describedby': 'impact-start-hint', [FOCUS_KEY]: 'impact-start' },
  }) as Editor;
  (field as Editor & { label: string }).label = l10n.t('Impact began (UTC)');
  const hint = h('span', { class: 'hint', attrs: { id: 'impact-start-hint' } });
  const element = h('div', { class: 'impact-start-row' }, h('label', { class: 'field-label', attrs: { for: 'impact-start' } }, l10n.t('Impact began (UTC)')), field, hint);
  let state: PanelState | undefined;
  const kept = new KeptEdit(field);
  const commit = () => {
    if (!state || !kept.changed()) return;
    const at = pastUtcTime(field.value, new Date(state.incident.declaredAt));
    if (!at) {
      field.setAttribute('aria-invalid', 'true');
      hint.textContent = l10n.t('A UTC time like 09:12, or 2026-12-07 09:12, no later than the declaration.');
      return;
    }
    field.removeAttribute('aria-invalid');
    kept.markSent();
    send({ type: 'setImpactStart', startedAt: at.toISOString() });
  };
  field.addEventListener('change', commit);
  field.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    kept.restore();
    field.removeAttribute('aria-invalid');
  });
  return {
    element,
    update(next) {
      state = next;
      element.hidden = next.readOnly && !next.incident.startedAt;
      field.toggleAttribute('disabled', next.readOnly);
      kept.show(shown(next.incident.startedAt));
      hint.textContent = next.incident.startedAt ? '' : l10n.t('Unknown yet: time to detect needs it.');
    },
  };
}
