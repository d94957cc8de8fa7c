/**
 * The metrics dashboard's cost for 10,000 incidents (goal: under a second to
 * compute and render; the render is timed by the dashboard e2e test). The
 * limit beside it is the least any such computation does: one pass that sorts
 * the resolution times for a median.
 */
import { computeMetrics, metricsToCsv } from '../../src/core/retrospective/metrics';
import { generatedHistory, NOW, policy } from '../unit/core/merge/generatedHistory';
import { timeSync } from './timing';

const { incidents, deploys } = generatedHistory(10_000, 7);
const limit = timeSync(7, () => incidents.map((i) => (i.resolvedAt ? Date.parse(i.resolvedAt) - Date.parse(i.declaredAt) : Infinity)).sort((a, b) => a - b));
const calendar = timeSync(7, () => computeMetrics(incidents, deploys, policy, { now: NOW }));
const business = timeSync(7, () => computeMetrics(incidents, deploys, undefined, { now: NOW }));
const csv = timeSync(7, () => metricsToCsv(computeMetrics(incidents, deploys, undefined, { now: NOW })));
console.log('metrics over 10,000 incidents                   ours (ms)   limit (ms)   ratio');
const row = (name: string, ours: number) =>
  console.log(`${name.padEnd(47)} ${ours.toFixed(1).padStart(9)}   ${limit.toFixed(1).padStart(10)}   ${(ours / limit).toFixed(1).padStart(5)}x`);
row('all metrics, calendar-time targets', calendar);
row('all metrics, default policy (business days)', business);
row('all metrics + CSV export', csv);
console.log(`goal: dashboard computed and drawn in under 1,000 ms (drawing: see the metrics e2e log)`);
