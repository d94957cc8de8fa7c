/**
 * What an alert does when the plan has no intake rule for it, or the rule
 * that matched leaves something out: what an on-call engineer expects from
 * the labels monitoring tools already set.
 *
 * - Severity from the alert's `severity` label, else its `priority` label
 *   (then the same names among its fields, then Sentry's `level`):
 *   critical/fatal/P1 → SEV1, error/major/high/P2 → SEV2,
 *   warning/minor/medium/P3 → SEV3, info/low/P4/P5 → SEV4; no such value, or
 *   a word not known here → SEV3 (someone looks during business hours).
 * - Category from a `category` label naming one of the plan's categories;
 *   else "regression" for Sentry (an exception in our code, most often from
 *   something shipped) and "performance" for metric alerts (latency, error
 *   rates, saturation: the service at risk of missing its objectives); a plan
 *   that dropped that category gets its first one.
 * - Title: the alert's name (`alertname`, Sentry's issue title, the summary
 *   annotation) and where (`service`, `job`, `instance`, Sentry's project):
 *   "HighErrorRate on checkout".
 * - No runbooks, not a drill, and it declares: the routing in Alertmanager,
 *   Grafana or Sentry already chose what reaches the receiver.
 */
import type { Category, Severity } from '../record/schema';
import { alertValue, oneLine, shownValue } from './alertText';
import type { ReceivedAlert } from './receivedAlert';

/** Severity words as monitoring tools write them, lower case with dashes, spaces and underscores removed. */
export const SEVERITY_WORDS: Readonly<Record<string, Severity>> = {
  critical: 'SEV1',
  crit: 'SEV1',
  fatal: 'SEV1',
  emergency: 'SEV1',
  page: 'SEV1',
  p1: 'SEV1',
  sev1: 'SEV1',
  error: 'SEV2',
  err: 'SEV2',
  major: 'SEV2',
  high: 'SEV2',
  p2: 'SEV2',
  sev2: 'SEV2',
  warning: 'SEV3',
  warn: 'SEV3',
  minor: 'SEV3',
  medium: 'SEV3',
  moderate: 'SEV3',
  p3: 'SEV3',
  sev3: 'SEV3',
  info: 'SEV4',
  informational: 'SEV4',
  notice: 'SEV4',
  low: 'SEV4',
  debug: 'SEV4',
  none: 'SEV4',
  p4: 'SEV4',
  p5: 'SEV4',
  sev4: 'SEV4',
};
export const UNKNOWN_SEVERITY: Severity = 'SEV3';

/** Where the default rule looks for a severity word, in order. */
const SEVERITY_KEYS = ['labels.severity', 'labels.priority', 'fields.severity', 'fields.priority', 'fields.level'];
const NAME_KEYS = ['labels.alertname', 'fields.title', 'annotations.summary'];
const PLACE_KEYS = ['labels.service', 'labels.job', 'labels.instance', 'fields.project'];

/** The alert's first non-blank value among `keys`, with its key. */
function firstValue(alert: ReceivedAlert, keys: readonly string[]): { key: string; value: string } | undefined {
  for (const key of keys) {
    const value = alertValue(alert, key);
    if (value !== undefined && value.trim()) return { key, value };
  }
  return undefined;
}

/** The severity a word names (`Critical`, `P1`, `sev-2`), or undefined when it is not one known here. */
export function severityOfWord(word: string): Severity | undefined {
  const key = word.toLowerCase().replace(/[\s_-]/g, '');
  return Object.hasOwn(SEVERITY_WORDS, key) ? SEVERITY_WORDS[key] : undefined;
}

/** The default severity and the words that say why ("labels.severity="critical" → SEV1"). */
export function defaultSeverity(alert: ReceivedAlert): { severity: Severity; why: string } {
  const found = firstValue(alert, SEVERITY_KEYS);
  if (!found) return { severity: UNKNOWN_SEVERITY, why: `no severity or priority label → ${UNKNOWN_SEVERITY}` };
  const severity = severityOfWord(found.value.trim());
  const said = `${found.key}=${shownValue(found.value)}`;
  return severity ? { severity, why: `${said} → ${severity}` } : { severity: UNKNOWN_SEVERITY, why: `${said} is not a known severity word → ${UNKNOWN_SEVERITY}` };
}

/** The default category among the plan's (which always has at least one). */
export function defaultCategory(alert: ReceivedAlert, planCategories: readonly Category[]): Category {
  const labelled = alertValue(alert, 'labels.category')?.trim().toLowerCase();
  const named = planCategories.find((category) => category === labelled);
  if (named) return named;
  const usual: Category = alert.source === 'sentry' ? 'regression' : 'performance';
  return planCategories.includes(usual) ? usual : planCategories[0];
}

/** "HighErrorRate on checkout"; never empty. */
export function defaultTitle(alert: ReceivedAlert): string {
  const name = firstValue(alert, NAME_KEYS)?.value ?? alert.errorText ?? `${alert.source} alert ${alert.fingerprint}`;
  const place = firstValue(alert, PLACE_KEYS)?.value;
  return oneLine(place ? `${name} on ${place}` : name) || `${alert.source} alert`;
}
