/**
 * The metrics dashboard: filters, headline numbers, charts and the same
 * numbers as tables, plus CSV export. The extension computes (src/core/retrospective/metrics)
 * and sends; every message is validated on arrival like the incident panel's.
 */
// First: the host's translations are loaded before any module below builds a label.
import '../hostStrings';
import * as l10n from '@vscode/l10n';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import { CATEGORIES, SEVERITIES } from '../../../src/core/record/recordValues';
import { formatDuration } from '../../../src/core/clocks/durations';
import type { MetricsFilterMessage, MetricsHostMessage, MetricsPayload } from '../../../src/protocol/metrics';
import { METRIC_MEASURES, METRICS_RANGES } from '../../../src/protocol/webviewValues';
import { h } from '../dom';
import { post, savedState, saveState } from '../vscodeApi';
import { Chart, CHART_NAMES, chartConfigs, type ChartName } from './charts';
import { renderDrills } from './drills';
import { checkMetricsHostMessage, savedFilter } from './hostMessages';
import { renderTables } from './tables';

const RANGE_LABELS: Record<(typeof METRICS_RANGES)[number], string> = {
  '30d': l10n.t('Last 30 days'),
  '90d': l10n.t('Last 90 days'),
  '365d': l10n.t('Last 12 months'),
  all: l10n.t('All time'),
};
const CHART_TITLES: Record<ChartName, string> = {
  trend: l10n.t('Median response times per month'),
  volume: l10n.t('Incidents per month'),
  category: l10n.t('Incidents by category'),
  severity: l10n.t('Incidents by severity'),
  sla: l10n.t('SLA adherence per severity'),
  actions: l10n.t('Open action items by age'),
};
/** The pickers' labels, which also find them again in showFilter. */
const FILTER_LABELS = { range: l10n.t('Time range'), category: l10n.t('Category'), severity: l10n.t('Severity'), type: l10n.t('Type') } as const;

let filter: MetricsFilterMessage = savedFilter((savedState<{ filter?: unknown }>() ?? {}).filter) ?? { range: '90d' };
const charts = new Map<ChartName, Chart>();
/** The numbers on screen, to redraw in the new colours when the theme changes. */
let shownMetrics: MetricsPayload | undefined;

function select(label: string, options: [string, string][], current: string, onChange: (value: string) => void): HTMLElement {
  const control = h(
    'vscode-single-select',
    { attrs: { 'aria-label': label }, on: { change: (event) => onChange((event.target as HTMLSelectElement).value) } },
    ...options.map(([value, text]) => h('vscode-option', { attrs: { value, selected: value === current } }, text)),
  );
  return h('label', { class: 'field' }, h('span', { class: 'field-label' }, label), control);
}

function setFilter(next: MetricsFilterMessage): void {
  filter = next;
  saveState({ filter });
  post({ type: 'setFilter', filter });
}

/** The type picker, shown once the plan (or a stored incident) has types; rebuilt only when the list changes. */
const typeSlot = h('span', { class: 'type-slot' });
let typeList = '';
let typeTitles = new Map<string, string>();
function showTypes(types: readonly { id: string; title: string }[]): void {
  const key = JSON.stringify(types);
  if (key === typeList) return;
  typeList = key;
  typeTitles = new Map(types.map((type) => [type.id, type.title]));
  typeSlot.replaceChildren(
    ...(types.length
      ? [
          select(FILTER_LABELS.type, [['', l10n.t('All types')], ...types.map((type): [string, string] => [type.id, type.title])], filter.type ?? '', (value) => {
            const { type: _drop, ...rest } = filter;
            setFilter(value ? { ...rest, type: value } : rest);
          }),
        ]
      : []),
  );
}

const filters = h(
  'div',
  { class: 'filters' },
  select(
    FILTER_LABELS.range,
    METRICS_RANGES.map((r) => [r, RANGE_LABELS[r]]),
    filter.range,
    (value) => setFilter({ ...filter, range: value as MetricsFilterMessage['range'] }),
  ),
  select(FILTER_LABELS.category, [['', l10n.t('All categories')], ...CATEGORIES.map((c): [string, string] => [c, c])], filter.category ?? '', (value) => {
    const { category: _drop, ...rest } = filter;
    setFilter(value ? { ...rest, category: value as MetricsFilterMessage['category'] } : rest);
  }),
  select(FILTER_LABELS.severity, [['', l10n.t('All severities')], ...SEVERITIES.map((s): [string, string] => [s, s])], filter.severity ?? '', (value) => {
    const { severity: _drop, ...rest } = filter;
    setFilter(value ? { ...rest, severity: value as MetricsFilterMessage['severity'] } : rest);
  }),
  typeSlot,
  h(
    'vscode-checkbox',
    {
      class: 'include-drills',
      attrs: { checked: filter.includeDrills === true },
      on: {
        change: (event) => {
          const { includeDrills: _drop, ...rest } = filter;
          setFilter((event.target as HTMLInputElement).checked ? { ...rest, includeDrills: true } : rest);
        },
      },
    },
    l10n.t('Include drills'),
  ),
  h('vscode-button', { attrs: { secondary: '' }, on: { click: () => post({ type: 'exportCsv' }) } }, l10n.t('Export CSV')),
);

