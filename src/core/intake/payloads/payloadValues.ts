/**
 * The values of an alert payload, read defensively. A webhook body comes from
 * whoever can reach the receiver, so every reader goes through these: text
 * has its NUL characters removed and is clipped (other control characters
 * stay, for the display layer to escape), maps keep at most MAX_LABELS keys,
 * times are checked and written as ISO-8601 in UTC, links are kept only for
 * http and https, and fingerprints are refused unless they are plain. A value
 * of the wrong kind is refused with one line naming where it was.
 */
import { DomainError } from '../../record/errors';
import { clipText, SHORT_TEXT_MAX } from '../../text/clip';
import type { AlertLink, AlertSource, AlertState } from '../receivedAlert';

export const MAX_ALERTS = 500;
export const MAX_LABELS = 64;
export const LABEL_KEY_MAX = 100;
export const LABEL_VALUE_MAX = 1_000;
/** Descriptions run longer than labels. */
export const ANNOTATION_VALUE_MAX = 4_000;
/** Titles, culprits, rule names: one line. */
export const TITLE_MAX = SHORT_TEXT_MAX;
export const FINGERPRINT_MAX = 200;
export const GROUP_KEY_MAX = 1_000;
export const LINK_MAX = 2_000;

export type JsonObject = Record<string, unknown>;
export const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `table[key]` for the table's own keys only: a sent "constructor" or "__proto__" finds nothing. */
export const lookUp = <T>(table: Readonly<Record<string, T>>, key: unknown): T | undefined => (typeof key === 'string' && Object.hasOwn(table, key) ? table[key] : undefined);

const SOURCE_NAMES: Record<AlertSource, string> = {
  alertmanager: 'an Alertmanager notification',
  grafana: 'a Grafana alerting notification',
  sentry: 'a Sentry alert',
  generic: 'an alert the mapping can read',
};
const SOURCE_TITLES: Record<AlertSource, string> = { alertmanager: 'Alertmanager', grafana: 'Grafana', sentry: 'Sentry', generic: 'Generic alert' };

/** The payload lacks something its source always sends: "not an Alertmanager notification: missing alerts[0].fingerprint". */
export function missing(source: AlertSource, path: string): never {
  throw new DomainError(`not ${SOURCE_NAMES[source]}: missing ${path}`, 'alert-payload-shape');
}

/** The payload has it, but wrong: "Alertmanager notification refused: alerts[0].startsAt …". */
export function refuse(source: AlertSource, problem: string): never {
  throw new DomainError(`${SOURCE_TITLES[source]} notification refused: ${problem}`, 'alert-payload-value');
}

/** A sent value inside a message: short, quoted, control characters escaped. */
export const quote = (value: unknown): string => JSON.stringify(clipText(typeof value === 'string' ? value : String(JSON.stringify(value)), 40));

/** `parent.key`, or `parent["odd key"]` when the key is not a plain name. */
export const pathTo = (parent: string, key: string): string => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? (parent ? `${parent}.${key}` : key) : `${parent}[${quote(key)}]`);

/** Text without NUL, clipped to `max`; numbers and booleans as text; anything else undefined. */
export function text(value: unknown, max: number): string | undefined {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') return undefined;
  return clipText(value.replace(/\0/g, ''), max);
}

/** Text that must be there and not empty. */
export function requiredText(source: AlertSource, value: unknown, path: string, max: number): string {
  if (value === undefined || value === null || value === '') missing(source, path);
  const read = text(value, max);
  if (read === undefined) refuse(source, `${path} is ${kindOf(value)}, not text`);
  if (!read.trim()) missing(source, path);
  return read;
}

const kindOf = (value: unknown) => (Array.isArray(value) ? 'a list' : value === null ? 'null' : typeof value === 'object' ? 'an object' : `a ${typeof value}`);

/** Labels, annotations, values: at most MAX_LABELS keys, text values; null values left out, nested ones refused. */
export function readTextMap(source: AlertSource, value: unknown, path: string, valueMax = LABEL_VALUE_MAX): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) refuse(source, `${path} is ${kindOf(value)}, not an object of names and values`);
  const entries = new Map<string, string>();
  for (const [rawKey, rawValue] of Object.entries(value)) {
    if (entries.size >= MAX_LABELS) break;
    if (rawValue === null || rawValue === undefined) continue;
    const read = text(rawValue, valueMax);
    if (read === undefined) refuse(source, `${pathTo(path, rawKey)} is ${kindOf(rawValue)}: values here are text`);
    const key = text(rawKey, LABEL_KEY_MAX);
    if (key && !entries.has(key)) entries.set(key, read);
  }
  // fromEntries defines own properties, so a "__proto__" key stays a key.
  return Object.fromEntries(entries);
}

