/**
 * The metrics dashboard's cost for 10,000 incidents (goal: under a second to
 * compute and render; the render is timed by the dashboard e2e test). The
 * limit beside it is the least any such computation does: one pass that sorts
 * the resolution times for a median.
 */
import { computeMetrics, metricsToCsv } from '../../src/core/metrics';
import { generatedHistory, NOW, policy } from '../unit/core/generatedHistory';

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(runs: number, work: () => unknown): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    work();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

const { incidents, deploys } = generatedHistory(10_000, 7);
const limit = time(7, () => incidents.map((i) => (i.resolvedAt ? Date.parse(i.resolvedAt) - Date.parse(i.declaredAt) : Infinity)).sort((a, b) => a - b));
const calendar = time(7, () => computeMetrics(incidents, deploys, policy, { now: NOW }));
const business = time(7, () => computeMetrics(incidents, deploys, undefined, { now: NOW }));
const csv = time(7, () => metricsToCsv(computeMetrics(incidents, deploys, undefined, { now: NOW })));
console.log('metrics over 10,000 incidents                   ours (ms)   limit (ms)   ratio');
const row = (name: string, ours: number) => console.log(`${name.padEnd(47)} ${ours.toFixed(1).padStart(9)}   ${limit.toFixed(1).padStart(10)}   ${(ours / limit).toFixed(1).padStart(5)}x`);
row('all metrics, calendar-time targets', calendar);
row('all metrics, default policy (business days)', business);
row('all metrics + CSV export', csv);
console.log(`goal: dashboard computed and drawn in under 1,000 ms (drawing: see the metrics e2e log)`);
