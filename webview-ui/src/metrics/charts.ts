/**
 * The dashboard's charts, drawn by Chart.js on canvas (only the pieces used
 * are registered, to keep the bundle small) and coloured from VS Code's own
 * chart colours (`--vscode-charts-*`), so they follow the theme.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
  type ChartDataset,
} from 'chart.js';
import * as l10n from '@vscode/l10n';
import { CATEGORIES, SEVERITIES } from '../../../src/core/record/recordValues';
import type { MetricsPayload } from '../../../src/protocol/metrics';
import { METRIC_MEASURES } from '../../../src/protocol/webviewValues';
import { actionItemAges } from './actionItemAges';
import { severityColors } from './severityColors';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);

export const CHART_NAMES = ['trend', 'volume', 'category', 'severity', 'sla', 'actions'] as const;
export type ChartName = (typeof CHART_NAMES)[number];

function themeColor(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

function palette() {
  return {
    text: themeColor('--vscode-foreground', '#cccccc'),
    grid: themeColor('--vscode-panel-border', '#80808040'),
    blue: themeColor('--vscode-charts-blue', '#3794ff'),
    orange: themeColor('--vscode-charts-orange', '#d18616'),
    green: themeColor('--vscode-charts-green', '#89d185'),
    purple: themeColor('--vscode-charts-purple', '#b180d7'),
    red: themeColor('--vscode-charts-red', '#f14c4c'),
    yellow: themeColor('--vscode-charts-yellow', '#cca700'),
  };
}

const hours = (ms: number | undefined) => (ms === undefined ? null : Math.round((ms / 3_600_000) * 100) / 100);

function chart(type: 'bar' | 'line', labels: string[], datasets: ChartDataset<'bar' | 'line', (number | null)[]>[], yTitle: string, yMax?: number): ChartConfiguration {
  const colors = palette();
  const ticks = { color: colors.text };
  return {
    type,
    data: { labels, datasets } as ChartConfiguration['data'],
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      // One series: the caption says what it is, a legend would only repeat it.
      plugins: { legend: { display: datasets.length > 1, labels: { color: colors.text } } },
      scales: {
        x: { ticks, grid: { color: colors.grid } },
        y: {
          beginAtZero: true,
          ...(yMax !== undefined && { max: yMax }),
          title: { display: true, text: yTitle, color: colors.text },
          ticks: { ...ticks, precision: 0 },
          grid: { color: colors.grid },
        },
      },
    },
  };
}

/** Chart definitions from the numbers; pure apart from reading the theme's colours (read again on every call, so a theme change shows on the next render). */
export function chartConfigs(metrics: MetricsPayload): Record<ChartName, ChartConfiguration> {
  const c = palette();
  const months = metrics.byMonth.map((m) => m.month);
  const measureColors = [c.blue, c.orange, c.green, c.purple];
  const bySeverity = severityColors(themeColor('--vscode-editor-background', ''), document.body.className);
  const percent = (rate: number | undefined) => (rate === undefined ? null : Math.round(rate * 1000) / 10);
  const incidents = l10n.t('incidents');
  const ages = actionItemAges(metrics.openActionItems);
  return {
    trend: chart(
      'line',
      months,
      METRIC_MEASURES.map((measure, i) => ({
        label: l10n.t('time to {0} (median)', measure),
        data: metrics.byMonth.map((m) => hours(m.metrics[measure].medianMs)),
        borderColor: measureColors[i],
        backgroundColor: measureColors[i],
        spanGaps: true,
        tension: 0.2,
      })),
      l10n.t('hours'),
    ),
    volume: chart('bar', months, [{ label: l10n.t('incidents declared'), data: metrics.byMonth.map((m) => m.metrics.incidents), backgroundColor: c.blue }], incidents),
    category: chart(
      'bar',
      [...CATEGORIES],
      [{ label: l10n.t('incidents by category'), data: CATEGORIES.map((k) => metrics.byCategory[k].incidents), backgroundColor: [c.blue, c.red, c.yellow] }],
      incidents,
    ),
    severity: chart(
      'bar',
      [...SEVERITIES],
      [{ label: l10n.t('incidents by severity'), data: SEVERITIES.map((s) => metrics.bySeverity[s].incidents), backgroundColor: [...bySeverity] }],
      incidents,
    ),
    sla: chart(
      'bar',
      [...SEVERITIES],
      [l10n.t('response SLA met (%)'), l10n.t('resolution SLA met (%)')].map((label, i) => ({
        label,
        data: SEVERITIES.map((s) => percent(metrics.bySeverity[s][i ? 'resolution' : 'response'].rate)),
        backgroundColor: i ? c.purple : c.green,
      })),
      l10n.t('% met'),
      100,
    ),
    actions: chart(
      'bar',
      ages.map(([label]) => label),
      [{ label: l10n.t('open action items by age'), data: ages.map(([, count]) => count), backgroundColor: [c.green, c.yellow, c.red] }],
      l10n.t('items'),
    ),
  };
}

export { Chart };
