/**
 * One alert notification applied to the store, as a pure function: it opens
 * an incident, joins one, or does nothing, and says which and why. One
 * incident per problem: the alerts of a group go to the open incident that
 * holds any of them (or their group); a repeat only counts; a state change
 * writes one timeline line, until an alert flaps, when it is counted on its
 * record instead. An alert that fires again after its incident was resolved
 * opens a new incident that names the earlier one. Nothing here reads the
 * clock or the machine: times, ids and authors come from the alerts, so two
 * receivers given the same notifications write the same records.
 */
import { declareIncident } from '../lifecycle/declare';
import { isActive } from '../lifecycle/lifecycle';
import { addTimelineEvent, type NewTimelineEvent } from '../lifecycle/timeline';
import type { ChangeContext } from '../record/context';
import type { AlertRecord, Incident, StoreDocument } from '../record/schema';
import { alertGroupIdentity, incidentIdFromIdentity } from './alertIncidentId';
import { alertEventId, alertEventText, alertRecordId, FLAP_EVENTS, newAlertRecord, stateTime, withNotification } from './alertRecords';
import type { NotificationDecision } from './intakeRules';
import type { AlertNotification, AlertSource, ReceivedAlert } from './receivedAlert';

/** Who an alert-opened incident and its alert lines are by: the monitoring, never the machine that received it. */
export const ALERT_AUTHORS: Record<AlertSource, string> = {
  alertmanager: 'Alertmanager (alert intake)',
  grafana: 'Grafana alerting (alert intake)',
  sentry: 'Sentry (alert intake)',
  generic: 'Monitoring (alert intake)',
};

export interface AppliedNotification {
  document: StoreDocument;
  /** declared: a new incident; attached: an incident (open, or the resolved one a late notification is about) took the alerts; ignored: nothing written. */
  outcome: 'declared' | 'attached' | 'ignored';
  incidentId?: string;
  /** Why, in one line: the rule that decided, or why nothing was written. */
  reason: string;
  /** Alerts first seen, alerts whose state changed, and repeats that only counted. */
  counts: { new: number; changed: number; repeats: number };
  /** Every alert on the incident has resolved: time to consider "mitigated" (never set here). */
  allResolved: boolean;
  /** The resolved incident this one's alerts fired again after. */
  earlier?: string;
}

export interface ApplyOptions {
  /** Evidence an alert carries (Sentry's stack frames, mapped to the repository by the caller); written once per alert. */
  evidence?: (alert: ReceivedAlert) => NewTimelineEvent | undefined;
}

const ignored = (document: StoreDocument, reason: string): AppliedNotification => ({
  document,
  outcome: 'ignored',
  reason,
  counts: { new: 0, changed: 0, repeats: 0 },
  allResolved: false,
});

/** A change context whose event ids come from the event's content, so receivers agree. */
const alertContext = (at: string, author: string, ...identity: string[]): ChangeContext => {
  let n = 0;
  return { at: new Date(at), author, newId: () => alertEventId(...identity, String(n++)) };
};

export function applyNotification(document: StoreDocument, notification: AlertNotification, decision: NotificationDecision, options: ApplyOptions = {}): AppliedNotification {
  const ids = new Set(notification.alerts.map(alertRecordId));
  const holds = (incident: Incident) => incident.alerts?.some((record) => ids.has(record.id) || record.groupKey === notification.groupKey) ?? false;
  const open = document.incidents.find((incident) => isActive(incident) && holds(incident));
  if (open) return attach(document, open, notification, decision.incident.reason, options);

  const firing = notification.alerts.filter((alert) => alert.state === 'firing');
  const earlier = [...document.incidents].reverse().find((incident) => incident.alerts?.some((record) => ids.has(record.id)));
  // A late notification about alerts of a resolved incident (their resolution, a retry) belongs to it; only a firing with a later start is a new problem.
  const refires = firing.filter((alert) => earlier?.alerts?.every((record) => record.id !== alertRecordId(alert) || alert.startsAt > record.startsAt) ?? true);
  if (earlier && !refires.length) return attach(document, earlier, notification, decision.incident.reason, options);
  if (!firing.length) return ignored(document, 'every alert in it has resolved and no incident holds them: nothing to open');
  if (!decision.incident.declare) return ignored(document, `no open incident of this alert group, and ${decision.incident.reason}, which only attaches`);
  return declare(document, notification, decision, options, earlier?.id);
}

