/**
 * Every message between the extension and the incident panel's webview, typed
 * as a discriminated union. The host checks what the webview sends with these
 * strict zod schemas: unknown or ill-typed messages are rejected, never acted
 * on. The webview checks what the host sends by hand
 * (webview-ui/src/hostMessages.ts) and imports only the types from here, so
 * its bundle carries no zod. Pure: no vscode, no DOM.
 */
import { z } from 'zod';
import { MESSAGE_FORMATS } from '../core/communication/messages';
import { ACTION_ITEM_STATUSES, CATEGORIES, CHECKLIST_ITEM_IDS, FIELD_KINDS, NOTE_KINDS, ROLE_NAMES, SEVERITIES, STAGES, STATUSES } from '../core/record/recordValues';
import { checklistTickSchema, deploySchema, incidentIdSchema, incidentSchema } from '../core/record/schema';
import { LINK_MAX } from '../core/intake/payloads/payloadValues';
import { errorReplySchema, parseWith, type Parsed } from './requests';
import { CLOCK_NAMES, PANEL_TABS } from './webviewValues';
import { FIELD_TEXT_MAX } from '../core/plan/fieldValues';

const text = (max: number) => z.string().trim().min(1).max(max);
const isoTime = z.iso.datetime({ offset: true });

/** Webview → extension. */
export const webviewMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }).strict(),
  z.object({ type: z.literal('setTitle'), title: text(500) }).strict(),
  z.object({ type: z.literal('setSeverity'), severity: z.enum(SEVERITIES) }).strict(),
  z.object({ type: z.literal('setCategory'), category: z.enum(CATEGORIES) }).strict(),
  z.object({ type: z.literal('setStatus'), status: z.enum(STATUSES) }).strict(),
  z.object({ type: z.literal('assignRole'), role: z.enum(ROLE_NAMES) }).strict(),
  z.object({ type: z.literal('tickChecklist'), item: z.enum(CHECKLIST_ITEM_IDS), checked: z.boolean() }).strict(),
  /** One of the plan's triage questions (by id; the host checks it is one). */
  z.object({ type: z.literal('tickTriage'), questionId: text(64), checked: z.boolean() }).strict(),
  /** When the impact began (the host refuses a time after the declaration). */
  z.object({ type: z.literal('setImpactStart'), startedAt: isoTime }).strict(),
  /** One of the incident type's fields (by id; the host checks it against the plan and the field's kind); empty text clears it. */
  z.object({ type: z.literal('setField'), fieldId: text(64), value: z.string().max(FIELD_TEXT_MAX) }).strict(),
  /** One of the incident type's questions answered, or the answer taken back (by id; the host checks the type has it). */
  z.object({ type: z.literal('answerTypeQuestion'), questionId: text(64), answered: z.boolean() }).strict(),
  /** Runbook tasks: tick or reopen, give to someone (the host asks whom), open the runbook at the step. */
  z.object({ type: z.literal('setTaskDone'), taskId: text(64), done: z.boolean() }).strict(),
  z.object({ type: z.literal('assignTask'), taskId: text(64) }).strict(),
  z.object({ type: z.literal('openRunbook'), taskId: text(64) }).strict(),
  z.object({ type: z.literal('addEvent'), kind: z.enum(NOTE_KINDS), text: text(20_000) }).strict(),
  z.object({ type: z.literal('openEvidence'), eventId: text(64) }).strict(),
  /** A link of one of the incident's alerts (runbook, source graph, dashboard): the host opens it outside only when the incident's alerts carry it. */
  z.object({ type: z.literal('openAlertLink'), url: z.string().min(1).max(LINK_MAX) }).strict(),
  /** Star (or unstar) a timeline event as a key moment of the incident (by id; the host checks the incident has it). */
  z.object({ type: z.literal('setHighlight'), eventId: text(64), on: z.boolean() }).strict(),
  z.object({ type: z.literal('linkCommit') }).strict(),
  z.object({ type: z.literal('openCommit'), sha: z.string().regex(/^[0-9a-f]{40}$/) }).strict(),
  z.object({ type: z.literal('showSuspects') }).strict(),
  z.object({ type: z.literal('recordDeploy') }).strict(),
  z.object({ type: z.literal('exportPostmortem') }).strict(),
  z.object({ type: z.literal('postUpdate'), audience: text(100), text: text(20_000), nextUpdateBy: isoTime.optional() }).strict(),
  z.object({ type: z.literal('copyMessage'), format: z.enum(MESSAGE_FORMATS) }).strict(),
  /** A message that did not reach its channel: send it again, or copy it to paste by hand (by delivery id; the host checks the incident has it). */
  z.object({ type: z.literal('retryDelivery'), deliveryId: text(400) }).strict(),
  z.object({ type: z.literal('copyDelivery'), deliveryId: text(400) }).strict(),
  z.object({ type: z.literal('setWhys'), whys: z.array(z.string().max(20_000)).max(5) }).strict(),
  z.object({ type: z.literal('setRootCause'), rootCause: z.string().max(20_000) }).strict(),
  /** Summary and impact of the postmortem; empty text clears. */
  z.object({ type: z.literal('setSummary'), summary: z.string().max(20_000) }).strict(),
  z.object({ type: z.literal('setImpact'), impact: z.string().max(20_000) }).strict(),
  z.object({ type: z.literal('addActionItem'), title: text(500), owner: text(200).optional(), due: z.iso.date().optional() }).strict(),
  z.object({ type: z.literal('setActionItemStatus'), id: text(64), status: z.enum(ACTION_ITEM_STATUSES) }).strict(),
]);