const summary = h('p', { class: 'summary', attrs: { role: 'status' } });
const tiles = h('div', { class: 'tiles' });
const drills = h('section', { class: 'drills', attrs: { 'aria-label': l10n.t('Drills') } });
const chartGrid = h(
  'div',
  { class: 'charts' },
  ...CHART_NAMES.map((name) =>
    h(
      'figure',
      { class: `chart chart-${name}` },
      h('figcaption', {}, CHART_TITLES[name]),
      h(
        'div',
        { class: 'canvas-box' },
        h('canvas', { attrs: { id: `chart-${name}`, role: 'img', 'aria-label': l10n.t('{0} (the Table tab has the numbers)', CHART_TITLES[name]) } }),
      ),
    ),
  ),
);
const tableHost = h('div', { class: 'table-host' });
const tabs = h(
  'vscode-tabs',
  {},
  h('vscode-tab-header', { attrs: { slot: 'header' } }, l10n.t('Charts')),
  h('vscode-tab-panel', {}, chartGrid),
  h('vscode-tab-header', { attrs: { slot: 'header' } }, l10n.t('Table')),
  h('vscode-tab-panel', {}, tableHost),
);
const banner = h('div', { class: 'banner', attrs: { role: 'alert' } });
banner.hidden = true;

function renderTiles(metrics: MetricsPayload): void {
  tiles.replaceChildren(
    ...METRIC_MEASURES.map((measure) => {
      const stats = metrics.overall[measure];
      return h(
        'div',
        { class: 'tile' },
        h('span', { class: 'tile-label' }, l10n.t('Time to {0}', measure)),
        h('span', { class: 'tile-value' }, stats.medianMs === undefined ? '—' : formatDuration(stats.medianMs)),
        h('span', { class: 'tile-note' }, l10n.t('median of {0}', stats.count)),
      );
    }),
  );
}

function renderCharts(metrics: MetricsPayload): void {
  const configs = chartConfigs(metrics);
  for (const name of CHART_NAMES) {
    charts.get(name)?.destroy();
    const canvas = document.getElementById(`chart-${name}`) as HTMLCanvasElement | null;
    if (canvas) charts.set(name, new Chart(canvas, configs[name]));
  }
}

/** The pickers follow the filter the numbers were computed for (e.g. after a reload). */
function showFilter(shown: MetricsFilterMessage): void {
  filter = shown;
  const values: Record<string, string> = {
    [FILTER_LABELS.range]: shown.range,
    [FILTER_LABELS.category]: shown.category ?? '',
    [FILTER_LABELS.severity]: shown.severity ?? '',
    [FILTER_LABELS.type]: shown.type ?? '',
  };
  for (const [label, value] of Object.entries(values)) {
    const control = filters.querySelector(`vscode-single-select[aria-label="${CSS.escape(label)}"]`) as HTMLSelectElement | null;
    if (control && control.value !== value) control.value = value;
  }
  const includeDrills = filters.querySelector('vscode-checkbox.include-drills') as HTMLInputElement | null;
  if (includeDrills && includeDrills.checked !== (shown.includeDrills === true)) includeDrills.checked = shown.includeDrills === true;
}

function render(message: MetricsHostMessage): void {
  if (message.type === 'error') {
    banner.textContent = message.message;
    banner.hidden = false;
    return;
  }
  const started = performance.now();
  banner.hidden = true;
  showTypes(message.types ?? []);
  showFilter(message.filter);
  const { metrics } = message;
  summary.textContent = [
    l10n.t('{0} incident(s)', metrics.incidents),
    RANGE_LABELS[message.filter.range].toLowerCase(),
    message.filter.category,
    message.filter.severity,
    message.filter.type && (typeTitles.get(message.filter.type) ?? message.filter.type),
    message.filter.includeDrills ? l10n.t('drills included') : l10n.t('drills left out'),
    l10n.t('computed in {0} ms', Math.round(message.computedInMs)),
  ]
    .filter(Boolean)
    .join(' · ');
  renderTiles(metrics);
  drills.replaceChildren(...renderDrills(metrics.drills));
  shownMetrics = metrics;
  renderCharts(metrics);
  tableHost.replaceChildren(renderTables(metrics, typeTitles));
  document.body.dataset.renderMs = String(Math.round(performance.now() - started));
  document.body.dataset.incidents = String(metrics.incidents);
}

const app = document.getElementById('app');
app?.replaceChildren(h('h1', {}, l10n.t('Incident metrics')), filters, banner, summary, tiles, drills, tabs);

// Chart.js paints colours onto a canvas, which CSS variables cannot reach: on a theme change (VS Code sets the
// new variables and then the body's class, or only the theme id between two themes of one kind) draw again.
new MutationObserver(() => shownMetrics && renderCharts(shownMetrics)).observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-id'] });

window.addEventListener('message', (event: MessageEvent) => {
  const parsed = checkMetricsHostMessage(event.data);
  if (!parsed.ok) {
    console.warn(`[incident metrics] ignored a malformed message: ${parsed.error}`);
    return;
  }
  render(parsed.message);
});

post({ type: 'ready' });
post({ type: 'setFilter', filter });
