/** The same numbers as tables, for screen readers and for reading exact values. */
import * as l10n from '@vscode/l10n';
import { CATEGORIES, SEVERITIES } from '../../../src/core/record/recordValues';
import { formatDuration } from '../../../src/core/clocks/durations';
import type { MetricsPayload } from '../../../src/protocol/metrics';
import { h } from '../dom';
import { METRIC_MEASURES } from '../../../src/protocol/webviewValues';
import { actionItemAges } from './actionItemAges';

type Stats = MetricsPayload['overall']['acknowledge'];
const duration = (ms: number | undefined) => (ms === undefined ? '—' : formatDuration(ms));
const statCells = (s: Stats) => [duration(s.medianMs), duration(s.meanMs), String(s.count)];

function table(caption: string, header: string[], rows: string[][]): HTMLElement {
  return h(
    'table',
    {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ...header.map((cell) => h('th', { attrs: { scope: 'col' } }, cell)))),
    h('tbody', {}, ...rows.map(([first, ...rest]) => h('tr', {}, h('th', { attrs: { scope: 'row' } }, first), ...rest.map((cell) => h('td', {}, cell))))),
  );
}

/** `typeTitles`: the titles of the incident types by id (a type the plan dropped shows its id). */
export function renderTables(metrics: MetricsPayload, typeTitles: ReadonlyMap<string, string> = new Map()): HTMLElement {
  const measureHeader = ['', ...METRIC_MEASURES.flatMap((m) => [l10n.t('{0} median', m), l10n.t('{0} mean', m), l10n.t('n')])];
  const setRow = (label: string, set: MetricsPayload['overall']) => [label, ...METRIC_MEASURES.flatMap((m) => statCells(set[m]))];
  return h(
    'div',
    { class: 'tables' },
    table(l10n.t('Response times, all incidents and per month'), measureHeader, [
      setRow(l10n.t('all'), metrics.overall),
      ...metrics.byMonth.map((m) => setRow(m.month, m.metrics)),
    ]),
    table(
      l10n.t('Response times per category'),
      measureHeader,
      CATEGORIES.map((c) => setRow(`${c} (${metrics.byCategory[c].incidents})`, metrics.byCategory[c])),
    ),
    metrics.byType?.length
      ? table(
          l10n.t('Response times per type'),
          measureHeader,
          metrics.byType.map(({ type, metrics: set }) => setRow(`${typeTitles.get(type) ?? type} (${set.incidents})`, set)),
        )
      : null,
    table(
      l10n.t('SLA adherence per severity'),
      ['', l10n.t('incidents'), l10n.t('response met'), l10n.t('response breached'), l10n.t('resolution met'), l10n.t('resolution breached')],
      SEVERITIES.map((s) => {
        const { incidents, response, resolution } = metrics.bySeverity[s];
        const rate = (r: number | undefined) => (r === undefined ? '' : ` (${Math.round(r * 100)}%)`);
        return [s, String(incidents), `${response.met}${rate(response.rate)}`, String(response.breached), `${resolution.met}${rate(resolution.rate)}`, String(resolution.breached)];
      }),
    ),
    table(
      l10n.t('Open action items by age'),
      ['', l10n.t('items')],
      actionItemAges(metrics.openActionItems).map(([label, count]) => [label, String(count)]),
    ),
  );
}