/** A deadline the webview counts down to by itself, so clocks tick without messages. */
export const clockSchema = z
  .object({
    name: z.enum(CLOCK_NAMES),
    label: z.string().max(100),
    deadline: isoTime.optional(),
    /** When the target was met (the clock stops). */
    metAt: isoTime.optional(),
  })
  .strict();

/** The incident's type as the panel shows it: its fields with what each editor needs, and its questions. */
export const panelTypeSchema = z
  .object({
    id: z.string().max(64),
    /** The type's title, or its id when the plan no longer defines it (then nothing is editable). */
    title: z.string().max(500),
    definition: z.string().max(10_000).optional(),
    defined: z.boolean(),
    fields: z.array(
      z
        .object({
          id: z.string().max(64),
          title: z.string().max(500),
          kind: z.enum(FIELD_KINDS),
          value: z.string().max(10_000).optional(),
          required: z.boolean(),
          public: z.boolean(),
          /** False for a value kept from a field the plan no longer defines: shown, not editable. */
          defined: z.boolean(),
          choices: z.array(z.string().max(500)).optional(),
          min: z.number().optional(),
          max: z.number().optional(),
          help: z.string().max(10_000).optional(),
        })
        .strict(),
    ),
    questions: z.array(
      z
        .object({
          id: z.string().max(64),
          text: z.string().max(10_000),
          answered: z
            .object({ by: z.string().max(500), at: isoTime })
            .strict()
            .optional(),
        })
        .strict(),
    ),
  })
  .strict();

/** Domain results the host computes with src/core, so the webview stays a view. */
export const panelViewSchema = z
  .object({
    stage: z.enum(STAGES),
    /** Moves the domain accepts now; the picker offers only these. */
    nextStatuses: z.array(z.enum(STATUSES)),
    /** Moves that wait for something (a commander before triage), with what to do first. */
    blockedStatuses: z.array(z.object({ status: z.enum(STATUSES), reason: z.string().max(500) }).strict()),
    checklist: z.array(
      z
        .object({
          id: z.enum(CHECKLIST_ITEM_IDS),
          question: z.string().max(500),
          hint: z.string().max(1000),
          emphasized: z.boolean(),
          tick: checklistTickSchema.optional(),
        })
        .strict(),
    ),
    /** The plan's triage questions by CIA group, with the incident's ticks and each group's box; shown instead of `checklist` when present. */
    triage: z
      .array(
        z
          .object({
            group: z.enum(CHECKLIST_ITEM_IDS),
            box: checklistTickSchema.optional(),
            questions: z.array(
              z
                .object({
                  id: z.string().max(64),
                  text: z.string().max(10_000),
                  suggestion: z.string().max(100),
                  tick: checklistTickSchema.optional(),
                })
                .strict(),
            ),
          })
          .strict(),
      )
      .optional(),
    verdict: z
      .object({
        isIncident: z.boolean(),
        text: z.string().max(1000),
        /** What the ticks suggest, for the one-click "apply" button. */
        suggestedSeverity: z.enum(SEVERITIES).optional(),
        suggestedCategory: z.enum(CATEGORIES).optional(),
      })
      .strict(),
    clocks: z.array(clockSchema),
    /** Whom a status update can be for: the plan's channels' audiences (with where they go), then the built-in ones. */
    audiences: z
      .array(z.object({ audience: z.string().max(100), description: z.string().max(500).optional() }).strict())
      .max(200)
      .optional(),
    /** Present when the incident has one of the plan's types (or had one the plan dropped). */
    type: panelTypeSchema.optional(),
  })
  .strict();

/** What the panel shows of one incident. */
export const panelStateSchema = z
  .object({
    incident: incidentSchema,
    deploys: z.array(deploySchema),
    view: panelViewSchema,
    readOnly: z.boolean(),
    /** Why the panel is read-only (Restricted Mode, an unusable store), shown as a banner. */
    readOnlyReason: z.string().max(500).optional(),
    /** Timeline entries others wrote that are new to this reader (src/ui/newEntries.ts): marked in the panel. */
    newEventIds: z.array(z.string().min(1).max(64)).optional(),
  })
  .strict();

/** Extension → webview. */
export const hostMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('state'), state: panelStateSchema }).strict(),
  z.object({ type: z.literal('missing'), incidentId: incidentIdSchema }).strict(),
  errorReplySchema,
  z.object({ type: z.literal('showTab'), tab: z.enum(PANEL_TABS) }).strict(),
]);

export type WebviewMessage = z.infer<typeof webviewMessageSchema>;
export type HostMessage = z.infer<typeof hostMessageSchema>;
export type PanelState = z.infer<typeof panelStateSchema>;
export type PanelView = z.infer<typeof panelViewSchema>;
export type Clock = z.infer<typeof clockSchema>;
export type PanelType = z.infer<typeof panelTypeSchema>;

export const parseWebviewMessage = (raw: unknown): Parsed<WebviewMessage> => parseWith(webviewMessageSchema, raw);
export const parseHostMessage = (raw: unknown): Parsed<HostMessage> => parseWith(hostMessageSchema, raw);
