/**
 * Reading an alert's values by name (`labels.service`, `annotations.summary`,
 * `fields.project`, `source`), the names the plan's intake rules match on,
 * and rendering a title template from them (`{{labels.alertname}} on
 * {{labels.service}}`). An alert's text comes from outside: only its own
 * keys are read (never `labels.constructor` from the prototype), control
 * characters become spaces, and every value is clipped before it is joined,
 * so a 100 KB label costs no more than a short one.
 */
import { ALERT_VALUE_KEY } from '../plan/intakePlan';
import { clipText, SHORT_TEXT_MAX } from '../text/clip';
import type { ReceivedAlert } from './receivedAlert';

/** `{{ name }}`, with optional spaces inside the braces. */
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
// C0 and C1 controls (line breaks and tabs too: a title is one line), DEL, the bidi marks, embeddings, overrides and isolates, and the line and paragraph separators.
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's job
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** The alert's value for a rule key or placeholder; undefined when the alert has none, or the name is not one (see ALERT_VALUE_KEY). */
export function alertValue(alert: ReceivedAlert, key: string): string | undefined {
  if (key === 'source') return alert.source;
  if (!ALERT_VALUE_KEY.test(key)) return undefined;
  const dot = key.indexOf('.');
  const [group, name] = [key.slice(0, dot), key.slice(dot + 1)];
  const values = group === 'labels' ? alert.labels : group === 'annotations' ? alert.annotations : alert.fields;
  const value = Object.hasOwn(values, name) ? values[name] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** Text from an alert made fit for one line: control characters as spaces, runs of spaces as one, trimmed. */
export function oneLine(text: string): string {
  return text.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
}

/** The placeholders in a template, each once, in order, and whether each is one an alert can fill. */
export function templatePlaceholders(template: string): { name: string; known: boolean }[] {
  const names = [...new Set(Array.from(template.matchAll(PLACEHOLDER), (match) => match[1]))];
  return names.map((name) => ({ name, known: ALERT_VALUE_KEY.test(name) }));
}

/**
 * The template with each placeholder replaced by the alert's value (nothing
 * when the alert has none, or the placeholder is unknown), on one line and
 * within a title's limit.
 */
export function renderAlertTemplate(template: string, alert: ReceivedAlert): string {
  const rendered = template.replace(PLACEHOLDER, (_match, name: string) => clipText(alertValue(alert, name) ?? '', SHORT_TEXT_MAX));
  return clipText(oneLine(rendered), SHORT_TEXT_MAX);
}

/** A value quoted for a reason line: on one line, and short. */
export function shownValue(value: string): string {
  return JSON.stringify(clipText(oneLine(value), 60));
}
