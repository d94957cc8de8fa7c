import * as assert from 'node:assert/strict';
import { computeMetrics, metricsToCsv } from '../../../src/core/metrics';
import { CATEGORIES, SEVERITIES, type Deploy, type Incident, type SlaPolicy } from '../../../src/core/schema';
import { anIncident } from './builders';

function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MINUTE = 60_000;
const TARGET_MINUTES = { SEV1: [15, 60], SEV2: [30, 240], SEV3: [240, 1440], SEV4: [480, 10080] } as const;
const policy: SlaPolicy = {
  timeZone: 'UTC',
  businessDays: [1, 2, 3, 4, 5],
  businessHours: { start: '09:00', end: '17:00' },
  holidays: [],
  targets: Object.fromEntries(SEVERITIES.map((s) => [s, { response: `${TARGET_MINUTES[s][0]}m`, resolution: `${TARGET_MINUTES[s][1]}m` }])),
};
const NOW = new Date('2026-11-01T00:00:00Z');

/** 480 incidents over a year: some unacknowledged, some still open, some with a known start or a deployed cause. */
function history(): { incidents: Incident[]; deploys: Deploy[] } {
  const next = random(42);
  const deploys: Deploy[] = [];
  const incidents = Array.from({ length: 480 }, (_, n) => {
    const declared = new Date(Date.parse('2025-11-01T00:00:00Z') + Math.floor(next() * 360 * 24 * 60) * MINUTE);
    const at = (minutes: number) => new Date(declared.getTime() + minutes * MINUTE).toISOString();
    const base = anIncident({ severity: SEVERITIES[n % 4], category: CATEGORIES[Math.floor(next() * 3)] }, declared);
    const ack = next() < 0.9 ? Math.floor(next() * 300) : undefined;
    const mitigate = ack !== undefined && next() < 0.85 ? ack + Math.floor(next() * 600) : undefined;
    const resolve = mitigate !== undefined && next() < 0.9 ? mitigate + Math.floor(next() * 3000) : undefined;
    const incident: Incident = {
      ...base,
      id: `INC-${String(n).padStart(8, '0')}`,
      ...(ack !== undefined && { acknowledgedAt: at(ack) }),
      ...(mitigate !== undefined && { mitigatedAt: at(mitigate) }),
      ...(resolve !== undefined && { resolvedAt: at(resolve), status: 'resolved' as const }),
      retrospective: {
        whys: [],
        actionItems: next() < 0.3 ? [{ id: `a${n}`, title: 'Follow up', status: next() < 0.5 ? 'open' : 'done', createdAt: at(Math.floor(next() * 60 * 24 * 40)), updatedAt: at(0) }] : [],
      },
    };
    const detect = next();
    if (detect < 0.2) return { ...incident, startedAt: at(-Math.floor(next() * 120)) };
    if (detect < 0.4) {
      const sha = n.toString(16).padStart(40, 'c');
      deploys.push({ id: `d${n}`, environment: 'production', ref: `v${n}`, sha, at: at(-30 - (n % 50)), by: 'ci', status: 'succeeded', incidentIds: [] });
      return { ...incident, commits: [{ sha, subject: 'cause', author: 'x', committedAt: at(-500), relation: 'cause' as const, linkedAt: at(5), linkedBy: 'x' }] };
    }
    return incident;
  });
  return { incidents, deploys };
}

/** The independent computation: plain loops over the same data. */
function expectedStats(values: number[]) {
  if (!values.length) return { count: 0 };
  const s = [...values].sort((a, b) => a - b);
  const median = s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  let sum = 0;
  for (const v of s) sum += v;
  return { count: s.length, medianMs: median, meanMs: sum / s.length };
}

function expectedDetect(incident: Incident, deploys: Deploy[]): number | undefined {
  const declared = Date.parse(incident.declaredAt);
  if (incident.startedAt) return declared - Date.parse(incident.startedAt);
  const cause = incident.commits.find((c) => c.relation === 'cause');
  if (!cause) return undefined;
  let latest: number | undefined;
  for (const d of deploys) if (d.sha === cause.sha && Date.parse(d.at) <= declared) latest = Math.max(latest ?? 0, Date.parse(d.at));
  return declared - (latest ?? Date.parse(cause.committedAt));
}

