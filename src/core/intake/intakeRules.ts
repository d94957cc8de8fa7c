/**
 * What an alert notification does, by the plan's intake rules
 * (src/core/plan/intakePlan.ts): for each alert, the first rule whose
 * conditions all hold, or the default rule (src/core/intake/defaultRule.ts),
 * with the reason in words ("rule 'payments-critical' matched
 * labels.service="payments""), and the severity, category, title, runbooks,
 * drill and declare that follow. What a rule leaves out, the default decides.
 *
 * The notification as a whole (the incident it opens or attaches to) follows
 * its lead alert: the most severe firing one (all alerts when none fires),
 * the earliest on a tie, then the first listed. Its id comes from the
 * group's identity (alertIncidentId), so every receiver derives the same.
 * Pure: the same notification and plan give the same decision anywhere.
 */
import { findType } from '../plan/incidentTypes';
import type { ResponsePlan } from '../plan/plan';
import type { IntakeMatchValue, IntakeRule } from '../plan/intakePlan';
import { matchPatternProblem } from '../plan/intakePlan';
import type { Category, Severity } from '../record/schema';
import { clipText, SHORT_TEXT_MAX } from '../text/clip';
import { alertIncidentId, earliestAlert } from './alertIncidentId';
import { alertValue, renderAlertTemplate, shownValue } from './alertText';
import { defaultCategory, defaultSeverity, defaultTitle } from './defaultRule';
import type { AlertNotification, ReceivedAlert } from './receivedAlert';

/** What the plan says about one alert. */
export interface AlertDecision {
  /** The rule that matched; absent when the default rule decided. */
  rule?: string;
  /** Why, in one line: "rule 'payments-critical' matched labels.service="payments"", "default rule: labels.severity="critical" → SEV1". */
  reason: string;
  severity: Severity;
  category: Category;
  /** One line, within the record's title limit, never empty. */
  title: string;
  /** Runbook files relative to the repository root (the plan's runbooks.folder and the rule's file names), as tasks record them. */
  runbooks: string[];
  drill: boolean;
  /** The plan's incident type the rule names (src/core/plan/incidentTypes.ts); absent when it names none. */
  type?: string;
  /** false: only attach to an open incident of the same alert group, never open one. */
  declare: boolean;
}

export interface NotificationDecision {
  /** The incident the notification opens (or attaches to): its lead alert's decision, the derived id, and when the group started. */
  incident: AlertDecision & {
    id: string;
    /** The lead alert's fingerprint; absent for a notification without alerts. */
    leadFingerprint?: string;
    /** The earliest alert's startsAt: when the problem was detected. */
    startsAt?: string;
  };
  /** Each alert with its own decision, in the payload's order. */
  alerts: { alert: ReceivedAlert; decision: AlertDecision }[];
}

/** What decideAlert reads of the plan. */
export type IntakePlan = Pick<ResponsePlan, 'intake' | 'categories' | 'runbooks'> & Partial<Pick<ResponsePlan, 'types'>>;

const SEVERITY_RANK: Record<Severity, number> = { SEV1: 1, SEV2: 2, SEV3: 3, SEV4: 4 };

// Compiled patterns, by source; a pattern the safety check refuses (a plan not read through its schema) never matches.
const compiled = new Map<string, RegExp | null>();
function patternFor(pattern: string): RegExp | null {
  let regex = compiled.get(pattern);
  if (regex === undefined) {
    regex = matchPatternProblem(pattern) ? null : new RegExp(`^(?:${pattern})$`);
    if (compiled.size > 1000) compiled.clear();
    compiled.set(pattern, regex);
  }
  return regex;
}

/** Whether one condition holds, and how to say so ("labels.service="payments"", "labels.severity="critical" (matches "crit.*")"). */
function condition(alert: ReceivedAlert, key: string, expected: IntakeMatchValue): string | undefined {
  const value = alertValue(alert, key) ?? '';
  if (typeof expected === 'string') return value === expected ? `${key}=${shownValue(value)}` : undefined;
  return patternFor(expected.pattern)?.test(value) ? `${key}=${shownValue(value)} (matches ${shownValue(expected.pattern)})` : undefined;
}

