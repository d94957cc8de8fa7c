/**
 * A deterministic year of incidents for the metrics tests, the dashboard e2e
 * test and the benchmarks: some unacknowledged, some still open, some with a
 * known start or a deployed cause, some with open action items.
 */
import { CATEGORIES, SEVERITIES, type Deploy, type Incident, type SlaPolicy } from '../../../../src/core/record/schema';
import { seededRandom } from '../../seededRandom';
import { anIncident } from '../builders';

const MINUTE = 60_000;
export const TARGET_MINUTES = { SEV1: [15, 60], SEV2: [30, 240], SEV3: [240, 1440], SEV4: [480, 10080] } as const;
export const policy: SlaPolicy = {
  timeZone: 'UTC',
  businessDays: [1, 2, 3, 4, 5],
  businessHours: { start: '09:00', end: '17:00' },
  holidays: [],
  targets: Object.fromEntries(SEVERITIES.map((s) => [s, { response: `${TARGET_MINUTES[s][0]}m`, resolution: `${TARGET_MINUTES[s][1]}m` }])),
};
export const NOW = new Date('2026-11-01T00:00:00Z');

/** `count` incidents over a year: some unacknowledged, some still open, some with a known start or a deployed cause. */
/** SEV1 10%, SEV2 25%, SEV3 40%, SEV4 25%: most incidents are not emergencies. */
const severityOf = (r: number) => SEVERITIES[r < 0.1 ? 0 : r < 0.35 ? 1 : r < 0.75 ? 2 : 3];

export function generatedHistory(count: number, seed: number): { incidents: Incident[]; deploys: Deploy[] } {
  const next = seededRandom(seed);
  const deploys: Deploy[] = [];
  const incidents = Array.from({ length: count }, (_, n) => {
    const declared = new Date(Date.parse('2025-11-01T00:00:00Z') + Math.floor(next() * 360 * 24 * 60) * MINUTE);
    const at = (minutes: number) => new Date(declared.getTime() + minutes * MINUTE).toISOString();
    const base = anIncident({ severity: severityOf(next()), category: CATEGORIES[Math.floor(next() * 3)] }, declared);
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
        actionItems:
          next() < 0.3 ? [{ id: `a${n}`, title: 'Follow up', status: next() < 0.5 ? 'open' : 'done', createdAt: at(Math.floor(next() * 60 * 24 * 40)), updatedAt: at(0) }] : [],
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
