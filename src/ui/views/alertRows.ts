/**
 * What the editor says about the alerts that opened an incident, without
 * VS Code: the alert rows under an incident in the Active Incidents view
 * (label, description, tooltip) and the notification that announces a new
 * alert-opened incident. Pure, like incidentRows.ts, with its words through
 * @vscode/l10n. Alert text comes from outside (labels and annotations of the
 * team's monitoring): each value is shown on one line, control characters
 * made visible, clipped, and the number of labels shown is bounded.
 */
import * as l10n from '@vscode/l10n';
import { leadingAlert } from '../../core/intake/alertAnnouncements';
import { isDrill } from '../../core/lifecycle/drills';
import type { AlertRecord, Incident } from '../../core/record/schema';
import { clipText } from '../../core/text/clip';
import { terminalText } from '../../core/text/terminalText';
import { shortUtc } from '../../core/text/time';

/** Labels named in a tooltip; the rest are counted. */
const LABELS_SHOWN = 12;
const VALUE_SHOWN = 120;

/** Outside text on one line, controls shown rather than obeyed, at most `max` characters. */
export const oneLine = (text: string, max = VALUE_SHOWN): string => clipText(terminalText(text, { oneLine: true }), max);

/** The labels a person looks for first, then the others by name. */
const FIRST_LABELS = ['alertname', 'service', 'severity', 'job', 'instance', 'env', 'environment', 'cluster', 'namespace'];

export function labelSummary(labels: Readonly<Record<string, string>>): string {
  const keys = Object.keys(labels).sort((a, b) => {
    const [x, y] = [FIRST_LABELS.indexOf(a), FIRST_LABELS.indexOf(b)];
    return x >= 0 || y >= 0 ? (x < 0 ? 99 : x) - (y < 0 ? 99 : y) : a.localeCompare(b);
  });
  const shown = keys.slice(0, LABELS_SHOWN).map((key) => `${oneLine(key, 40)}=${oneLine(labels[key])}`);
  const more = keys.length - shown.length;
  return more > 0 ? l10n.t('{0}, and {1} more', shown.join(', '), more) : shown.join(', ');
}

const notificationCount = (record: AlertRecord) => (record.notifications === 1 ? l10n.t('1 notification') : l10n.t('{0} notifications', record.notifications));

/** Firing alerts first, each group by when it started. */
export function alertsInOrder(incident: Pick<Incident, 'alerts'>): AlertRecord[] {
  const rank = (record: AlertRecord) => (record.state === 'firing' ? 0 : 1);
  return [...(incident.alerts ?? [])].sort((a, b) => rank(a) - rank(b) || (a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : 0));
}

/** The labels whose values tell the incident's alerts apart (an alert group's `instance`), at most two, in the order people look for them. */
export function distinguishingLabels(alerts: readonly Pick<AlertRecord, 'labels'>[]): string[] {
  if (alerts.length < 2) return [];
  const keys = [...new Set(alerts.flatMap((alert) => Object.keys(alert.labels)))];
  const differing = keys.filter((key) => new Set(alerts.map((alert) => alert.labels[key])).size > 1);
  const rank = (key: string) => (FIRST_LABELS.includes(key) ? FIRST_LABELS.indexOf(key) : FIRST_LABELS.length);
  return differing.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)).slice(0, 2);
}

export interface AlertRow {
  label: string;
  /** "firing · 3 notifications", with what tells it from the incident's other alerts: "firing · instance=web-2:8080 · 1 notification" */
  description: string;
  tooltip: string;
  firing: boolean;
}

/**
 * One alert under its incident: its name, its state, the labels that tell it
 * from the incident's other alerts (`distinguishingLabels`), how many
 * notifications named it; all its labels in the tooltip.
 */
