/**
 * The incident record: one zod schema is the source of truth for the stored
 * file (`.incidents/incidents.json`), the domain types, and the webview
 * protocol. Types are inferred from it so the three can never drift apart.
 *
 * Records keep fields they do not know (`looseObject`): a store written by a
 * newer build of the same schema version, or edited by hand, loses nothing
 * when this one writes it. The SLA policy is strict instead: an unknown key
 * there is most often a typo that would silently change every clock.
 *
 * Times are ISO-8601 strings in UTC (`2026-11-23T10:15:00.000Z`): they sort as
 * text, survive JSON unchanged and diff readably.
 */
import { z } from 'zod';
import { NEXT_BUSINESS_DAY, parseSlaDuration } from '../clocks/durations';
import { LONG_TEXT_MAX, PERSON_MAX, SHORT_TEXT_MAX } from '../text/clip';
import {
  ACTION_ITEM_STATUSES,
  CATEGORIES,
  CHECKLIST_ITEM_IDS,
  COMMIT_RELATIONS,
  DELIVERY_EVENTS,
  DELIVERY_STATES,
  DEPLOY_STATUSES,
  EVENT_KINDS,
  INCIDENT_ID_PATTERN,
  ROLE_NAMES,
  SEVERITIES,
  STATUSES,
  TRACKER_KINDS,
} from './recordValues';
import { ALERT_SOURCES, ALERT_STATES } from '../intake/receivedAlert';
import { ANNOTATION_VALUE_MAX, FINGERPRINT_MAX, GROUP_KEY_MAX, LABEL_KEY_MAX, LABEL_VALUE_MAX, LINK_MAX, MAX_LABELS } from '../intake/payloads/payloadValues';

/** Version 2: SLA targets are durations (`4h`, `1bd`, `next business day`) and the policy has holidays. */
export const STORE_SCHEMA_VERSION = 2;

/** The record's closed lists live in recordValues.ts (no schema library there, so the webviews can import them); they are part of this module's API too. */
export * from './recordValues';

export const incidentIdSchema = z.string().regex(INCIDENT_ID_PATTERN, 'an incident id looks like INC-7K3QF2XM');
/**
 * An ISO-8601 instant with seconds and a zone (`Z` or `+01:00`). A plain
 * pattern rather than z.iso.datetime(), whose leap-year-aware expression cost
 * a quarter of the validation time of a 10,000-incident store.
 */
const ISO_INSTANT = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
const isoTime = z.string().regex(ISO_INSTANT, 'an ISO-8601 time like 2026-11-23T10:15:00.000Z');
/** A person as git knows them: "Name <email>" or a bare name/handle. */
const person = z.string().min(1).max(PERSON_MAX);
const shortText = z.string().max(SHORT_TEXT_MAX);
const longText = z.string().max(LONG_TEXT_MAX);
const sha = z.string().regex(/^[0-9a-f]{40}$/, 'a full 40-character lowercase commit sha');

export const categorySchema = z.enum(CATEGORIES);
export const severitySchema = z.enum(SEVERITIES);
export const statusSchema = z.enum(STATUSES);
export const roleNameSchema = z.enum(ROLE_NAMES);
export const commitRelationSchema = z.enum(COMMIT_RELATIONS);
export const checklistItemIdSchema = z.enum(CHECKLIST_ITEM_IDS);
export const eventKindSchema = z.enum(EVENT_KINDS);

export const rolesSchema = z.looseObject({
  commander: person.optional(),
  admin: person.optional(),
  scribe: person.optional(),
  communicator: person.optional(),
  /** The one responder who applies patches. */
  patcher: person.optional(),
  responders: z.array(person).default([]),
});

export const checklistTickSchema = z.looseObject({
  checked: z.boolean(),
  by: person,
  at: isoTime,
});

/** A star on a timeline event, or its removal: kept (not deleted) with who and when, so two machines' stars join by time (src/core/lifecycle/highlights.ts). */
export const highlightSchema = z.looseObject({
  on: z.boolean(),
  by: person,
  at: isoTime,
});

export const timelineEventSchema = z.looseObject({
  /** Unique per event (random), so two branches' events merge as a union. */
  id: z.string().min(1).max(64),
  at: isoTime,
  author: person,
  kind: eventKindSchema,
  text: longText,
  /** Kind-specific details (e.g. `{ from: 'detected', to: 'triaged' }`, evidence file/lines). */
  data: z.record(z.string(), z.unknown()).optional(),
});

