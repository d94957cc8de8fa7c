/**
 * An alert as it reaches us from the team's monitoring, whatever sent it:
 * Prometheus Alertmanager, Grafana alerting, Sentry, or any JSON body read
 * through the plan's field mapping. Every source's payload is read into these
 * shapes first (src/core/intake/payloads/), so the rules, the store changes
 * and the views never look at a provider's own format.
 */
import type { StackFrame } from '../code/stackTraces';

export const ALERT_SOURCES = ['alertmanager', 'grafana', 'sentry', 'generic'] as const;
export type AlertSource = (typeof ALERT_SOURCES)[number];

export const ALERT_STATES = ['firing', 'resolved'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

/** A link an alert carries (Alertmanager's generatorURL, a runbook_url annotation, a dashboard, Sentry's issue page). */
export interface AlertLink {
  title: string;
  /** Only http: and https: URLs are kept. */
  url: string;
}

export interface ReceivedAlert {
  source: AlertSource;
  /** The alert's identity within its source: Alertmanager's and Grafana's fingerprint, Sentry's issue id, the mapped fingerprint. */
  fingerprint: string;
  state: AlertState;
  /** When the problem began, ISO-8601 in UTC (startsAt, Sentry's firstSeen): the incident's detection time. */
  startsAt: string;
  /** When it ended, for a resolved alert. */
  endsAt?: string;
  labels: Readonly<Record<string, string>>;
  annotations: Readonly<Record<string, string>>;
  links: readonly AlertLink[];
  /**
   * What else a rule or a title template may read, by name (`fields.project`,
   * `fields.level`, `fields.culprit` for Sentry; the mapped names for a
   * generic body). Labels and annotations are not repeated here.
   */
  fields: Readonly<Record<string, string>>;
  /** Sentry's exception frames, innermost last, ready for the stack-trace evidence path (src/core/code/stackTraces.ts). */
  frames?: readonly StackFrame[];
  /** The exception's text (type and message), for the evidence event. */
  errorText?: string;
}

/** One notification (one webhook request): the alerts it carries and the group they belong to. */
export interface AlertNotification {
  source: AlertSource;
  /** Alerts of one group attach to one incident (Alertmanager's and Grafana's groupKey; Sentry's issue id). */
  groupKey: string;
  /** The notification's overall state as the sender says it. */
  state: AlertState;
  alerts: readonly ReceivedAlert[];
  /** Labels all alerts of the group share (Alertmanager's and Grafana's commonLabels). */
  commonLabels: Readonly<Record<string, string>>;
}
