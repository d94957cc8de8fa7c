/**
 * An alert notification taken into the store: read (whichever source sent
 * it), decided by the plan's intake rules, applied under the store's lock as
 * one write, with the runbook tasks a new incident gets, the on-call person
 * as commander when the plan assigns one (src/core/oncall/routing.ts), and the stack trace
 * an alert carries placed among the repository's files as evidence. The one
 * way alerts get in: `incident intake`, its HTTP receiver and any later
 * writer call this, as declaring goes through incidentWrites.ts.
 */
import { errorEvidence } from '../core/code/errorEvidence';
import { mapFramesToRepository } from '../core/code/stackTraces';
import { alertEventId } from '../core/intake/alertRecords';
import { applyNotification, ALERT_AUTHORS, type AppliedNotification } from '../core/intake/applyNotification';
import { decideAlert, type IntakePlan, type NotificationDecision } from '../core/intake/intakeRules';
import { readNotification } from '../core/intake/payloads/detect';
import type { AlertNotification, AlertSource, ReceivedAlert } from '../core/intake/receivedAlert';
import type { Incident, StoreDocument } from '../core/record/schema';
import { assignRole } from '../core/lifecycle/changes';
import { proposedCommander, type ProposedCommander, type RoutingPlan } from '../core/oncall/routing';
import type { IncidentStore } from '../store/incidentStore';
import { runbookTaskAdder } from '../store/planFile';
import { deliveriesAdded, withMessageDeliveries, type DeliverySetup } from './delivery/deliveryTargets';

/** What intake reads of the plan: its rules and generic mapping, the categories, the runbooks, and the rotations it routes to. */
export type IntakeWritePlan = IntakePlan & Omit<RoutingPlan, 'intake'>;

export interface AlertWriter {
  readonly store: Pick<IncidentStore, 'root' | 'mutateDocument'>;
  plan(): IntakeWritePlan;
  /** The files git tracks, for placing a stack trace's frames (asked for only when an alert has frames). */
  trackedFiles(): Promise<readonly string[]>;
  /** When given, an incident an alert declares gets its declaration's deliveries (the channels its severity notifies), as a person's would. */
  readonly deliveries?: DeliverySetup;
}

export interface TakenAlert extends Omit<AppliedNotification, 'document'> {
  notification: AlertNotification;
  decision: NotificationDecision;
  /** A problem per runbook that could not be read; the others' tasks were added. */
  runbooksLeftOut: readonly string[];
  /** How many deliveries the declaration queued (0 unless an incident was declared and a delivered channel hears it). */
  deliveries: number;
  /** Who the plan's rotations propose as commander of the incident it declared (`assign`: made commander); absent when none applies. */
  proposedCommander?: ProposedCommander;
}

/** Reads and decides without writing: what `incident intake --dry-run` prints. Throws a one-line DomainError for a body it cannot read. */
export function previewAlert(body: unknown, plan: IntakeWritePlan, document: StoreDocument, source?: AlertSource): Omit<TakenAlert, 'runbooksLeftOut' | 'deliveries'> {
  const notification = readNotification(body, source, plan.intake?.generic);
  const decision = decideAlert(notification, plan);
  const { document: _, ...applied } = applyNotification(document, notification, decision);
  const declaredAt = applied.outcome === 'declared' ? (decision.incident.startsAt ?? notification.alerts[0]?.startsAt) : undefined;
  const proposed = declaredAt ? proposedCommander(plan, { severity: decision.incident.severity, rule: decision.incident.rule }, new Date(declaredAt)) : undefined;
  return { ...applied, notification, decision, ...(proposed ? { proposedCommander: proposed } : {}) };
}

/** Takes one notification into the store (created when missing), durably, before it returns. */
export async function takeAlert(writer: AlertWriter, body: unknown, source?: AlertSource): Promise<TakenAlert> {
  const plan = writer.plan();
  const notification = readNotification(body, source, plan.intake?.generic);
  const decision = decideAlert(notification, plan);
  const withFrames = notification.alerts.filter((alert) => alert.frames?.length);
  const tracked = withFrames.length ? await writer.trackedFiles() : [];
  const evidence = (alert: ReceivedAlert) =>
    alert.frames?.length ? errorEvidence(alert.errorText ?? alert.fields.title ?? alert.fingerprint, mapFramesToRepository(alert.frames, tracked), 'alert') : undefined;
  const runbooksLeftOut: string[] = [];
  const addTasks = runbookTaskAdder(
    writer.store.root,
    () => plan,
    (problem) => runbooksLeftOut.push(problem),
    decision.incident.runbooks,
  );
  let applied: AppliedNotification | undefined;
  let deliveries = 0;
  let proposed: ProposedCommander | undefined;
  await writer.store.mutateDocument(
    (document) => {
      applied = applyNotification(document, notification, decision, { evidence });
      if (applied.outcome !== 'declared') return applied.document;
      const id = applied.incidentId;
      return {
        ...applied.document,
        incidents: applied.document.incidents.map((incident) => {
          if (incident.id !== id) return incident;
          let n = 0;
          // The tasks' ids come from the runbooks; their events' ids and times from the incident, so every receiver writes the same.
          const ctx = { at: new Date(incident.declaredAt), author: ALERT_AUTHORS[notification.source] };
          // Who was on call when the alert fired: the same answer on every receiver.
          proposed = proposedCommander(plan, { severity: incident.severity, rule: decision.incident.rule }, ctx.at);
          const withTasks = withOnCallCommander(addTasks(incident, { ...ctx, newId: () => alertEventId(incident.id, 'runbook', String(n++)) }), proposed, ctx);
          if (!writer.deliveries) return withTasks;
          // The same delivery ids on every receiver (the declaration's event id); each claims it, and the claims protocol lets one send.
          const told = withMessageDeliveries(undefined, withTasks, writer.deliveries, ctx);
          deliveries = deliveriesAdded(undefined, told).length;
          return told;
        }),
      };
    },
    { create: true },
  );
  const { document: _, ...result } = applied as AppliedNotification;
  return { ...result, notification, decision, runbooksLeftOut, deliveries, ...(proposed ? { proposedCommander: proposed } : {}) };
}

/**
 * The on-call person made commander when the plan assigns them: at the
 * instant the alert fired, with an event id from the incident, so every
 * receiver writes the same. Not an acknowledgement: they have not acted yet.
 */
function withOnCallCommander(incident: Incident, proposed: ProposedCommander | undefined, ctx: { at: Date; author: string }): Incident {
  if (!proposed?.assign || incident.roles.commander) return incident;
  return assignRole(incident, 'commander', proposed.person, { ...ctx, newId: () => alertEventId(incident.id, 'oncall-commander') });
}