export const linkedCommitSchema = z.looseObject({
  sha,
  subject: shortText,
  author: person,
  committedAt: isoTime,
  relation: commitRelationSchema,
  linkedAt: isoTime,
  linkedBy: person,
});

export const statusUpdateSchema = z.looseObject({
  id: z.string().min(1).max(64),
  at: isoTime,
  author: person,
  audience: z.string().min(1).max(100),
  text: longText,
  nextUpdateBy: isoTime.optional(),
});

/** A step of a runbook on an incident (src/core/plan/tasks.ts): assignable and tickable, each change on the timeline. */
export const taskSchema = z.looseObject({
  /** From the runbook file and the step, so the same runbook applied on two machines gives the same ids. */
  id: z.string().min(1).max(64),
  text: longText,
  /** The runbook it came from, relative to the repository root, and the step's line there. */
  runbook: z.string().min(1).max(SHORT_TEXT_MAX).optional(),
  line: z.number().int().min(1).optional(),
  assignee: person.optional(),
  done: z.boolean(),
  doneBy: person.optional(),
  doneAt: isoTime.optional(),
  createdAt: isoTime,
  updatedAt: isoTime,
});

/** Labels and annotations as the payload readers keep them (src/core/intake/payloads/payloadValues.ts). */
const alertTexts = (valueMax: number) => z.record(z.string().max(LABEL_KEY_MAX), z.string().max(valueMax));

/**
 * An alert from the team's monitoring on the incident it opened or joined
 * (src/core/intake/): one record per alert, whichever receivers got it, so
 * two receivers' copies join into one (src/core/intake/alertRecords.ts).
 */
export const alertRecordSchema = z.looseObject({
  /** `<source>:<fingerprint>`: the same alert is the same record on every machine. */
  id: z
    .string()
    .min(1)
    .max(FINGERPRINT_MAX + 20),
  source: z.enum(ALERT_SOURCES),
  fingerprint: z.string().min(1).max(FINGERPRINT_MAX),
  /** The group it came in; later alerts of the group join the same incident. */
  groupKey: z.string().min(1).max(GROUP_KEY_MAX),
  /** A name for people: the alertname label, Sentry's title. */
  name: shortText.min(1),
  state: z.enum(ALERT_STATES),
  /** When it began firing (this time), and when it stopped, by the monitoring's clock. */
  startsAt: isoTime,
  endsAt: isoTime.optional(),
  labels: alertTexts(LABEL_VALUE_MAX),
  annotations: alertTexts(ANNOTATION_VALUE_MAX),
  links: z.array(z.looseObject({ title: shortText, url: z.string().max(LINK_MAX) })).max(MAX_LABELS),
  /** Notifications that named it (repeats included), and the times it changed state after the first. */
  notifications: z.number().int().min(1),
  changes: z.number().int().min(0),
});

const machine = z.string().min(1).max(100);

/**
 * One message to one channel (src/core/delivery/deliveryRecords.ts): who
 * wrote it and on which machine, the claims of the machines that may send it,
 * and what became of it. Never a secret: a reason is one line without the
 * URL, the key or the password.
 */
export const deliveryRecordSchema = z.looseObject({
  /** `<message>|<channel>`: the same delivery on every machine. */
  id: z.string().min(1).max(SHORT_TEXT_MAX),
  /** The status update's id, the timeline event's for a declaration, resolution or closure, or `overdue:<due ISO time>` for a reminder. */
  message: z.string().min(1).max(64),
  event: z.enum(DELIVERY_EVENTS),
  channel: shortText.min(1),
  createdAt: isoTime,
  createdBy: person,
  /** The machine that wrote the message: it makes the first attempt. */
  origin: machine,
  state: z.enum(DELIVERY_STATES),
  /** Raised by a person's retry, or when a round's claims went stale. */
  round: z.number().int().min(0),
  attempts: z.number().int().min(0),
  /** Claims by round and machine (`1/alpha`): a delivery is sent only by a machine whose claim is the only one of the round. */
  claims: z.record(z.string().min(1).max(120), isoTime).optional(),
  sendingBy: machine.optional(),
  sendingAt: isoTime.optional(),
  sentAt: isoTime.optional(),
  sentBy: machine.optional(),
  /** The provider's answer: a message id or a status code. */
  response: shortText.optional(),
  /** Why it failed, or (state `obsolete`) why it is no longer to be sent. */
  lastError: shortText.optional(),
  /** Failed on another machine's guess: a `sending` mark went stale, so the request may have gone out. */
  uncertain: z.boolean().optional(),
  /** The attempts allowed in all (a person's retry grants more). */
  budget: z.number().int().min(0).optional(),
  nextAttemptAt: isoTime.optional(),
});

