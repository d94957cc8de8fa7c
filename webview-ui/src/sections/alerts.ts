/**
 * The alerts that opened or joined the incident, under the header: each with
 * its name, state and times, labels, annotations, and its links (runbook,
 * source graph, dashboard). A link is not followed here: it asks the host,
 * which checks it is one of the incident's alert links and opens it through
 * VS Code, which confirms a domain the person has not trusted. All alert text
 * comes from outside: Text nodes only, controls made visible, clipped.
 */
import * as l10n from '@vscode/l10n';
import type { AlertRecord } from '../../../src/core/record/schema';
import type { PanelState } from '../../../src/protocol/incidentPanel';
import { clipText } from '../../../src/core/text/clip';
import { terminalText } from '../../../src/core/text/terminalText';
import { shortUtc } from '../../../src/core/text/time';
import { h, icon } from '../dom';
import { FOCUS_KEY } from '../focusKeeper';
import type { Send } from './header';

/** Labels shown per alert; the rest are counted. */
const LABELS_SHOWN = 24;
/** Alerts open at first when there are this many or fewer. */
const OPEN_UP_TO = 3;

const shown = (text: string, max: number, oneLine = true) => clipText(terminalText(text, { oneLine }), max);

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

function times(alert: AlertRecord): string {
  return alert.state === 'firing'
    ? l10n.t('since {0} UTC', shortUtc(alert.startsAt))
    : l10n.t('from {0} to {1} UTC', shortUtc(alert.startsAt), shortUtc(alert.endsAt ?? alert.startsAt));
}

function renderAlert(alert: AlertRecord, send: Send): HTMLElement {
  const firing = alert.state === 'firing';
  const labelKeys = Object.keys(alert.labels);
  const linkUrls = new Set(alert.links.map((link) => link.url));
  // An annotation that is one of the links (runbook_url) is shown as the link, not twice.
  const annotations = Object.entries(alert.annotations).filter(([, value]) => !linkUrls.has(value));
  const count = alert.notifications === 1 ? l10n.t('1 notification') : l10n.t('{0} notifications', alert.notifications);
  return h(
    'li',
    { class: `alert state-${alert.state}` },
    h(
      'div',
      { class: 'alert-head' },
      icon(firing ? 'bell-dot' : 'bell-slash'),
      ' ',
      h('strong', { class: 'alert-name' }, shown(alert.name, 200)),
      ' ',
      h('span', { class: `alert-state ${alert.state}` }, firing ? l10n.t('firing') : l10n.t('resolved')),
      h('span', { class: 'meta' }, ` ${times(alert)} · ${count} · ${alert.source}`),
    ),
    labelKeys.length > 0 &&
      h(
        'ul',
        { class: 'alert-labels', attrs: { 'aria-label': l10n.t('Labels') } },
        ...labelKeys.slice(0, LABELS_SHOWN).map((key) => h('li', {}, h('code', {}, `${shown(key, 100)}=${shown(alert.labels[key], 200)}`))),
        labelKeys.length > LABELS_SHOWN && h('li', { class: 'meta' }, l10n.t('and {0} more', labelKeys.length - LABELS_SHOWN)),
      ),
    annotations.length > 0 &&
      h('dl', { class: 'alert-annotations' }, ...annotations.flatMap(([key, value]) => [h('dt', {}, shown(key, 100)), h('dd', {}, shown(value, 2_000, false))])),
    alert.links.length > 0 &&
      h(
        'ul',
        { class: 'alert-links', attrs: { 'aria-label': l10n.t('Links') } },
        ...alert.links.map((link, index) =>
          h(
            'li',
            {},
            h(
              'a',
              {
                // Not a navigation: the host opens it, after VS Code's confirmation for a domain not trusted.
                attrs: { href: '#', title: l10n.t('Open {0} outside VS Code', shown(link.url, 300)), [FOCUS_KEY]: `alert-link:${alert.id}:${index}` },
                on: { click: (event) => (event.preventDefault(), send({ type: 'openAlertLink', url: link.url })) },
              },
              shown(link.title, 100),
              icon('link-external'),
            ),
            h('span', { class: 'meta' }, ` ${shown(hostOf(link.url), 100)}`),
          ),
        ),
      ),
  );
}

export interface AlertsSection {
  element: HTMLElement;
  update(state: PanelState): void;
}

/** Hidden for an incident no alert touched. Opened or closed by the person; a state push keeps their choice. */
export function createAlerts(send: Send): AlertsSection {
  const summary = h('summary', { attrs: { [FOCUS_KEY]: 'alerts-summary' } });
  const list = h('ul', { class: 'alert-list' });
  const details = h('details', { class: 'alerts-details' }, summary, list);
  const element = h('section', { class: 'alerts', attrs: { 'aria-label': l10n.t('Alerts') } }, details);
  element.hidden = true;
  let shownFor: string | undefined;
  const update = (state: PanelState) => {
    const alerts = [...(state.incident.alerts ?? [])].sort((a, b) => (a.state === b.state ? a.startsAt.localeCompare(b.startsAt) : a.state === 'firing' ? -1 : 1));
    element.hidden = alerts.length === 0;
    if (!alerts.length) return;
    if (shownFor !== state.incident.id) {
      shownFor = state.incident.id;
      details.open = alerts.length <= OPEN_UP_TO;
    }
    const firing = alerts.filter((alert) => alert.state === 'firing').length;
    summary.replaceChildren(
      h('span', { class: 'alerts-title' }, l10n.t('Alerts')),
      h('span', { class: 'meta' }, ` ${l10n.t('{0} firing, {1} resolved', firing, alerts.length - firing)}`),
    );
    list.replaceChildren(...alerts.map((alert) => renderAlert(alert, send)));
  };
  return { element, update };
}