describe('metrics over a generated year of 480 incidents', () => {
  const { incidents, deploys } = history();
  const metrics = computeMetrics(incidents, deploys, policy, { now: NOW });
  const span = (i: Incident, field: 'acknowledgedAt' | 'mitigatedAt' | 'resolvedAt') => (i[field] ? Date.parse(i[field]!) - Date.parse(i.declaredAt) : undefined);
  const defined = (values: (number | undefined)[]) => values.filter((v): v is number => v !== undefined);

  it('gives the medians and means of an independent computation', () => {
    assert.equal(metrics.incidents, 480);
    assert.deepEqual(metrics.overall.acknowledge, expectedStats(defined(incidents.map((i) => span(i, 'acknowledgedAt')))));
    assert.deepEqual(metrics.overall.mitigate, expectedStats(defined(incidents.map((i) => span(i, 'mitigatedAt')))));
    assert.deepEqual(metrics.overall.resolve, expectedStats(defined(incidents.map((i) => span(i, 'resolvedAt')))));
    const detect = expectedStats(defined(incidents.map((i) => expectedDetect(i, deploys))));
    assert.deepEqual(metrics.overall.detect, detect);
    assert.ok(detect.count > 150, 'the history exercises both ways of knowing when impact began');
  });

  it('splits by month and category consistently with the whole', () => {
    assert.equal(metrics.byMonth.reduce((n, m) => n + m.metrics.incidents, 0), 480);
    for (const { month, metrics: set } of metrics.byMonth) {
      const group = incidents.filter((i) => i.declaredAt.startsWith(month));
      assert.deepEqual(set.resolve, expectedStats(defined(group.map((i) => span(i, 'resolvedAt')))), month);
    }
    for (const category of CATEGORIES) {
      const group = incidents.filter((i) => i.category === category);
      assert.deepEqual(metrics.byCategory[category].acknowledge, expectedStats(defined(group.map((i) => span(i, 'acknowledgedAt')))), category);
    }
  });

  it('counts SLA adherence per severity against the targets', () => {
    for (const severity of SEVERITIES) {
      const [response, resolution] = TARGET_MINUTES[severity].map((m) => m * MINUTE);
      let responseMet = 0;
      let responseBreached = 0;
      let resolutionMet = 0;
      let resolutionBreached = 0;
      for (const i of incidents.filter((x) => x.severity === severity)) {
        const ack = span(i, 'acknowledgedAt');
        const res = span(i, 'resolvedAt');
        const age = NOW.getTime() - Date.parse(i.declaredAt);
        if (ack !== undefined ? ack <= response : age <= response) ack !== undefined && responseMet++;
        else responseBreached++;
        if (res !== undefined ? res <= resolution : age <= resolution) res !== undefined && resolutionMet++;
        else resolutionBreached++;
      }
      assert.deepEqual(metrics.bySeverity[severity].response, { met: responseMet, breached: responseBreached, rate: responseMet / (responseMet + responseBreached) }, `${severity} response`);
      assert.deepEqual(metrics.bySeverity[severity].resolution, { met: resolutionMet, breached: resolutionBreached, rate: resolutionMet / (resolutionMet + resolutionBreached) }, `${severity} resolution`);
    }
  });

  it('ages open action items, filters by time, category and severity, and exports the same numbers as CSV', () => {
    const open = incidents.flatMap((i) => i.retrospective.actionItems.filter((a) => a.status === 'open'));
    const ageDays = open.map((a) => (NOW.getTime() - Date.parse(a.createdAt)) / 86_400_000);
    assert.deepEqual(metrics.openActionItems, { total: open.length, under7Days: ageDays.filter((d) => d < 7).length, from7To30Days: ageDays.filter((d) => d >= 7 && d <= 30).length, over30Days: ageDays.filter((d) => d > 30).length });
    const since = new Date('2026-08-01T00:00:00Z');
    const filtered = computeMetrics(incidents, deploys, policy, { now: NOW, since, category: 'security', severity: 'SEV2' });
    assert.equal(filtered.incidents, incidents.filter((i) => Date.parse(i.declaredAt) >= since.getTime() && i.category === 'security' && i.severity === 'SEV2').length);
    const csv = metricsToCsv(metrics).split('\n');
    assert.equal(csv[0], 'scope,key,measure,count,median_minutes,mean_minutes');
    assert.equal(csv[3], `all,all,time_to_resolve,${metrics.overall.resolve.count},${(metrics.overall.resolve.medianMs! / MINUTE).toFixed(1)},${(metrics.overall.resolve.meanMs! / MINUTE).toFixed(1)}`);
  });
});
