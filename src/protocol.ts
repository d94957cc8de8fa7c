/**
 * Every message between the extension and the incident webview, typed as a
 * discriminated union and validated with the same zod schema on receipt, on
 * both sides. Unknown or ill-typed messages are rejected, never acted on.
 * Shared by src/ui (extension side) and webview-ui/ (browser side): pure, no
 * vscode, no DOM.
 */
import { z } from 'zod';
import {
  ACTION_ITEM_STATUSES,
  CATEGORIES,
  CHECKLIST_ITEM_IDS,
  checklistTickSchema,
  deploySchema,
  incidentIdSchema,
  incidentSchema,
  ROLE_NAMES,
  SEVERITIES,
  STAGES,
  STATUSES,
} from './core/schema';

const text = (max: number) => z.string().trim().min(1).max(max);
const isoTime = z.iso.datetime({ offset: true });

/** Kinds a responder writes by hand in the timeline composer. */
export const COMPOSER_KINDS = ['note', 'decision', 'action', 'evidence'] as const;
export const MESSAGE_FORMATS = ['markdown', 'slack'] as const;
/** The panel's tabs, in order; the host can ask for one (e.g. the retrospective once an incident is resolved). */
export const PANEL_TABS = ['triage', 'timeline', 'links', 'updates', 'retrospective'] as const;
export type PanelTab = (typeof PANEL_TABS)[number];

/** Webview → extension. */
export const webviewMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }).strict(),
  z.object({ type: z.literal('setTitle'), title: text(500) }).strict(),
  z.object({ type: z.literal('setSeverity'), severity: z.enum(SEVERITIES) }).strict(),
  z.object({ type: z.literal('setCategory'), category: z.enum(CATEGORIES) }).strict(),
  z.object({ type: z.literal('setStatus'), status: z.enum(STATUSES) }).strict(),
  z.object({ type: z.literal('assignRole'), role: z.enum(ROLE_NAMES) }).strict(),
  z.object({ type: z.literal('tickChecklist'), item: z.enum(CHECKLIST_ITEM_IDS), checked: z.boolean() }).strict(),
  z.object({ type: z.literal('addEvent'), kind: z.enum(COMPOSER_KINDS), text: text(20_000) }).strict(),
  z.object({ type: z.literal('openEvidence'), eventId: text(64) }).strict(),
  z.object({ type: z.literal('linkCommit') }).strict(),
  z.object({ type: z.literal('openCommit'), sha: z.string().regex(/^[0-9a-f]{40}$/) }).strict(),
  z.object({ type: z.literal('showSuspects') }).strict(),
  z.object({ type: z.literal('recordDeploy') }).strict(),
  z.object({ type: z.literal('exportPostmortem') }).strict(),
  z.object({ type: z.literal('postUpdate'), audience: text(100), text: text(20_000), nextUpdateBy: isoTime.optional() }).strict(),
  z.object({ type: z.literal('copyMessage'), format: z.enum(MESSAGE_FORMATS) }).strict(),
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
    name: z.enum(['response', 'resolution', 'update']),
    label: z.string().max(100),
    deadline: isoTime.optional(),
    /** When the target was met (the clock stops). */
    metAt: isoTime.optional(),
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
  })
  .strict();

/** Extension → webview. */
export const hostMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('state'), state: panelStateSchema }).strict(),
  z.object({ type: z.literal('missing'), incidentId: incidentIdSchema }).strict(),
  z.object({ type: z.literal('error'), message: z.string().max(2000) }).strict(),
  z.object({ type: z.literal('showTab'), tab: z.enum(PANEL_TABS) }).strict(),
]);

export type WebviewMessage = z.infer<typeof webviewMessageSchema>;
export type HostMessage = z.infer<typeof hostMessageSchema>;
export type PanelState = z.infer<typeof panelStateSchema>;
export type PanelView = z.infer<typeof panelViewSchema>;
export type Clock = z.infer<typeof clockSchema>;
export type ComposerKind = (typeof COMPOSER_KINDS)[number];

export type Parsed<T> = { ok: true; message: T } | { ok: false; error: string };

function parseWith<T>(schema: z.ZodType<T>, raw: unknown): Parsed<T> {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, message: result.data };
  const issue = result.error.issues[0];
  return { ok: false, error: `${issue?.path.join('.') || 'message'}: ${issue?.message ?? 'invalid'}` };
}

export const parseWebviewMessage = (raw: unknown): Parsed<WebviewMessage> => parseWith(webviewMessageSchema, raw);
export const parseHostMessage = (raw: unknown): Parsed<HostMessage> => parseWith(hostMessageSchema, raw);

/* ── The metrics dashboard ─────────────────────────────────────────────── */

export const METRICS_RANGES = ['30d', '90d', '365d', 'all'] as const;
export type MetricsRange = (typeof METRICS_RANGES)[number];

export const metricsFilterSchema = z
  .object({
    range: z.enum(METRICS_RANGES),
    category: z.enum(CATEGORIES).optional(),
    severity: z.enum(SEVERITIES).optional(),
  })
  .strict();

/** Dashboard webview → extension. */
export const metricsWebviewMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }).strict(),
  z.object({ type: z.literal('setFilter'), filter: metricsFilterSchema }).strict(),
  z.object({ type: z.literal('exportCsv') }).strict(),
]);

const count = z.number().int().min(0);
const ms = z.number().finite().min(0).optional();
const durationStatsSchema = z.object({ count, medianMs: ms, meanMs: ms }).strict();
const metricSetSchema = z.object({ incidents: count, acknowledge: durationStatsSchema, mitigate: durationStatsSchema, resolve: durationStatsSchema, detect: durationStatsSchema }).strict();
const adherenceSchema = z.object({ met: count, breached: count, rate: z.number().min(0).max(1).optional() }).strict();

export const metricsSchema = z
  .object({
    incidents: count,
    overall: metricSetSchema,
    byMonth: z.array(z.object({ month: z.string().regex(/^\d{4}-\d\d$/), metrics: metricSetSchema }).strict()).max(1200),
    // A record over an enum needs every key: a payload missing a category is rejected.
    byCategory: z.record(z.enum(CATEGORIES), metricSetSchema),
    bySeverity: z.record(z.enum(SEVERITIES), z.object({ incidents: count, response: adherenceSchema, resolution: adherenceSchema }).strict()),
    openActionItems: z.object({ total: count, under7Days: count, from7To30Days: count, over30Days: count }).strict(),
  })
  .strict();

/** Extension → dashboard webview. */
export const metricsHostMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('metrics'), filter: metricsFilterSchema, metrics: metricsSchema, computedInMs: z.number().min(0) }).strict(),
  z.object({ type: z.literal('error'), message: z.string().max(2000) }).strict(),
]);

export type MetricsFilterMessage = z.infer<typeof metricsFilterSchema>;
export type MetricsWebviewMessage = z.infer<typeof metricsWebviewMessageSchema>;
export type MetricsHostMessage = z.infer<typeof metricsHostMessageSchema>;
export type MetricsPayload = z.infer<typeof metricsSchema>;
export const parseMetricsWebviewMessage = (raw: unknown): Parsed<MetricsWebviewMessage> => parseWith(metricsWebviewMessageSchema, raw);
export const parseMetricsHostMessage = (raw: unknown): Parsed<MetricsHostMessage> => parseWith(metricsHostMessageSchema, raw);
