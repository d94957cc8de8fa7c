/** The dashboard's filter (a range like "90d", category, severity, incident type, whether drills count) as the metrics' filter at `now`. Pure, for the e2e test too. */
import type { MetricsFilter } from '../core/retrospective/metrics';
import type { MetricsFilterMessage } from './metrics';

const DAYS: Record<MetricsFilterMessage['range'], number | undefined> = { '30d': 30, '90d': 90, '365d': 365, all: undefined };

export function metricsFilter(message: MetricsFilterMessage, now: Date): MetricsFilter {
  const days = DAYS[message.range];
  return {
    now,
    ...(days && { since: new Date(now.getTime() - days * 86_400_000) }),
    ...(message.category && { category: message.category }),
    ...(message.severity && { severity: message.severity }),
    ...(message.type && { type: message.type }),
    ...(message.includeDrills && { includeDrills: true }),
  };
}