// RFC 3339: 2021-10-12T09:51:03.157076+02:00, 2019-08-19T21:06:17.677000Z
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;
/** Go's zero time, what Alertmanager and Grafana send as the endsAt of an alert still firing. */
const GO_ZERO_YEAR = 1;
const LAST_EPOCH_SECOND = 253_402_300_799; // 9999-12-31T23:59:59Z

/**
 * An ISO-8601 time in UTC (milliseconds), from an RFC 3339 string or a Unix
 * time in seconds (milliseconds when above 1e11); undefined when absent or
 * Go's zero time; refused when it is not a real date and time.
 */
export function readTime(source: AlertSource, value: unknown, path: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const bad = () => refuse(source, `${path} ${quote(value)} is not a date and time like 2026-01-31T10:00:00Z`);
  if (typeof value === 'number') {
    const seconds = value > 1e11 ? value / 1000 : value;
    if (!Number.isFinite(seconds) || seconds < 0 || seconds > LAST_EPOCH_SECOND) bad();
    return new Date(Math.round(seconds * 1000)).toISOString();
  }
  const m = typeof value === 'string' ? DATE_TIME.exec(value) : null;
  if (!m) return bad();
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (year === GO_ZERO_YEAR) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  const realDay = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  const offsetHours = m[8] ? 0 : Number(m[10]);
  const offsetMinutes = m[8] ? 0 : Number(m[11]);
  if (year < 1970 || !realDay || hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) bad();
  const milliseconds = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  const offset = (m[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  date.setUTCHours(hour, minute - offset, second, milliseconds);
  return date.toISOString();
}

/** A start time, which every alert needs: it is the incident's detection time. */
export function requiredTime(source: AlertSource, value: unknown, path: string): string {
  return readTime(source, value, path) ?? missing(source, path);
}

const FINGERPRINT = /^[A-Za-z0-9._:-]+$/;

/** An alert's identity: letters, digits and . _ : - only, at most FINGERPRINT_MAX (a whole number is taken as text). */
export function readFingerprint(source: AlertSource, value: unknown, path: string): string {
  if (value === undefined || value === null || value === '') missing(source, path);
  const read = typeof value === 'string' ? value : typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : undefined;
  if (read === undefined || read.length > FINGERPRINT_MAX || !FINGERPRINT.test(read)) {
    refuse(source, `${path} ${quote(value)} is not a fingerprint (up to ${FINGERPRINT_MAX} letters, digits, ".", "_", ":" and "-")`);
  }
  return read;
}

/** "firing" or "resolved", as Alertmanager and Grafana write them. */
export function readState(source: AlertSource, value: unknown, path: string): AlertState {
  if (value === undefined || value === null || value === '') missing(source, path);
  if (value !== 'firing' && value !== 'resolved') refuse(source, `${path} ${quote(value)} is neither "firing" nor "resolved"`);
  return value;
}

/** The alerts array: present, not empty, at most MAX_ALERTS. */
export function readAlertList(source: AlertSource, value: unknown, path: string): unknown[] {
  if (value === undefined || value === null) missing(source, path);
  if (!Array.isArray(value)) refuse(source, `${path} is ${kindOf(value)}, not a list of alerts`);
  if (value.length === 0) refuse(source, `${path} is empty: a notification carries at least one alert`);
  if (value.length > MAX_ALERTS) refuse(source, `${path} holds ${value.length} alerts; at most ${MAX_ALERTS} are read from one notification (send smaller groups)`);
  return value;
}

/** A link when `value` is an http or https URL (normalized by the URL parser), else undefined. */
export function readLink(title: string, value: unknown): AlertLink | undefined {
  if (typeof value !== 'string' || value.length > LINK_MAX || !/^https?:\/\//i.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.href.length > LINK_MAX) return undefined;
  return { title, url: url.href };
}

/** The links that were there, each URL once, in the order given. */
export function links(...candidates: (AlertLink | undefined)[]): AlertLink[] {
  const seen = new Set<string>();
  return candidates.filter((link): link is AlertLink => !!link && !seen.has(link.url) && !!seen.add(link.url));
}
