/**
 * Which SLA and update reminders an incident deserves at an instant. Each
 * alert has a stable key (incident, clock, stage, deadline) so the UI shows it
 * once, not on every tick, and again only if the deadline moves.
 */
import { drillMarked } from './drills';
import { isActive } from './lifecycle';
import type { Incident, SlaPolicy } from './schema';
import { formatDuration } from './durations';
import { nextUpdateDue, slaClocks } from './sla';

export interface Alert {
  key: string;
  incidentId: string;
  kind: 'response' | 'resolution' | 'update';
  stage: 'soon' | 'breached';
  message: string;
}

export function dueAlerts(incident: Incident, policy: SlaPolicy, now: Date, leadMs: number): Alert[] {
  if (!isActive(incident)) return [];
  const alerts: Alert[] = [];
  const add = (kind: Alert['kind'], deadline: Date, remainingMs: number, what: string) => {
    if (remainingMs > leadMs) return;
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
  for (const clock of slaClocks(incident, policy, now)) {
    if (!clock.metAt) add(clock.name, clock.deadline, clock.remainingMs, clock.name === 'response' ? 'response' : 'resolution');
  }
  const update = nextUpdateDue(incident, policy);
  if (update) add('update', update, update.getTime() - now.getTime(), 'the next status update is');
  return alerts;
}
