/**
 * The dashboard's check of what the host sends (src/protocol/metrics.ts) and
 * of the filter it saved itself: the parts of the numbers the page reads.
 */
import { CATEGORIES, SEVERITIES } from '../../../src/core/record/recordValues';
import type { MetricsFilterMessage, MetricsHostMessage } from '../../../src/protocol/metrics';
import type { Parsed } from '../../../src/protocol/requests';
import { METRIC_MEASURES, METRICS_RANGES } from '../../../src/protocol/webviewValues';
import { field, firstFailure, isCount, isOneOf, isOptional, isRecord, isText, type ShapeCheck } from '../shapeChecks';

function filterChecks(filter: unknown, where = 'filter'): ShapeCheck[] {
  const known = new Set(['range', 'category', 'severity', 'type', 'includeDrills']);
  return [
    [where, isRecord(filter) && Object.keys(filter).every((key) => known.has(key))],
    [`${where}.range`, isOneOf(field(filter, 'range'), METRICS_RANGES)],
    [`${where}.category`, isOptional(field(filter, 'category'), (v) => isOneOf(v, CATEGORIES))],
    [`${where}.severity`, isOptional(field(filter, 'severity'), (v) => isOneOf(v, SEVERITIES))],
    [`${where}.type`, isOptional(field(filter, 'type'), (v) => isText(v, 64))],
    [`${where}.includeDrills`, isOptional(field(filter, 'includeDrills'), (v) => typeof v === 'boolean')],
  ];
}

const isMetricSet = (set: unknown) => isCount(field(set, 'incidents')) && METRIC_MEASURES.every((measure) => isCount(field(field(set, measure), 'count')));
const isAdherence = (value: unknown) => isCount(field(value, 'met')) && isCount(field(value, 'breached'));

function metricsChecks(metrics: unknown): ShapeCheck[] {
  const byMonth = field(metrics, 'byMonth');
  const bySeverity = field(metrics, 'bySeverity');
  const open = field(metrics, 'openActionItems');
  const drills = field(metrics, 'drills');
  const dates = field(drills, 'dates');
  return [
    ['metrics.incidents', isCount(field(metrics, 'incidents'))],
    ['metrics.overall', isMetricSet(field(metrics, 'overall'))],
    ['metrics.byMonth', Array.isArray(byMonth) && byMonth.every((month) => isText(field(month, 'month'), 7) && isMetricSet(field(month, 'metrics')))],
    ['metrics.byCategory', CATEGORIES.every((category) => isMetricSet(field(field(metrics, 'byCategory'), category)))],
    [
      'metrics.byType',
      isOptional(field(metrics, 'byType'), (rows) => Array.isArray(rows) && rows.every((row) => isText(field(row, 'type'), 64) && isMetricSet(field(row, 'metrics')))),
    ],
    [
      'metrics.bySeverity',
      SEVERITIES.every(
        (severity) =>
          isCount(field(field(bySeverity, severity), 'incidents')) &&
          isAdherence(field(field(bySeverity, severity), 'response')) &&
          isAdherence(field(field(bySeverity, severity), 'resolution')),
      ),
    ],
    ['metrics.openActionItems', (['total', 'under7Days', 'from7To30Days', 'over30Days'] as const).every((key) => isCount(field(open, key)))],
    ['metrics.drills', isCount(field(drills, 'count')) && Array.isArray(dates) && dates.every((at) => isText(at, 40)) && isCount(field(field(drills, 'acknowledge'), 'count'))],
  ];
}

function checksFor(raw: unknown): ShapeCheck[] {
  switch (field(raw, 'type')) {
    case 'metrics':
      return [
        ...filterChecks(field(raw, 'filter')),
        ...metricsChecks(field(raw, 'metrics')),
        ['types', isOptional(field(raw, 'types'), (types) => Array.isArray(types) && types.every((type) => isText(field(type, 'id'), 64) && isText(field(type, 'title'), 500)))],
        ['computedInMs', typeof field(raw, 'computedInMs') === 'number' && (field(raw, 'computedInMs') as number) >= 0],
      ];
    case 'error':
      return [
        ['message', isText(field(raw, 'message'), 2000)],
        ['requestId', isOptional(field(raw, 'requestId'), (v) => isText(v, 32))],
      ];
    default:
      return [['type', false]];
  }
}

export function checkMetricsHostMessage(raw: unknown): Parsed<MetricsHostMessage> {
  const error = firstFailure(checksFor(raw));
  return error ? { ok: false, error } : { ok: true, message: raw as MetricsHostMessage };
}

/** The filter the dashboard saved with setState, or undefined when it is missing or malformed. */
export function savedFilter(raw: unknown): MetricsFilterMessage | undefined {
  return firstFailure(filterChecks(raw)) ? undefined : (raw as MetricsFilterMessage);
}
