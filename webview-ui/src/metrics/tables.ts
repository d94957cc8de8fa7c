/** The same numbers as tables, for screen readers and for reading exact values. */
import { CATEGORIES, SEVERITIES } from '../../../src/core/recordValues';
import { formatDuration } from '../../../src/core/durations';
import type { MetricsPayload } from '../../../src/protocol/metrics';
import { h } from '../dom';
import { METRIC_MEASURES } from '../../../src/protocol/webviewValues';

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

export function renderTables(metrics: MetricsPayload): HTMLElement {
  const measureHeader = ['', ...METRIC_MEASURES.flatMap((m) => [`${m} median`, `${m} mean`, 'n'])];
  const setRow = (label: string, set: MetricsPayload['overall']) => [label, ...METRIC_MEASURES.flatMap((m) => statCells(set[m]))];
  return h(
    'div',
    { class: 'tables' },
    table('Response times, all incidents and per month', measureHeader, [setRow('all', metrics.overall), ...metrics.byMonth.map((m) => setRow(m.month, m.metrics))]),
    table('Response times per category', measureHeader, CATEGORIES.map((c) => setRow(`${c} (${metrics.byCategory[c].incidents})`, metrics.byCategory[c]))),
    table(
      'SLA adherence per severity',
      ['', 'incidents', 'response met', 'response breached', 'resolution met', 'resolution breached'],
      SEVERITIES.map((s) => {
        const { incidents, response, resolution } = metrics.bySeverity[s];
        const rate = (r: number | undefined) => (r === undefined ? '' : ` (${Math.round(r * 100)}%)`);
        return [s, String(incidents), `${response.met}${rate(response.rate)}`, String(response.breached), `${resolution.met}${rate(resolution.rate)}`, String(resolution.breached)];
      }),
    ),
    table('Open action items by age', ['', 'items'], [
      ['under 7 days', String(metrics.openActionItems.under7Days)],
      ['7–30 days', String(metrics.openActionItems.from7To30Days)],
      ['over 30 days', String(metrics.openActionItems.over30Days)],
    ]),
  );
}
