/**
 * Sentry, in the three shapes its webhooks take:
 * - the issue alert of an integration (Sentry-Hook-Resource `event_alert`):
 *   `action: "triggered"`, `data.event` (the event that fired the rule, with
 *   issue_id, tags as [name, value] pairs and its exception) and
 *   `data.triggered_rule`;
 * - the issue webhook (`issue`): `action` created, unresolved or resolved and
 *   `data.issue` (id, firstSeen, level, title, culprit, project), which is how
 *   a Sentry issue's alert resolves;
 * - the legacy webhook plugin: `id` (the issue), `project`, `project_name`,
 *   `culprit`, `level`, `url`, `message`, `triggering_rules` and `event`.
 *
 * Every shape gives one alert whose fingerprint is the issue id and whose
 * group is `sentry:<issue id>`, so every event of one issue joins one incident.
 * It starts at the issue's firstSeen when the payload has it, else at the event.
 */
import type { AlertLink, AlertNotification, AlertState, ReceivedAlert } from '../receivedAlert';
import { isObject, links, lookUp, missing, quote, readFingerprint, readLink, readTextMap, refuse, requiredTime, text, TITLE_MAX, type JsonObject } from './payloadValues';
import { readSentryException } from './sentryFrames';

/** Which of Sentry's shapes `body` has, if any (detect.ts asks this too). */
export function sentryShape(body: JsonObject): 'event_alert' | 'issue' | 'plugin' | undefined {
  if (isObject(body.data) && isObject(body.data.event)) return 'event_alert';
  if (isObject(body.data) && isObject(body.data.issue) && typeof body.action === 'string') return 'issue';
  if (body.id !== undefined && body.project !== undefined && isObject(body.event)) return 'plugin';
  return undefined;
}

const ISSUE_ACTIONS: Readonly<Record<string, AlertState>> = { created: 'firing', unresolved: 'firing', resolved: 'resolved' };

export function readSentry(body: JsonObject): AlertNotification {
  const shape = sentryShape(body);
  if (!shape) return missing('sentry', "data.event (or the webhook plugin's id, project and event)");
  const alert = shape === 'event_alert' ? eventAlert(body) : shape === 'issue' ? issueChange(body) : pluginAlert(body);
  return { source: 'sentry', groupKey: `sentry:${alert.fingerprint}`, state: alert.state, alerts: [alert], commonLabels: {} };
}

function eventAlert(body: JsonObject): ReceivedAlert {
  const data = body.data as JsonObject;
  const event = data.event as JsonObject;
  if (body.action !== undefined && body.action !== 'triggered') refuse('sentry', `action ${quote(body.action)} is not an issue alert (it is always "triggered")`);
  return fromEvent(event, 'data.event', {
    fingerprint: readFingerprint('sentry', event.issue_id, 'data.event.issue_id'),
    state: 'firing',
    firstSeen: [event.firstSeen, 'data.event.firstSeen'],
    fields: { project: event.project, rule: data.triggered_rule },
    links: [readLink('Sentry event', event.web_url)],
  });
}

function issueChange(body: JsonObject): ReceivedAlert {
  const issue = (body.data as JsonObject).issue as JsonObject;
  const state = lookUp(ISSUE_ACTIONS, body.action);
  if (!state) refuse('sentry', `issue action ${quote(body.action)} says nothing of the alert's state (created, unresolved and resolved do)`);
  const project = isObject(issue.project) ? (issue.project.slug ?? issue.project.name) : undefined;
  const metadata = isObject(issue.metadata) ? issue.metadata : {};
  const errorText = [text(metadata.type, 200), text(metadata.value, 800)].filter(Boolean).join(': ');
  return {
    source: 'sentry',
    fingerprint: readFingerprint('sentry', issue.id, 'data.issue.id'),
    state,
    startsAt: requiredTime('sentry', issue.firstSeen, 'data.issue.firstSeen'),
    labels: {},
    annotations: {},
    links: links(readLink('Sentry issue', issue.permalink)),
    fields: fieldsOf({ project, level: issue.level, culprit: issue.culprit, title: issue.title, platform: issue.platform, shortId: issue.shortId }),
    ...(errorText && { errorText }),
  };
}

function pluginAlert(body: JsonObject): ReceivedAlert {
  const event = body.event as JsonObject;
  const rules = Array.isArray(body.triggering_rules) ? body.triggering_rules.filter((rule) => typeof rule === 'string').join(', ') : undefined;
  return fromEvent(event, 'event', {
    fingerprint: readFingerprint('sentry', body.id, 'id'),
    state: 'firing',
    firstSeen: [body.firstSeen, 'firstSeen'],
    fields: {
      project: body.project_slug ?? body.project,
      projectName: body.project_name,
      level: body.level,
      culprit: body.culprit,
      title: event.title ?? body.message,
      rule: rules,
    },
    links: [readLink('Sentry issue', body.url)],
  });
}

interface EventAlertParts {
  fingerprint: string;
  state: AlertState;
  /** The issue's firstSeen where this shape may have it, and its path. */
  firstSeen: [unknown, string];
  /** The shape's own fields; the event's level, culprit, title and platform fill in what they leave out. */
  fields: Record<string, unknown>;
  links: (AlertLink | undefined)[];
}

function fromEvent(event: JsonObject, path: string, parts: EventAlertParts): ReceivedAlert {
  const [firstSeen, firstSeenPath] = parts.firstSeen;
  const startsAt =
    firstSeen !== undefined && firstSeen !== null
      ? requiredTime('sentry', firstSeen, firstSeenPath)
      : requiredTime('sentry', event.datetime ?? event.timestamp, `${path}.datetime`);
  const fromEventItself = { level: event.level, culprit: event.culprit, title: event.title, platform: event.platform, eventId: event.event_id };
  const fields = fieldsOf({ ...fromEventItself, ...withoutEmpty(parts.fields) });
  return {
    source: 'sentry',
    fingerprint: parts.fingerprint,
    state: parts.state,
    startsAt,
    labels: readTags(event.tags, `${path}.tags`),
    annotations: {},
    links: links(...parts.links),
    fields,
    ...readSentryException(event),
  };
}

/** Tags as Sentry sends them, `[["level", "error"], …]`, or as an object. */
function readTags(tags: unknown, path: string): Record<string, string> {
  if (!Array.isArray(tags)) return readTextMap('sentry', tags, path);
  const pairs = tags.filter((pair): pair is [string, unknown] => Array.isArray(pair) && pair.length === 2 && typeof pair[0] === 'string');
  const asObject = new Map<string, unknown>();
  for (const [name, value] of pairs) if (!asObject.has(name)) asObject.set(name, value);
  return readTextMap('sentry', Object.fromEntries(asObject), path);
}

const withoutEmpty = (fields: Record<string, unknown>) => Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined && value !== null && value !== ''));

/** Text fields, each clipped to a line; ones that are not text (an object) left out. */
function fieldsOf(fields: Record<string, unknown>): Record<string, string> {
  const read = Object.entries(fields).map(([name, value]) => [name, text(value, TITLE_MAX)] as const);
  return Object.fromEntries(read.filter((entry): entry is readonly [string, string] => !!entry[1]));
}
