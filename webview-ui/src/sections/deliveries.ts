import '@vscode-elements/elements/dist/vscode-button/index.js';
import * as l10n from '@vscode/l10n';
import type { PanelState } from '../../../src/protocol/incidentPanel';
import { h } from '../dom';
import { FOCUS_KEY } from '../focusKeeper';
import type { Send } from './header';

type Delivery = NonNullable<PanelState['incident']['deliveries']>[number];

const MESSAGE_WORDS: Record<string, () => string> = {
  declared: () => l10n.t('Declaration'),
  resolved: () => l10n.t('Resolution'),
  closed: () => l10n.t('Closure'),
  overdue: () => l10n.t('Overdue reminder'),
};

/** What happened to one message for one channel, in words. */
function deliveryWords(record: Delivery): string {
  if (record.state === 'sent') return l10n.t('Delivered to {0}', record.channel);
  if (record.state === 'failed') return l10n.t('Not delivered to {0}: {1}', record.channel, record.lastError ?? l10n.t('failed'));
  if (record.state === 'obsolete') return l10n.t('Not sent to {0}: {1}', record.channel, record.lastError ?? '');
  if (record.lastError) return l10n.t('Sending to {0} again soon (last try: {1})', record.channel, record.lastError);
  return l10n.t('Sending to {0}…', record.channel);
}

const button = (key: string, text: string, label: string, click: () => void) =>
  h('vscode-button', { attrs: { secondary: true, [FOCUS_KEY]: key, 'aria-label': label }, on: { click } }, text);

/** One delivery: its state, and for a failed one Retry and Copy (to paste it by hand). */
function deliveryItem(record: Delivery, readOnly: boolean, send: Send, label?: string): HTMLElement {
  const words = deliveryWords(record);
  return h(
    'li',
    { class: `delivery delivery-${record.state}` },
    h('span', { class: 'delivery-mark', attrs: { 'aria-hidden': 'true' } }, record.state === 'sent' ? '✓' : record.state === 'failed' ? '✗' : '…'),
    h('span', { class: 'delivery-text' }, label ? `${label}: ${words}` : words),
    record.state === 'failed' && !readOnly
      ? h(
          'span',
          { class: 'delivery-actions' },
          button(`retry:${record.id}`, l10n.t('Retry'), l10n.t('Retry the delivery to {0}', record.channel), () => send({ type: 'retryDelivery', deliveryId: record.id })),
          button(`copy:${record.id}`, l10n.t('Copy instead'), l10n.t('Copy the message for {0}', record.channel), () => send({ type: 'copyDelivery', deliveryId: record.id })),
        )
      : null,
  );
}

/** The deliveries of one status update, under it; nothing when it went to no delivered channel. */
export function updateDeliveries(state: PanelState, updateId: string, send: Send): HTMLElement | null {
  const records = (state.incident.deliveries ?? []).filter((record) => record.event === 'update' && record.message === updateId);
  return records.length
    ? h('ul', { class: 'deliveries', attrs: { 'aria-label': l10n.t('Deliveries') } }, ...records.map((record) => deliveryItem(record, state.readOnly, send)))
    : null;
}

/** The other messages (declaration, resolution, closure, reminders) still on their way or failed; the sent ones say nothing. */
export function otherDeliveries(state: PanelState, send: Send): HTMLElement | null {
  const records = (state.incident.deliveries ?? []).filter((record) => record.event !== 'update' && record.state !== 'sent' && record.state !== 'obsolete');
  return records.length
    ? h(
        'ul',
        { class: 'deliveries other-deliveries', attrs: { 'aria-label': l10n.t('Other messages') } },
        ...records.map((record) => deliveryItem(record, state.readOnly, send, (MESSAGE_WORDS[record.event] ?? (() => record.event))())),
      )
    : null;
}