/**
 * An action item's issue in the team's tracker (src/core/retrospective/followups.ts):
 * made once across the team by the delivery protocol's claims and marks
 * (src/core/delivery/deliveryRecords.ts), then read back. Never a token.
 */
export const trackerExportSchema = deliveryRecordSchema
  .pick({
    createdAt: true,
    createdBy: true,
    origin: true,
    state: true,
    round: true,
    attempts: true,
    claims: true,
    sendingBy: true,
    sendingAt: true,
    sentAt: true,
    sentBy: true,
    response: true,
    lastError: true,
    uncertain: true,
    budget: true,
    nextAttemptAt: true,
  })
  .extend({
    /** The tracker the issue is (to be) made in. */
    tracker: z.enum(TRACKER_KINDS),
    /** The issue's page for people, once made. */
    url: z.string().max(LINK_MAX).optional(),
    /** The issue's number (GitHub, GitLab) or key (Jira, `OPS-12`), once made. */
    issue: z.string().min(1).max(100).optional(),
    /** When a sync first saw the issue closed (the action item was then marked done). */
    closedAt: isoTime.optional(),
  });

export const actionItemSchema = z.looseObject({
  id: z.string().min(1).max(64),
  title: shortText.min(1),
  owner: person.optional(),
  due: z.iso.date().optional(),
  status: z.enum(ACTION_ITEM_STATUSES),
  ticket: z.string().max(500).optional(),
  closedBy: sha.optional(),
  createdAt: isoTime,
  updatedAt: isoTime,
  /** Its issue in the team's tracker; absent until it is exported, so older stores keep their bytes. */
  export: trackerExportSchema.optional(),
});

export const retrospectiveSchema = z.looseObject({
  whys: z.array(longText).max(5).default([]),
  rootCause: longText.optional(),
  actionItems: z.array(actionItemSchema).default([]),
});

export const incidentSchema = z.looseObject({
  id: incidentIdSchema,
  title: shortText.min(1),
  category: categorySchema,
  severity: severitySchema,
  status: statusSchema,
  /** The plan's incident type, by id (src/core/plan/incidentTypes.ts); absent on incidents without one, so their bytes stay as they were. A type the plan no longer has stays, shown by its id. */
  type: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,63}$/)
    .optional(),
  /** The type's field values by field id: text (dates, people and URLs as text too) or a number. Each value is its own register (`fields.<id>`), stamped and joined like the severity. */
  fields: z.record(z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/), z.union([longText, z.number()])).optional(),
  /** A practice incident (a drill): shown as one everywhere, reminded like a real one, left out of metrics unless asked for. Absent on real incidents, so their stored bytes stay as they were. */
  drill: z.boolean().optional(),
  summary: longText.optional(),
  impact: longText.optional(),
  declaredAt: isoTime,
  declaredBy: person,
  /** When the impact began, if known to be earlier than the declaration (time to detect). */
  startedAt: isoTime.optional(),
  acknowledgedAt: isoTime.optional(),
  mitigatedAt: isoTime.optional(),
  resolvedAt: isoTime.optional(),
  closedAt: isoTime.optional(),
  /** Last change to any field of this record. */
  updatedAt: isoTime,
  /** When each single-valued field last changed (`severity`, `lifecycle`, `roles.commander`…), so a merge keeps the newer value (fieldStamps.ts). */
  changedAt: z.record(z.string(), isoTime).optional(),
  roles: rolesSchema,
  checklist: z.partialRecord(checklistItemIdSchema, checklistTickSchema).default({}),
  /** The plan's triage questions ticked on this incident, by question id (src/core/plan/triage.ts); absent until one is, so older stores keep their bytes. */
  triage: z.record(z.string().min(1).max(64), checklistTickSchema).optional(),
  timeline: z.array(timelineEventSchema).default([]),
  /** Stars on timeline events, by event id (src/core/lifecycle/highlights.ts); absent until one is set, so older stores keep their bytes. */
  highlights: z.record(z.string().min(1).max(64), highlightSchema).optional(),
  commits: z.array(linkedCommitSchema).default([]),
  /** Ids of entries in the top-level `deploys` list. */
  deployIds: z.array(z.string().min(1).max(64)).default([]),
  updates: z.array(statusUpdateSchema).default([]),
  /** Runbook steps on this incident; absent until a runbook applies, so stores without runbooks keep their bytes. */
  tasks: z.array(taskSchema).optional(),
  /** Alerts that opened or joined this incident; absent on incidents declared by hand, so their bytes stay as they were. */
  alerts: z.array(alertRecordSchema).optional(),
  /** Messages to the plan's delivered channels and what became of each; absent until one is delivered. */
  deliveries: z.array(deliveryRecordSchema).optional(),
  retrospective: retrospectiveSchema.default({ whys: [], actionItems: [] }),
});

