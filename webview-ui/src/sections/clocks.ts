import * as l10n from '@vscode/l10n';
import type { Clock, PanelState } from '../../../src/protocol/incidentPanel';
import { h } from '../dom';
import { formatDuration } from '../../../src/core/clocks/durations';

const SOON_MS = 10 * 60_000;

export interface ClocksSection {
  element: HTMLElement;
  update(state: PanelState): void;
}

export function describeClock(clock: Clock, now: number): { text: string; tone: 'met' | 'breached' | 'soon' | 'ok' } {
  if (clock.metAt) return { text: l10n.t('{0} met', clock.label), tone: 'met' };
  if (!clock.deadline) return { text: l10n.t('{0}: no target', clock.label), tone: 'ok' };
  const remaining = Date.parse(clock.deadline) - now;
  if (remaining < 0) return { text: l10n.t('{0} overdue {1}', clock.label, formatDuration(remaining)), tone: 'breached' };
  return { text: l10n.t('{0} due in {1}', clock.label, formatDuration(remaining)), tone: remaining < SOON_MS ? 'soon' : 'ok' };
}

/** SLA and update clocks that tick every 15 s without any message from the host. */
export function createClocks(): ClocksSection {
  const element = h('div', { class: 'clocks', attrs: { 'aria-label': l10n.t('SLA clocks') } });
  let clocks: Clock[] = [];
  const paint = () => {
    const now = Date.now();
    element.replaceChildren(
      ...clocks.map((clock) => {
        const { text, tone } = describeClock(clock, now);
        // Plain text (the words say met, due or overdue; colour only adds to them), not a bordered chip that read as a button doing nothing.
        return h('span', { class: `clock ${tone}`, attrs: { 'data-clock': clock.name, title: clock.deadline ? l10n.t('Deadline {0}', clock.deadline) : '' } }, text);
      }),
    );
  };
  setInterval(paint, 15_000);
  return {
    element,
    update(state) {
      clocks = state.view.clocks;
      paint();
    },
  };
}
