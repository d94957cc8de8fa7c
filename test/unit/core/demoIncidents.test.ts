import * as assert from 'node:assert/strict';
import { dueAlerts } from '../../../src/core/clocks/alerts';
import { STATUSES, type Incident, type Status } from '../../../src/core/record/schema';
import { clockSummary, resolvePolicy, slaClocks } from '../../../src/core/clocks/sla';
import { demoStore } from '../../harness/demoIncidents';
import { T0 } from './builders';

/** The stamps an incident in each status has: every step up to it left its own. */
const STAMP_FROM: Record<'acknowledgedAt' | 'mitigatedAt' | 'resolvedAt' | 'closedAt', Status> = {
  acknowledgedAt: 'triaged',
  mitigatedAt: 'mitigated',
  resolvedAt: 'resolved',
  closedAt: 'closed',
};

function stampProblems(incident: Incident, now: Date): string[] {
  const problems: string[] = [];
  const rank = STATUSES.indexOf(incident.status);
  let previous = incident.declaredAt;
  for (const [field, from] of Object.entries(STAMP_FROM) as [keyof typeof STAMP_FROM, Status][]) {
    const value = incident[field];
    const expected = rank >= STATUSES.indexOf(from);
    if (expected !== (value !== undefined)) problems.push(`${incident.id} is ${incident.status} but ${field} is ${value ?? 'missing'}`);
    if (value === undefined) continue;
    if (value < previous) problems.push(`${incident.id}: ${field} ${value} comes before ${previous}`);
    if (value > now.toISOString()) problems.push(`${incident.id}: ${field} ${value} is in the future`);
    previous = value;
  }
  return problems;
}

describe('the demo store', () => {
  const document = demoStore(T0);
  const policy = resolvePolicy(document.policy);

  it('stamps every incident as its status says: acknowledged from triaged on, mitigated, resolved and closed when it got there, in order', () => {
    assert.deepEqual(
      document.incidents.flatMap((incident) => stampProblems(incident, T0)),
      [],
    );
  });

  it('has no incident whose response is overdue when the demo starts', () => {
    const late = document.incidents.filter((incident) => slaClocks(incident, policy, T0).some((clock) => clock.name === 'response' && clock.breached && !clock.metAt));
    assert.deepEqual(
      late.map((i) => `${i.id} ${clockSummary(slaClocks(i, policy, T0))?.text}`),
      [],
    );
  });

  it('opens with one reminder: the mitigated incident whose fix is late, not a wall of errors', () => {
    const alerts = document.incidents.flatMap((incident) => dueAlerts(incident, policy, T0, 5 * 60_000));
    assert.deepEqual(
      alerts.map((a) => [a.incidentId, a.kind, a.stage]),
      [['INC-1A2B3C6F', 'resolution', 'breached']],
    );
  });
});
