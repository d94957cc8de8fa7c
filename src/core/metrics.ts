/**
 * Response metrics over any set of incidents: how long until someone
 * acknowledged, mitigated, resolved and detected, as medians and means, per
 * month and per category; SLA adherence per severity; open action items by age.
 * Pure and deterministic: the same incidents and `now` give the same numbers
 * in the CLI, the dashboard and the tests.
 */
import { CATEGORIES, SEVERITIES, type Category, type Deploy, type Incident, type Severity, type SlaPolicy } from './schema';
import { resolvePolicy, slaClocks } from './sla';

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
  overall: MetricSet;
  byMonth: { month: string; metrics: MetricSet }[];
  byCategory: Record<Category, MetricSet>;
  bySeverity: Record<Severity, { incidents: number; response: SlaAdherence; resolution: SlaAdherence }>;
  openActionItems: { total: number; under7Days: number; from7To30Days: number; over30Days: number };
}

export interface MetricsFilter {
  now: Date;
  /** Declared at or after. */
  since?: Date;
  /** Declared before. */
  until?: Date;
  category?: Category;
  severity?: Severity;
}

const DAY = 86_400_000;

export function stats(values: readonly number[]): DurationStats {
  if (!values.length) return { count: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const medianMs = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { count: values.length, medianMs, meanMs: values.reduce((sum, v) => sum + v, 0) / values.length };
}

const between = (from: string, to: string | undefined) => (to === undefined ? undefined : Date.parse(to) - Date.parse(from));

/**
 * When the impact began, where known: the recorded start, else the last deploy
 * of a cause commit before the declaration, else the cause commit itself.
 */
export function impactStart(incident: Incident, deploys: readonly Deploy[]): string | undefined {
  if (incident.startedAt) return incident.startedAt;
  const causes = incident.commits.filter((commit) => commit.relation === 'cause');
  const causeShas = new Set(causes.map((commit) => commit.sha));
  const deployed = deploys.filter((deploy) => deploy.sha && causeShas.has(deploy.sha) && deploy.at <= incident.declaredAt).map((deploy) => deploy.at).sort();
  if (deployed.length) return deployed.at(-1);
  const committed = causes.map((commit) => commit.committedAt).filter((at) => at <= incident.declaredAt).sort();
  return committed[0];
}

function metricSet(incidents: readonly Incident[], deploys: readonly Deploy[]): MetricSet {
  const collect = (measure: (incident: Incident) => number | undefined) => incidents.map(measure).filter((ms): ms is number => ms !== undefined && ms >= 0);
  return {
    incidents: incidents.length,
    acknowledge: stats(collect((i) => between(i.declaredAt, i.acknowledgedAt))),
    mitigate: stats(collect((i) => between(i.declaredAt, i.mitigatedAt))),
    resolve: stats(collect((i) => between(i.declaredAt, i.resolvedAt))),
    detect: stats(collect((i) => {
      const start = impactStart(i, deploys);
      return start === undefined ? undefined : between(start, i.declaredAt);
    })),
  };
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
      (!filter.severity || incident.severity === filter.severity),
  );
}

export function computeMetrics(all: readonly Incident[], deploys: readonly Deploy[], policy: SlaPolicy | undefined, filter: MetricsFilter): Metrics {
  const incidents = selectIncidents(all, filter);
  const resolved = resolvePolicy(policy);
  const months = new Map<string, Incident[]>();
  for (const incident of incidents) {
    const month = incident.declaredAt.slice(0, 7);
    months.set(month, [...(months.get(month) ?? []), incident]);
  }
  const bySeverity = Object.fromEntries(
    SEVERITIES.map((severity) => {
      const group = incidents.filter((incident) => incident.severity === severity);
      const clocks = group.map((incident) => slaClocks(incident, resolved, filter.now));
      const outcome = (name: 'response' | 'resolution') =>
        adherence(clocks.map((pair) => pair.find((clock) => clock.name === name)).map((clock) => (!clock ? 'running' : clock.breached ? 'breached' : clock.metAt ? 'met' : 'running')));
      return [severity, { incidents: group.length, response: outcome('response'), resolution: outcome('resolution') }];
    }),
  ) as Metrics['bySeverity'];
  const ages = incidents.flatMap((incident) => incident.retrospective.actionItems.filter((item) => item.status === 'open').map((item) => (filter.now.getTime() - Date.parse(item.createdAt)) / DAY));
  return {
    incidents: incidents.length,
    overall: metricSet(incidents, deploys),
    byMonth: [...months].sort(([a], [b]) => (a < b ? -1 : 1)).map(([month, group]) => ({ month, metrics: metricSet(group, deploys) })),
    byCategory: Object.fromEntries(CATEGORIES.map((category) => [category, metricSet(incidents.filter((i) => i.category === category), deploys)])) as Metrics['byCategory'],
    bySeverity,
    openActionItems: { total: ages.length, under7Days: ages.filter((a) => a < 7).length, from7To30Days: ages.filter((a) => a >= 7 && a <= 30).length, over30Days: ages.filter((a) => a > 30).length },
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
  rows.push(['severity', 'key', 'clock', 'met', 'breached', 'rate']);
  for (const severity of SEVERITIES) {
    for (const clock of ['response', 'resolution'] as const) {
      const a = metrics.bySeverity[severity][clock];
      rows.push(['severity', severity, clock, String(a.met), String(a.breached), a.rate === undefined ? '' : a.rate.toFixed(3)]);
    }
  }
  const items = metrics.openActionItems;
  rows.push(['action_items', 'open', 'under_7_days', String(items.under7Days), '', ''], ['action_items', 'open', '7_to_30_days', String(items.from7To30Days), '', ''], ['action_items', 'open', 'over_30_days', String(items.over30Days), '', '']);
  return `${rows.map((row) => row.join(',')).join('\n')}\n`;
}