/** The conditions of `rule` as they hold for the alert, or undefined when one does not. */
function matches(alert: ReceivedAlert, rule: IntakeRule): string[] | undefined {
  const said: string[] = [];
  for (const [key, expected] of Object.entries(rule.match)) {
    const holds = condition(alert, key, expected);
    if (holds === undefined) return undefined;
    said.push(holds);
  }
  return said;
}

/** The decision for one alert: the first matching rule's, the default's for what it leaves out. */
export function decideForAlert(alert: ReceivedAlert, plan: IntakePlan): AlertDecision {
  const categories = plan.categories.map((category) => category.id);
  for (const rule of plan.intake?.rules ?? []) {
    const held = matches(alert, rule);
    if (!held) continue;
    const fallback = defaultSeverity(alert);
    const rendered = rule.title === undefined ? '' : renderAlertTemplate(rule.title, alert);
    // A type the rule names gives what the rule leaves out: its category, its severity, its runbooks beside the rule's.
    const type = findType(plan, rule.type);
    const severity = rule.severity ?? type?.severity;
    const runbooks = [...new Set([...(rule.runbooks ?? []), ...(type?.runbooks ?? [])])];
    return {
      rule: rule.name,
      reason: `rule '${rule.name}' ${held.length ? `matched ${held.join(', ')}` : 'matches every alert'}${severity ? '' : `; default severity: ${fallback.why}`}`,
      severity: severity ?? fallback.severity,
      category: rule.category ?? type?.category ?? defaultCategory(alert, categories),
      title: rendered || clipText(defaultTitle(alert), SHORT_TEXT_MAX),
      runbooks: runbooks.map((name) => `${plan.runbooks.folder}/${name}`),
      drill: rule.drill ?? false,
      ...(type ? { type: type.id } : {}),
      declare: rule.declare ?? true,
    };
  }
  const { severity, why } = defaultSeverity(alert);
  return {
    reason: `${plan.intake?.rules.length ? 'no rule matched; ' : ''}default rule: ${why}`,
    severity,
    category: defaultCategory(alert, categories),
    title: clipText(defaultTitle(alert), SHORT_TEXT_MAX),
    runbooks: [],
    drill: false,
    declare: true,
  };
}

/** The alert the incident follows: firing before resolved, most severe, earliest, first listed. */
function leadOf(decided: NotificationDecision['alerts']): NotificationDecision['alerts'][number] | undefined {
  const firing = decided.filter(({ alert }) => alert.state === 'firing');
  const candidates = firing.length ? firing : decided;
  const best = candidates.reduce((rank, { decision }) => Math.min(rank, SEVERITY_RANK[decision.severity]), Number.POSITIVE_INFINITY);
  const mostSevere = candidates.filter(({ decision }) => SEVERITY_RANK[decision.severity] === best);
  const earliest = earliestAlert(mostSevere.map(({ alert }) => alert));
  return mostSevere.find(({ alert }) => alert === earliest);
}

/**
 * What the notification does: each alert's decision, and the incident's
 * (its lead alert's, with the id every receiver derives). A notification
 * without alerts (the payload readers refuse those) is decided on its
 * common labels.
 */
export function decideAlert(notification: AlertNotification, plan: IntakePlan): NotificationDecision {
  const alerts = notification.alerts.map((alert) => ({ alert, decision: decideForAlert(alert, plan) }));
  const id = alertIncidentId(notification);
  const lead = leadOf(alerts);
  const startsAt = earliestAlert(notification.alerts)?.startsAt;
  if (lead) {
    const leadReason = alerts.length > 1 ? `lead alert ${shownValue(lead.alert.fingerprint)}: ` : '';
    return { incident: { ...lead.decision, reason: `${leadReason}${lead.decision.reason}`, id, leadFingerprint: lead.alert.fingerprint, startsAt }, alerts };
  }
  const common: ReceivedAlert = {
    source: notification.source,
    fingerprint: notification.groupKey,
    state: notification.state,
    startsAt: '',
    labels: notification.commonLabels,
    annotations: {},
    links: [],
    fields: {},
  };
  return { incident: { ...decideForAlert(common, plan), id }, alerts };
}
