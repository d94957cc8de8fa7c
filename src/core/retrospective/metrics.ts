/**
 * Response metrics over any set of incidents: how long until someone
 * acknowledged, mitigated, resolved and detected, as medians and means, per
 * month, per category and per incident type (when any incident has one); SLA
 * adherence per severity; open action items by age.
 * Pure and deterministic: the same incidents and `now` give the same numbers
 * in the CLI, the dashboard and the tests.
 */
import { CATEGORIES, SEVERITIES, type Category, type Deploy, type Incident, type Severity, type SlaPolicy } from '../record/schema';
import { isDrill } from '../lifecycle/drills';
import { resolvePolicy, slaClocks } from '../clocks/sla';
import { formatDuration } from '../clocks/durations';

export interface DurationStats {
  count: number;
  medianMs?: number;
  meanMs?: number;
}

export interface MetricSet {
  incidents: number;
  acknowledge: DurationStats;
  mitigate: DurationStats;
  resolve: DurationStats;
  detect: DurationStats;
}

export interface SlaAdherence {
  /** Clocks that stopped in time. */
  met: number;
  /** Clocks past their deadline (stopped late or still running). */
  breached: number;
  /** met / (met + breached), when any clock is decided. */
  rate?: number;
}

export interface Metrics {
  incidents: number;
  /** Of those, how many say when their impact began (`startedAt`): time to detect is measured for them, and for those whose cause's deploy is known. */
  impactStartKnown: number;
  overall: MetricSet;
  byMonth: { month: string; metrics: MetricSet }[];
  byCategory: Record<Category, MetricSet>;
  /** Per incident type of the plan (by id, in id order), only when some incident measured has a type; untyped incidents are in no row. */
  byType?: { type: string; metrics: MetricSet }[];
  bySeverity: Record<Severity, { incidents: number; response: SlaAdherence; resolution: SlaAdherence }>;
  openActionItems: { total: number; under7Days: number; from7To30Days: number; over30Days: number };
  /** The drills the filter's range, category and severity select, reported apart whether or not they are in the numbers above. */
  drills: DrillReport;
}

/** How the team practises: how many drills, when they were declared, how soon someone acknowledged. */
export interface DrillReport {
  count: number;
  /** Declaration times, oldest first. */
  dates: string[];
  acknowledge: DurationStats;
}

export interface MetricsFilter {
  now: Date;
  /** Declared at or after. */
  since?: Date;
  /** Declared before. */
  until?: Date;
  category?: Category;
  severity?: Severity;
  /** Only incidents of this type (by id; a type the plan has since dropped still selects its incidents). */
  type?: string;
  /** Count drills (practice incidents) as incidents; by default they are left out and only reported apart. */
  includeDrills?: boolean;
}

const DAY = 86_400_000;

/** "median 12m, mean 15m (n=4)", or "no data": how the command line and the agent tools say one measure. */
export const durationSummary = (stats: DurationStats): string =>
  stats.count ? `median ${formatDuration(stats.medianMs ?? 0)}, mean ${formatDuration(stats.meanMs ?? 0)} (n=${stats.count})` : 'no data';