export function alertRow(record: AlertRecord, distinguishing: readonly string[] = []): AlertRow {
  const firing = record.state === 'firing';
  const state = firing ? l10n.t('firing') : l10n.t('resolved');
  const when = firing
    ? l10n.t('Firing since {0} UTC', shortUtc(record.startsAt))
    : l10n.t('Resolved at {0} UTC; fired from {1} UTC', shortUtc(record.endsAt ?? record.startsAt), shortUtc(record.startsAt));
  const summary = record.annotations.summary ?? record.annotations.description;
  const labels = labelSummary(record.labels);
  const tooltip = [
    l10n.t('Alert {0} from {1}', oneLine(record.name, 200), record.source),
    when,
    ...(labels ? [l10n.t('Labels: {0}', labels)] : []),
    ...(summary ? [oneLine(summary, 300)] : []),
    record.changes === 1 ? l10n.t('{0}, 1 state change', notificationCount(record)) : l10n.t('{0}, {1} state changes', notificationCount(record), record.changes),
  ].join('\n');
  const apart = distinguishing.filter((key) => record.labels[key] !== undefined).map((key) => `${oneLine(key, 40)}=${oneLine(record.labels[key], 60)}`);
  return { label: oneLine(record.name, 200), description: [state, ...apart, notificationCount(record)].join(' · '), tooltip, firing };
}

/** The incident row's tooltip line: which alert opened it and how its alerts stand. */
export function alertSummaryLine(incident: Pick<Incident, 'alerts'>): string | undefined {
  const lead = leadingAlert(incident);
  if (!lead) return undefined;
  const alerts = incident.alerts ?? [];
  const firing = alerts.filter((alert) => alert.state === 'firing').length;
  return l10n.t('Opened by alert {0} from {1}: {2} firing, {3} resolved', oneLine(lead.name, 200), lead.source, firing, alerts.length - firing);
}

export interface AlertAnnouncement {
  message: string;
  /** An information message rather than a warning: a drill, a low severity, or every alert already resolved. */
  calm: boolean;
}

/**
 * "SEV1 from alert HighErrorRate on checkout (INC-…)", then what sets it
 * apart in sentences of their own: a title the rule wrote differently, more
 * alerts, alerts resolved already, a commander already there.
 */
export function alertAnnouncement(incident: Incident): AlertAnnouncement {
  const lead = leadingAlert(incident);
  const name = oneLine(lead?.name ?? incident.title, 200);
  const service = lead && (lead.labels.service ?? lead.labels.job);
  const place = service && oneLine(service, 80);
  const drill = isDrill(incident);
  const opened = place
    ? drill
      ? l10n.t('Drill: {0} from alert {1} on {2} ({3})', incident.severity, name, place, incident.id)
      : l10n.t('{0} from alert {1} on {2} ({3})', incident.severity, name, place, incident.id)
    : drill
      ? l10n.t('Drill: {0} from alert {1} ({2})', incident.severity, name, incident.id)
      : l10n.t('{0} from alert {1} ({2})', incident.severity, name, incident.id);
  const title = oneLine(incident.title, 200);
  const alerts = incident.alerts ?? [];
  const resolved = alerts.length > 0 && alerts.every((alert) => alert.state === 'resolved');
  const more = alerts.length - 1;
  const after = [
    // The default title is the alert's name on its service: said once is enough.
    ...(title !== name && title !== `${name} on ${place}` ? [l10n.t('Title: {0}.', title)] : []),
    ...(more === 1 ? [l10n.t('1 more alert joined it.')] : more > 1 ? [l10n.t('{0} more alerts joined it.', more)] : []),
    ...(resolved ? [l10n.t('Its alerts have resolved since; the incident is still open.')] : []),
    ...(incident.roles.commander ? [l10n.t('{0} has command.', oneLine(incident.roles.commander, 200))] : []),
  ];
  return {
    message: after.length ? l10n.t('{0}. {1}', opened, after.join(' ')) : opened,
    calm: drill || resolved || incident.severity === 'SEV3' || incident.severity === 'SEV4',
  };
}