export const deploySchema = z.looseObject({
  id: z.string().min(1).max(64),
  environment: z.string().min(1).max(100),
  ref: z.string().min(1).max(250),
  sha: sha.optional(),
  at: isoTime,
  by: person,
  status: z.enum(DEPLOY_STATUSES),
  incidentIds: z.array(incidentIdSchema).default([]),
});

export const slaDurationSchema = z.string().refine((text) => parseSlaDuration(text) !== undefined, `a duration like "15m", "4h", "7d", "8bh", "1bd" or "${NEXT_BUSINESS_DAY}"`);

export const severityTargetSchema = z.strictObject({
  /** Until someone must respond (acknowledge), e.g. `15m`, `4h`, `1bd`. */
  response: slaDurationSchema,
  /** Until the incident must be resolved, e.g. `1h`, `next business day`, `7d`. */
  resolution: slaDurationSchema,
  /** Between status updates while the incident is open. */
  updateEvery: slaDurationSchema.optional(),
});

/** Whether the runtime knows the IANA zone (`Europe/Berlin`); an unknown one would fail later, inside a clock. */
function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a 24-hour time like "09:00"');

export const slaPolicySchema = z.strictObject({
  timeZone: z.string().min(1).refine(isKnownTimeZone, 'an IANA time zone like "UTC" or "Europe/Berlin"').default('UTC'),
  businessDays: z.array(z.number().int().min(0).max(6)).min(1, 'at least one business day (0 = Sunday … 6 = Saturday)').default([1, 2, 3, 4, 5]),
  businessHours: z
    .strictObject({ start: clockTime, end: clockTime })
    .refine((hours) => hours.start < hours.end, 'business hours whose end comes after their start')
    .default({ start: '09:00', end: '17:00' }),
  /** Local dates (YYYY-MM-DD in `timeZone`) that are not business days. */
  holidays: z.array(z.iso.date()).default([]),
  targets: z.partialRecord(severitySchema, severityTargetSchema).default({}),
});

/** The document keeps top-level keys it does not know, like the records do. */
export const storeDocumentSchema = z.looseObject({
  version: z.literal(STORE_SCHEMA_VERSION),
  policy: slaPolicySchema.optional(),
  incidents: z.array(incidentSchema).default([]),
  deploys: z.array(deploySchema).default([]),
});

export type Roles = z.infer<typeof rolesSchema>;
export type ChecklistTick = z.infer<typeof checklistTickSchema>;
export type Highlight = z.infer<typeof highlightSchema>;
export type TimelineEvent = z.infer<typeof timelineEventSchema>;
export type LinkedCommit = z.infer<typeof linkedCommitSchema>;
export type StatusUpdate = z.infer<typeof statusUpdateSchema>;
export type ActionItem = z.infer<typeof actionItemSchema>;
export type TrackerExport = z.infer<typeof trackerExportSchema>;
export type Task = z.infer<typeof taskSchema>;
export type AlertRecord = z.infer<typeof alertRecordSchema>;
export type DeliveryRecord = z.infer<typeof deliveryRecordSchema>;
export type Retrospective = z.infer<typeof retrospectiveSchema>;
export type Incident = z.infer<typeof incidentSchema>;
export type Deploy = z.infer<typeof deploySchema>;
export type SeverityTarget = z.infer<typeof severityTargetSchema>;
export type SlaPolicy = z.infer<typeof slaPolicySchema>;
export type StoreDocument = z.infer<typeof storeDocumentSchema>;

const DOCUMENT_KEYS = new Set(['version', 'policy', 'incidents', 'deploys']);
/** The top-level keys of a document that this version does not know, to pass through untouched. */
export function unknownTopLevel(document: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(document).filter(([key]) => !DOCUMENT_KEYS.has(key) && key !== '__proto__'));
}
