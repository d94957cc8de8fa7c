/**
 * The closed lists of values an incident record and its messages use:
 * severities, categories, statuses, note kinds, audiences… Plain constants with
 * no schema library, so the webviews, the CLI and src/core/record/schema.ts (which
 * builds its zod enums from them) share one list without the webview bundles
 * carrying zod.
 */

export const CATEGORIES = ['regression', 'security', 'performance'] as const;
export const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
/** Lifecycle steps, in their usual order. */
export const STATUSES = ['detected', 'triaged', 'communicating', 'mitigated', 'resolved', 'postmortem', 'closed'] as const;
export const STAGES = ['prepare', 'detect', 'respond', 'recover'] as const;
export const ROLE_NAMES = ['commander', 'admin', 'scribe', 'communicator', 'patcher', 'responder'] as const;
export const COMMIT_RELATIONS = ['cause', 'fix', 'related'] as const;
export const CHECKLIST_ITEM_IDS = ['confidentiality', 'integrity', 'availability'] as const;
/** The kinds of field an incident type may ask for; each has its editor and its check (src/core/plan/fieldValues.ts). */
export const FIELD_KINDS = ['text', 'choice', 'number', 'date', 'person', 'url'] as const;
export const EVENT_KINDS = [
  'declared',
  'status',
  'severity',
  'role',
  'checklist',
  'note',
  'decision',
  'evidence',
  'action',
  'commit',
  'deploy',
  'update',
  'retrospective',
] as const;
/** What a delivered message tells a channel, and where its delivery stands (src/core/delivery/deliveryRecords.ts). */
export const DELIVERY_EVENTS = ['declared', 'update', 'resolved', 'closed', 'overdue', 'escalation', 'test'] as const;
export const DELIVERY_STATES = ['pending', 'sending', 'sent', 'failed', 'obsolete'] as const;
export const DEPLOY_STATUSES = ['started', 'succeeded', 'failed', 'rolled-back'] as const;
export const ACTION_ITEM_STATUSES = ['open', 'done', 'wontfix'] as const;
/** The trackers an action item can be exported to as an issue. */
export const TRACKER_KINDS = ['github', 'gitlab', 'jira'] as const;
export type TrackerKind = (typeof TRACKER_KINDS)[number];

/** Timeline kinds a responder writes by hand (the panel's composer, "Add Note", `incident note --kind`). */
export const NOTE_KINDS = ['note', 'decision', 'action', 'evidence'] as const;
/**
 * Audiences offered for a status update, the default first. An audience is
 * free text (any team or channel name), these are the usual ones; whether one
 * is external is decided by src/core/communication/messages.ts.
 */
export const UPDATE_AUDIENCES = ['stakeholders', 'customers', 'internal', 'executives'] as const;

/** `INC-` plus 8 Crockford base32 characters (see ids.ts). */
export const INCIDENT_ID_PATTERN = /^INC-[0-9A-HJKMNP-TV-Z]{8}$/;

export type Category = (typeof CATEGORIES)[number];
export type Severity = (typeof SEVERITIES)[number];
export type Status = (typeof STATUSES)[number];
export type Stage = (typeof STAGES)[number];
export type RoleName = (typeof ROLE_NAMES)[number];
export type CommitRelation = (typeof COMMIT_RELATIONS)[number];
export type ChecklistItemId = (typeof CHECKLIST_ITEM_IDS)[number];
export type EventKind = (typeof EVENT_KINDS)[number];
export type NoteKind = (typeof NOTE_KINDS)[number];