function declare(
  document: StoreDocument,
  notification: AlertNotification,
  decision: NotificationDecision,
  options: ApplyOptions,
  earlier: string | undefined,
): AppliedNotification {
  const { incident: what } = decision;
  const startsAt = what.startsAt ?? notification.alerts[0].startsAt;
  const author = ALERT_AUTHORS[notification.source];
  // The derived id is taken by an incident of another group only by a hash collision: the next candidate, the same on every receiver.
  let id = what.id;
  for (let n = 2; document.incidents.some((incident) => incident.id === id); n++) id = incidentIdFromIdentity(`${alertGroupIdentity(notification)}\u0000${n}`);
  let incident = declareIncident(
    // The impact began when the alert did (time to detect, the suspects' deploys): the monitoring's startsAt, the same on every receiver.
    {
      title: what.title,
      category: what.category,
      severity: what.severity,
      startedAt: new Date(startsAt),
      ...(what.drill ? { drill: true } : {}),
      ...(what.type ? { type: what.type } : {}),
      ...(what.rule ? { intakeRule: what.rule } : {}),
    },
    alertContext(startsAt, author, id, 'declared'),
    id,
  );
  if (earlier) {
    incident = addTimelineEvent(
      incident,
      { kind: 'note', text: `Opened because its alerts fired again after ${earlier} was resolved`, data: { earlierIncident: earlier } },
      alertContext(startsAt, author, id, 'earlier', earlier),
    );
  }
  const applied = attach({ ...document, incidents: [...document.incidents, incident] }, incident, notification, what.reason, options);
  return { ...applied, outcome: 'declared', ...(earlier && { earlier }) };
}

function attach(document: StoreDocument, incident: Incident, notification: AlertNotification, reason: string, options: ApplyOptions): AppliedNotification {
  const author = ALERT_AUTHORS[notification.source];
  const counts = { new: 0, changed: 0, repeats: 0 };
  let changed = incident;
  const records = new Map((incident.alerts ?? []).map((record) => [record.id, record]));
  const write = (record: AlertRecord, line: NewTimelineEvent) => {
    changed = addTimelineEvent(changed, line, alertContext(stateTime(record), author, incident.id, record.id, record.state, stateTime(record)));
  };
  for (const alert of notification.alerts) {
    const known = records.get(alertRecordId(alert));
    if (!known) {
      const record = newAlertRecord(alert, notification.groupKey);
      records.set(record.id, record);
      counts.new++;
      write(record, { kind: 'evidence', text: alertEventText(record), data: { alert: record.id, state: record.state } });
      const evidence = options.evidence?.(alert);
      if (evidence) changed = addTimelineEvent(changed, evidence, alertContext(alert.startsAt, author, incident.id, record.id, 'evidence'));
      continue;
    }
    const next = withNotification(known, alert);
    records.set(known.id, next.record);
    if (!next.changed) {
      counts.repeats++;
      continue;
    }
    counts.changed++;
    if (next.record.changes < FLAP_EVENTS) write(next.record, { kind: 'evidence', text: alertEventText(next.record), data: { alert: known.id, state: next.record.state } });
    else if (next.record.changes === FLAP_EVENTS)
      write(next.record, {
        kind: 'evidence',
        text: `Alert ${next.record.name} is flapping: ${FLAP_EVENTS} changes of state; further ones are counted on the alert, not written here`,
        data: { alert: known.id, flapping: true },
      });
  }
  const alerts = [...records.values()];
  // Never earlier than before (an event about an older state stamps its own time): the latest of the record's and its alerts' times.
  const latest = [changed.updatedAt, ...alerts.map(stateTime)].reduce((a, b) => (a > b ? a : b), incident.updatedAt);
  changed = { ...changed, alerts, updatedAt: latest };
  const incidents = document.incidents.map((candidate) => (candidate.id === incident.id ? changed : candidate));
  return {
    document: { ...document, incidents },
    outcome: 'attached',
    incidentId: incident.id,
    reason,
    counts,
    allResolved: alerts.length > 0 && alerts.every((record) => record.state === 'resolved'),
  };
}
