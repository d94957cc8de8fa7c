import * as assert from 'node:assert/strict';
import { computeMetrics, metricsToCsv } from '../../../../src/core/retrospective/metrics';
import { CATEGORIES, SEVERITIES, type Deploy, type Incident } from '../../../../src/core/record/schema';
import { generatedHistory, NOW, policy, TARGET_MINUTES } from '../merge/generatedHistory';

const MINUTE = 60_000;

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
  const { incidents, deploys } = generatedHistory(480, 42);
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

  it('says how many incidents record when their impact began', () => {
    const known = incidents.filter((incident) => incident.startedAt !== undefined).length;
    assert.ok(known > 0 && known < 480, `the history has some of each (${known})`);
    assert.equal(metrics.impactStartKnown, known);
    assert.equal(
      computeMetrics(incidents, deploys, policy, { now: NOW, category: 'security' }).impactStartKnown,
      incidents.filter((i) => i.category === 'security' && i.startedAt).length,
    );
  });

  it('splits by month and category consistently with the whole', () => {
    assert.equal(
      metrics.byMonth.reduce((n, m) => n + m.metrics.incidents, 0),
      480,
    );
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
        // Within its window and not yet acknowledged (resolved) counts as neither met nor breached.
        if (ack !== undefined ? ack <= response : age <= response) {
          if (ack !== undefined) responseMet++;
        } else responseBreached++;
        if (res !== undefined ? res <= resolution : age <= resolution) {
          if (res !== undefined) resolutionMet++;
        } else resolutionBreached++;
      }
      assert.deepEqual(
        metrics.bySeverity[severity].response,
        { met: responseMet, breached: responseBreached, rate: responseMet / (responseMet + responseBreached) },
        `${severity} response`,
      );
      assert.deepEqual(
        metrics.bySeverity[severity].resolution,
        { met: resolutionMet, breached: resolutionBreached, rate: resolutionMet / (resolutionMet + resolutionBreached) },
        `${severity} resolution`,
      );
    }
  });

  it('ages open action items, filters by time, category and severity, and exports the same numbers as CSV', () => {
    const open = incidents.flatMap((i) => i.retrospective.actionItems.filter((a) => a.status === 'open'));
    const ageDays = open.map((a) => (NOW.getTime() - Date.parse(a.createdAt)) / 86_400_000);
    assert.deepEqual(metrics.openActionItems, {
      total: open.length,
      under7Days: ageDays.filter((d) => d < 7).length,
      from7To30Days: ageDays.filter((d) => d >= 7 && d <= 30).length,
      over30Days: ageDays.filter((d) => d > 30).length,
    });
    const since = new Date('2026-08-01T00:00:00Z');
    const filtered = computeMetrics(incidents, deploys, policy, { now: NOW, since, category: 'security', severity: 'SEV2' });
    assert.equal(filtered.incidents, incidents.filter((i) => Date.parse(i.declaredAt) >= since.getTime() && i.category === 'security' && i.severity === 'SEV2').length);
    const csv = metricsToCsv(metrics).split('\n');
    assert.equal(csv[0], 'scope,key,measure,count,median_minutes,mean_minutes');
    assert.equal(
      csv[3],
      `all,all,time_to_resolve,${metrics.overall.resolve.count},${(metrics.overall.resolve.medianMs! / MINUTE).toFixed(1)},${(metrics.overall.resolve.meanMs! / MINUTE).toFixed(1)}`,
    );
  });
});
