/**
 * Which SLA and update reminders an incident deserves at an instant. Each
 * alert has a stable key (incident, clock, stage, deadline) so the UI shows it
 * once, not on every tick, and again only if the deadline moves.
 */
import { drillMarked } from '../lifecycle/drills';
import { isActive } from '../lifecycle/lifecycle';
import type { Incident, SlaPolicy } from '../record/schema';
import { formatDuration } from './durations';
import { nextUpdateDue, slaClocks } from './sla';
import type { RegulatoryClockRule } from '../plan/plan';
import { regulatoryClocks } from './regulatory';
import type { PlanTypes } from '../plan/incidentTypes';

export interface Alert {
  key: string;
  incidentId: string;
  kind: 'response' | 'resolution' | 'update' | 'regulatory';
  stage: 'soon' | 'breached';
  message: string;
}

/** A regulatory deadline is days away when it starts: it is announced this long before, at the least. */
const REGULATORY_LEAD_MS = 2 * 60 * 60_000;

/**
 * `regulatory`: the plan's clocks. Unlike the SLA's they keep running after
 * the incident is resolved (a final report is due a month on), until the
 * notification is recorded or the incident is closed. `types`: the plan's
 * incident types, which may switch them on or off for an incident's type.
 */
export function dueAlerts(incident: Incident, policy: SlaPolicy, now: Date, leadMs: number, regulatory: readonly RegulatoryClockRule[] = [], types: PlanTypes = {}): Alert[] {
  const alerts: Alert[] = [];
  const add = (kind: Alert['kind'], deadline: Date, remainingMs: number, what: string, lead = leadMs) => {
    if (remainingMs > lead) return;
    const stage = remainingMs < 0 ? 'breached' : 'soon';
    const when = stage === 'breached' ? `overdue by ${formatDuration(remainingMs)}` : `due in ${formatDuration(remainingMs)}`;
    alerts.push({
      key: `${incident.id}:${kind}:${stage}:${deadline.toISOString()}`,
      incidentId: incident.id,
      kind,
      stage,
      // A drill is reminded like a real incident, and says it is a drill.
      message: drillMarked(incident, `${incident.id} ${incident.severity} "${incident.title}": ${what} ${when}.`),
    });
  };
  if (incident.status !== 'closed')
    for (const clock of regulatoryClocks(incident, regulatory, policy.timeZone, now, types))
      if (!clock.met)
        add(
          'regulatory',
          clock.deadline,
          clock.remainingMs,
          `the regulatory deadline "${clock.title}"${clock.to ? ` (to ${clock.to})` : ''} is`,
          Math.max(leadMs, REGULATORY_LEAD_MS),
        );
  if (!isActive(incident)) return alerts;
  for (const clock of slaClocks(incident, policy, now)) {
    if (!clock.metAt) add(clock.name, clock.deadline, clock.remainingMs, clock.name === 'response' ? 'response' : 'resolution');
  }
  const update = nextUpdateDue(incident, policy);
  if (update) add('update', update, update.getTime() - now.getTime(), 'the next status update is');
  return alerts;
}
