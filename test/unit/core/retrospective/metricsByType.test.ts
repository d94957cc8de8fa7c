/** Metrics by incident type (issue 31): filtered and grouped by type beside the category, CSV rows per type, the dashboard's protocol carrying both. */
import * as assert from 'node:assert/strict';
import { computeMetrics, metricsToCsv } from '../../../../src/core/retrospective/metrics';
import type { Incident } from '../../../../src/core/record/schema';
import { metricsFilter } from '../../../../src/protocol/metricsFilter';
import { parseMetricsHostMessage, parseMetricsWebviewMessage } from '../../../../src/protocol/metrics';
import { generatedHistory, NOW, policy } from '../merge/generatedHistory';

const { incidents, deploys } = generatedHistory(120, 7);
/** Every third incident a data loss, every fifth (not third) a vendor outage, the rest untyped. */
const typed: Incident[] = incidents.map((incident, index) => (index % 3 === 0 ? { ...incident, type: 'data-loss' } : index % 5 === 0 ? { ...incident, type: 'vendor' } : incident));
const resolveMs = (list: Incident[]) => list.filter((i) => i.resolvedAt).map((i) => Date.parse(i.resolvedAt!) - Date.parse(i.declaredAt));

describe('metrics by incident type (src/core/retrospective/metrics.ts)', () => {
  it('groups by type in id order, each group the numbers of its incidents alone, untyped ones in no group', () => {
    const metrics = computeMetrics(typed, deploys, policy, { now: NOW });
    assert.deepEqual(
      metrics.byType?.map((row) => [row.type, row.metrics.incidents]),
      [
        ['data-loss', typed.filter((i) => i.type === 'data-loss').length],
        ['vendor', typed.filter((i) => i.type === 'vendor').length],
      ],
    );
    const dataLoss = typed.filter((i) => i.type === 'data-loss');
    assert.equal(metrics.byType?.[0].metrics.resolve.count, resolveMs(dataLoss).length);
    assert.deepEqual(metrics.byType?.[0].metrics, computeMetrics(typed, deploys, policy, { now: NOW, type: 'data-loss' }).overall);
  });

  it('filters by type, a type no incident has giving none, and says nothing of types when no incident has one', () => {
    const only = computeMetrics(typed, deploys, policy, { now: NOW, type: 'vendor' });
    assert.equal(only.incidents, typed.filter((i) => i.type === 'vendor').length);
    assert.deepEqual(
      only.byType?.map((row) => row.type),
      ['vendor'],
    );
    assert.equal(computeMetrics(typed, deploys, policy, { now: NOW, type: 'payments' }).incidents, 0);
    const plain = computeMetrics(incidents, deploys, policy, { now: NOW });
    assert.equal('byType' in plain, false);
    assert.doesNotMatch(metricsToCsv(plain), /^type,/m, 'a store without types gives the same CSV as before');
  });

  it('writes a row per type and measure in the CSV, after the categories', () => {
    const csv = metricsToCsv(computeMetrics(typed, deploys, policy, { now: NOW })).split('\n');
    const typeRows = csv.filter((row) => row.startsWith('type,'));
    assert.deepEqual(
      typeRows.map((row) => row.split(',').slice(0, 3).join(',')),
      ['data-loss', 'vendor'].flatMap((type) => ['acknowledge', 'mitigate', 'resolve', 'detect'].map((measure) => `type,${type},time_to_${measure}`)),
    );
    assert.ok(csv.findIndex((row) => row.startsWith('type,')) > csv.findLastIndex((row) => row.startsWith('category,')));
  });

  it("the dashboard's protocol takes a type in its filter and the per-type rows in its metrics, and refuses a hostile type", () => {
    const filter = { range: 'all', type: 'data-loss' } as const;
    assert.equal(metricsFilter(filter, NOW).type, 'data-loss');
    assert.equal(parseMetricsWebviewMessage({ type: 'setFilter', filter }).ok, true);
    assert.equal(parseMetricsWebviewMessage({ type: 'setFilter', filter: { range: 'all', type: '../../x' } }).ok, false);
    const metrics = computeMetrics(typed, deploys, policy, { now: NOW });
    assert.equal(parseMetricsHostMessage({ type: 'metrics', filter, metrics: JSON.parse(JSON.stringify(metrics)), computedInMs: 1 }).ok, true);
  });
});