export function stats(values: readonly number[]): DurationStats {
  if (!values.length) return { count: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const medianMs = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { count: values.length, medianMs, meanMs: values.reduce((sum, v) => sum + v, 0) / values.length };
}

const between = (from: string, to: string | undefined) => (to === undefined ? undefined : Date.parse(to) - Date.parse(from));

/** Deploy times by commit sha, for finding when a cause went out. */
type DeployIndex = Map<string, string[]>;

function indexDeploys(deploys: readonly Deploy[]): DeployIndex {
  const index: DeployIndex = new Map();
  for (const deploy of deploys) if (deploy.sha) index.set(deploy.sha, [...(index.get(deploy.sha) ?? []), deploy.at]);
  return index;
}

/**
 * When the impact began, where known: the recorded start, else the last deploy
 * of a cause commit before the declaration, else the cause commit itself.
 */
export function impactStart(incident: Incident, deploys: readonly Deploy[] | DeployIndex): string | undefined {
  if (incident.startedAt) return incident.startedAt;
  const causes = incident.commits.filter((commit) => commit.relation === 'cause');
  if (!causes.length) return undefined;
  const index = deploys instanceof Map ? deploys : indexDeploys(deploys);
  const deployed = causes
    .flatMap((commit) => index.get(commit.sha) ?? [])
    .filter((at) => at <= incident.declaredAt)
    .sort();
  if (deployed.length) return deployed.at(-1);
  return causes
    .map((commit) => commit.committedAt)
    .filter((at) => at <= incident.declaredAt)
    .sort()[0];
}

/** The four durations of one incident, measured once and shared by every grouping. */
interface Measured {
  incident: Incident;
  acknowledge?: number;
  mitigate?: number;
  resolve?: number;
  detect?: number;
}

function measure(incident: Incident, deploys: DeployIndex): Measured {
  const start = impactStart(incident, deploys);
  return {
    incident,
    acknowledge: between(incident.declaredAt, incident.acknowledgedAt),
    mitigate: between(incident.declaredAt, incident.mitigatedAt),
    resolve: between(incident.declaredAt, incident.resolvedAt),
    detect: start === undefined ? undefined : between(start, incident.declaredAt),
  };
}

function metricSet(measured: readonly Measured[]): MetricSet {
  const collect = (key: 'acknowledge' | 'mitigate' | 'resolve' | 'detect') => {
    const values: number[] = [];
    for (const m of measured) {
      const value = m[key];
      if (value !== undefined && value >= 0) values.push(value);
    }
    return stats(values);
  };
  return { incidents: measured.length, acknowledge: collect('acknowledge'), mitigate: collect('mitigate'), resolve: collect('resolve'), detect: collect('detect') };
}

function adherence(outcomes: readonly ('met' | 'breached' | 'running')[]): SlaAdherence {
  const met = outcomes.filter((o) => o === 'met').length;
  const breached = outcomes.filter((o) => o === 'breached').length;
  return { met, breached, ...(met + breached ? { rate: met / (met + breached) } : {}) };
}

export function selectIncidents(incidents: readonly Incident[], filter: MetricsFilter): Incident[] {
  return incidents.filter(
    (incident) =>
      (!filter.since || Date.parse(incident.declaredAt) >= filter.since.getTime()) &&
      (!filter.until || Date.parse(incident.declaredAt) < filter.until.getTime()) &&
      (!filter.category || incident.category === filter.category) &&
      (!filter.severity || incident.severity === filter.severity) &&
      (!filter.type || incident.type === filter.type) &&
      (filter.includeDrills === true || !isDrill(incident)),
  );
}

function drillReport(all: readonly Incident[], filter: MetricsFilter): DrillReport {
  const drills = selectIncidents(all, { ...filter, includeDrills: true }).filter(isDrill);
  const acknowledged = drills.map((drill) => between(drill.declaredAt, drill.acknowledgedAt)).filter((ms): ms is number => ms !== undefined && ms >= 0);
  return { count: drills.length, dates: drills.map((drill) => drill.declaredAt).sort(), acknowledge: stats(acknowledged) };
}

export function computeMetrics(all: readonly Incident[], deploys: readonly Deploy[], policy: SlaPolicy | undefined, filter: MetricsFilter): Metrics {
  const index = indexDeploys(deploys);
  const measured = selectIncidents(all, filter).map((incident) => measure(incident, index));
  const resolved = resolvePolicy(policy);
  const months = new Map<string, Measured[]>();
  for (const m of measured) {
    const month = m.incident.declaredAt.slice(0, 7);
    const group = months.get(month);
    if (group) group.push(m);
    else months.set(month, [m]);
  }
  const bySeverity = Object.fromEntries(
    SEVERITIES.map((severity) => {
      const clocks = measured.filter((m) => m.incident.severity === severity).map((m) => slaClocks(m.incident, resolved, filter.now));
      const outcome = (name: 'response' | 'resolution') =>
        adherence(
          clocks.map((pair) => pair.find((clock) => clock.name === name)).map((clock) => (!clock ? 'running' : clock.breached ? 'breached' : clock.metAt ? 'met' : 'running')),
        );
      return [severity, { incidents: clocks.length, response: outcome('response'), resolution: outcome('resolution') }];
    }),
  ) as Metrics['bySeverity'];
  const ages = measured.flatMap(({ incident }) =>
    incident.retrospective.actionItems.filter((item) => item.status === 'open').map((item) => (filter.now.getTime() - Date.parse(item.createdAt)) / DAY),
  );
  const types = [...new Set(measured.flatMap((m) => (m.incident.type ? [m.incident.type] : [])))].sort();
  return {
    incidents: measured.length,
    impactStartKnown: measured.filter((m) => m.incident.startedAt !== undefined).length,
    overall: metricSet(measured),
    byMonth: [...months].sort(([a], [b]) => (a < b ? -1 : 1)).map(([month, group]) => ({ month, metrics: metricSet(group) })),
    byCategory: Object.fromEntries(CATEGORIES.map((category) => [category, metricSet(measured.filter((m) => m.incident.category === category))])) as Metrics['byCategory'],
    ...(types.length ? { byType: types.map((type) => ({ type, metrics: metricSet(measured.filter((m) => m.incident.type === type)) })) } : {}),
    bySeverity,
    openActionItems: {
      total: ages.length,
      under7Days: ages.filter((a) => a < 7).length,
      from7To30Days: ages.filter((a) => a >= 7 && a <= 30).length,
      over30Days: ages.filter((a) => a > 30).length,
    },
    drills: drillReport(all, filter),
  };
}

const minutes = (ms: number | undefined) => (ms === undefined ? '' : (ms / 60_000).toFixed(1));

/** The same numbers as rows: scope, key, measure, count, median and mean in minutes (or met/breached/rate). */
export function metricsToCsv(metrics: Metrics): string {
  const rows = [['scope', 'key', 'measure', 'count', 'median_minutes', 'mean_minutes']];
  const setRows = (scope: string, key: string, set: MetricSet) => {
    for (const measure of ['acknowledge', 'mitigate', 'resolve', 'detect'] as const) {
      rows.push([scope, key, `time_to_${measure}`, String(set[measure].count), minutes(set[measure].medianMs), minutes(set[measure].meanMs)]);
    }
  };
  setRows('all', 'all', metrics.overall);
  for (const { month, metrics: set } of metrics.byMonth) setRows('month', month, set);
  for (const category of CATEGORIES) setRows('category', category, metrics.byCategory[category]);
  for (const { type, metrics: set } of metrics.byType ?? []) setRows('type', type, set);
  rows.push(['severity', 'key', 'clock', 'met', 'breached', 'rate']);
  for (const severity of SEVERITIES) {
    for (const clock of ['response', 'resolution'] as const) {
      const a = metrics.bySeverity[severity][clock];
      rows.push(['severity', severity, clock, String(a.met), String(a.breached), a.rate === undefined ? '' : a.rate.toFixed(3)]);
    }
  }
  const items = metrics.openActionItems;
  rows.push(
    ['action_items', 'open', 'under_7_days', String(items.under7Days), '', ''],
    ['action_items', 'open', '7_to_30_days', String(items.from7To30Days), '', ''],
    ['action_items', 'open', 'over_30_days', String(items.over30Days), '', ''],
  );
  return `${rows.map((row) => row.join(',')).join('\n')}\n`;
}
