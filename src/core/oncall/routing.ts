/**
 * Routing: which rotation an incident goes to, and so who is proposed as its
 * commander. An intake rule that names a rotation decides for the incidents
 * it opens; otherwise the severity's entry in the plan does. The proposed
 * commander is the first person of the rotation's escalation chain at the
 * instant (the primary, or the next layer when the primary has nobody).
 * `assign` (beside `rotation`) says whether the CLI and alert intake make
 * them commander; without it they are only proposed (VS Code offers them
 * first). The one that decides gives both: a rule's rotation without
 * `assign` is not assigned, whatever the severity says.
 */
import type { Incident, Severity } from '../record/schema';
import { escalationChain } from './onCall';
import type { OncallPlan } from './oncallPlan';

/** What routing reads of the plan: the rotations, each severity's and each intake rule's `rotation` and `assign`. */
export interface RoutingPlan extends OncallPlan {
  severities?: Partial<Record<Severity, { rotation?: string; assign?: boolean }>>;
  intake?: { rules: readonly { name: string; rotation?: string; assign?: boolean }[] };
}

/** Where an incident comes from: its severity, and the intake rule that opened it (by name) when an alert did. */
export interface RouteFrom {
  severity?: Severity;
  rule?: string;
}

export interface ProposedCommander {
  person: string;
  rotation: string;
  layer: string;
  /** Until when they hold that layer. */
  until: Date;
  /** Whether the plan says to make them commander (the CLI and alert intake do). */
  assign: boolean;
  /** Why, in words: "on call for payments (primary), per intake rule payments-critical". */
  why: string;
}

/** Where an incident known to exist comes from: its severity always, the intake rule when an alert opened it. */
export type IncidentRoute = RouteFrom & { severity: Severity };

/** Where a stored incident comes from: its severity now, and the intake rule its declaration names when an alert opened it. */
export function routeOf(incident: Pick<Incident, 'severity' | 'timeline'>): IncidentRoute {
  const rule = incident.timeline.find((event) => event.kind === 'declared')?.data?.intakeRule;
  return { severity: incident.severity, ...(typeof rule === 'string' ? { rule } : {}) };
}

/** The rotation the plan routes to for `from`, with whether to assign and by what; undefined when nothing names one. */
export function routedRotation(plan: RoutingPlan, from: RouteFrom): { rotation: string; assign: boolean; by: string } | undefined {
  const rule = from.rule === undefined ? undefined : plan.intake?.rules.find((candidate) => candidate.name === from.rule);
  if (rule?.rotation !== undefined) return { rotation: rule.rotation, assign: rule.assign ?? false, by: `intake rule ${rule.name}` };
  const severity = from.severity === undefined ? undefined : plan.severities?.[from.severity];
  if (severity?.rotation !== undefined) return { rotation: severity.rotation, assign: severity.assign ?? false, by: `severity ${from.severity}` };
  return undefined;
}

/** Who the plan proposes as commander for an incident from `from` at `at`; undefined when no rotation applies or nobody in it is on call. */
export function proposedCommander(plan: RoutingPlan, from: RouteFrom, at: Date): ProposedCommander | undefined {
  const routed = routedRotation(plan, from);
  if (!routed) return undefined;
  const first = escalationChain(plan, routed.rotation, at)[0];
  if (!first) return undefined;
  return { ...first, assign: routed.assign, why: `on call for ${first.rotation} (${first.layer}), per ${routed.by}` };
}
