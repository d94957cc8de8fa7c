/**
 * Any other JSON body (an uptime checker, a home-grown monitor), read through
 * a field mapping the plan declares: a JSON Pointer for each thing an alert
 * needs. One body is one alert.
 *
 *   { "title": "/check/name", "fingerprint": "/check/id", "startsAt": "/check/downSince",
 *     "status": { "pointer": "/check/state", "values": { "down": "firing", "up": "resolved" } },
 *     "labels": { "service": "/check/tags/service" } }
 *
 * The title, severity and description become the alert's fields of those
 * names, the extra labels its labels, the link its one link. A status the map
 * does not list is refused rather than guessed; without a status pointer the
 * alert is firing. Without a groupKey pointer the group is the fingerprint.
 */
import { z } from 'zod';
import { clipText } from '../../text/clip';
import { ALERT_STATES, type AlertNotification, type ReceivedAlert } from '../receivedAlert';
import { jsonPointerProblem, JSON_POINTER_MAX, resolveJsonPointer } from './jsonPointer';
import {
  ANNOTATION_VALUE_MAX,
  GROUP_KEY_MAX,
  LABEL_KEY_MAX,
  LABEL_VALUE_MAX,
  links,
  MAX_LABELS,
  missing,
  quote,
  readFingerprint,
  readLink,
  readTextMap,
  readTime,
  refuse,
  requiredText,
  requiredTime,
  text,
  TITLE_MAX,
  type JsonObject,
} from './payloadValues';

const SEVERITY_MAX = 100;

const jsonPointer = z
  .string()
  .max(JSON_POINTER_MAX)
  .superRefine((pointer, context) => {
    const problem = jsonPointerProblem(pointer);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  })
  .describe('A JSON Pointer (RFC 6901) into the alert body, like /alert/title');

export const genericMappingSchema = z.strictObject({
  title: jsonPointer.describe("Where the alert's title is"),
  fingerprint: jsonPointer.describe("Where the alert's identity is: the same value again is the same alert (letters, digits, . _ : -)"),
  startsAt: jsonPointer.describe('Where the time the problem began is (RFC 3339, or Unix seconds)'),
  endsAt: jsonPointer.optional().describe('Where the time it ended is, for a resolved alert'),
  severity: jsonPointer.optional(),
  description: jsonPointer.optional(),
  link: jsonPointer.optional().describe('Where a link to the alert is (http or https)'),
  groupKey: jsonPointer.optional().describe('Where the group is: alerts of one group attach to one incident (default: the fingerprint)'),
  status: z
    .strictObject({
      pointer: jsonPointer,
      values: z
        .record(z.string().min(1).max(LABEL_VALUE_MAX), z.enum(ALERT_STATES))
        .refine((values) => Object.keys(values).length > 0, 'list at least one value, like { "down": "firing", "up": "resolved" }'),
    })
    .optional()
    .describe('Where the state is, and which values mean firing and which resolved (without it, every alert is firing)'),
  labels: z
    .record(
      z
        .string()
        .regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, 'a label name of letters, digits, "_", "." and "-"')
        .max(LABEL_KEY_MAX),
      jsonPointer,
    )
    .refine((labels) => Object.keys(labels).length <= MAX_LABELS, `at most ${MAX_LABELS} labels`)
    .optional()
    .describe('Labels the rules can match, each with where its value is'),
});

/** The plan's field mapping for a generic JSON body. */
export type GenericMapping = z.infer<typeof genericMappingSchema>;

/** One alert read from `body` through `mapping` (checked against the schema first: a bad mapping is refused with one line). */
export function readGeneric(body: JsonObject, mapping: GenericMapping): AlertNotification {
  const checked = genericMappingSchema.safeParse(mapping);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    refuse('generic', `the plan's mapping is not valid at ${issue.path.join('.') || 'its top'}: ${issue.message}`);
  }
  const map = checked.data;
  const at = (pointer: string | undefined) => (pointer === undefined ? undefined : resolveJsonPointer(body, pointer));
  const fingerprint = readFingerprint('generic', at(map.fingerprint), where(map.fingerprint, 'fingerprint'));
  const state = readGenericState(body, map.status);
  const endsAt = map.endsAt === undefined ? undefined : readTime('generic', at(map.endsAt), where(map.endsAt, 'endsAt'));
  const severity = scalar(at(map.severity), where(map.severity, 'severity'), SEVERITY_MAX);
  const description = scalar(at(map.description), where(map.description, 'description'), ANNOTATION_VALUE_MAX);
  const labelValues = Object.entries(map.labels ?? {}).map(([name, pointer]) => [name, scalar(at(pointer), where(pointer, `labels.${name}`))]);
  const labels = readTextMap('generic', Object.fromEntries(labelValues), 'labels');
  const alert: ReceivedAlert = {
    source: 'generic',
    fingerprint,
    state,
    startsAt: requiredTime('generic', at(map.startsAt), where(map.startsAt, 'startsAt')),
    ...(state === 'resolved' && endsAt && { endsAt }),
    labels,
    annotations: {},
    links: links(readLink('Link', at(map.link))),
    fields: {
      title: requiredText('generic', at(map.title), where(map.title, 'title'), TITLE_MAX),
      ...(severity && { severity }),
      ...(description && { description }),
    },
  };
  const groupKey = map.groupKey === undefined ? `generic:${fingerprint}` : requiredText('generic', at(map.groupKey), where(map.groupKey, 'groupKey'), GROUP_KEY_MAX);
  return { source: 'generic', groupKey, state, alerts: [alert], commonLabels: {} };
}

function readGenericState(body: JsonObject, status: GenericMapping['status']): ReceivedAlert['state'] {
  if (!status) return 'firing';
  const path = where(status.pointer, 'status');
  const value = resolveJsonPointer(body, status.pointer);
  if (value === undefined || value === null) missing('generic', path);
  const key = scalar(value, path, LABEL_VALUE_MAX);
  const state = key !== undefined && Object.hasOwn(status.values, key) ? status.values[key] : undefined;
  const listed = clipText(Object.keys(status.values).map(quote).join(', '), 200);
  if (!state) refuse('generic', `${path} is ${quote(value)}, which the mapping's status values do not list (${listed})`);
  return state;
}

/** Where a pointer points, for a message: `/check/id (the mapping's fingerprint)`. */
const where = (pointer: string | undefined, name: string) => `${pointer || '""'} (the mapping's ${name})`;

/** A value a pointer named, as text clipped to `max`: objects and lists are refused, an absent value is undefined. */
function scalar(value: unknown, path: string, max = LABEL_VALUE_MAX): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const read = text(value, max);
  if (read === undefined) refuse('generic', `${path} is ${Array.isArray(value) ? 'a list' : 'an object'}, not a value`);
  return read;
}
