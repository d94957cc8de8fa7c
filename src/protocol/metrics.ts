/**
 * Every message between the extension and the metrics dashboard's webview.
 * As for the incident panel (incidentPanel.ts): the host checks what the
 * webview sends with these strict zod schemas; the webview checks what the
 * host sends by hand (webview-ui/src/metrics/hostMessages.ts) and imports only
 * the types from here.
 */
import { z } from 'zod';
import { CATEGORIES, SEVERITIES } from '../core/record/recordValues';
import { errorReplySchema, parseWith, type Parsed } from './requests';
import { METRICS_RANGES } from './webviewValues';

export const metricsFilterSchema = z
  .object({
    range: z.enum(METRICS_RANGES),
    category: z.enum(CATEGORIES).optional(),
    severity: z.enum(SEVERITIES).optional(),
    /** One incident type of the plan, by id. */
    type: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,63}$/)
      .optional(),
    /** Count drills as incidents too (the dashboard's "Include drills" toggle). */
    includeDrills: z.boolean().optional(),
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
const metricSetSchema = z
  .object({ incidents: count, acknowledge: durationStatsSchema, mitigate: durationStatsSchema, resolve: durationStatsSchema, detect: durationStatsSchema })
  .strict();
const adherenceSchema = z.object({ met: count, breached: count, rate: z.number().min(0).max(1).optional() }).strict();

export const metricsSchema = z
  .object({
    incidents: count,
    impactStartKnown: count,
    overall: metricSetSchema,
    byMonth: z.array(z.object({ month: z.string().regex(/^\d{4}-\d\d$/), metrics: metricSetSchema }).strict()).max(1200),
    // A record over an enum needs every key: a payload missing a category is rejected.
    byCategory: z.record(z.enum(CATEGORIES), metricSetSchema),
    byType: z
      .array(z.object({ type: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/), metrics: metricSetSchema }).strict())
      .max(10_001)
      .optional(),
    bySeverity: z.record(z.enum(SEVERITIES), z.object({ incidents: count, response: adherenceSchema, resolution: adherenceSchema }).strict()),
    openActionItems: z.object({ total: count, under7Days: count, from7To30Days: count, over30Days: count }).strict(),
    drills: z.object({ count, dates: z.array(z.string().max(40)), acknowledge: durationStatsSchema }).strict(),
  })
  .strict();

/** Extension → dashboard webview. */
export const metricsHostMessageSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('metrics'),
      filter: metricsFilterSchema,
      metrics: metricsSchema,
      computedInMs: z.number().min(0),
      /** The incident types to filter by: the plan's, then those only old incidents carry (by id), with the titles people know. */
      types: z
        .array(z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/), title: z.string().max(500) }).strict())
        .max(20_000)
        .optional(),
    })
    .strict(),
  errorReplySchema,
]);

export type MetricsFilterMessage = z.infer<typeof metricsFilterSchema>;
export type MetricsWebviewMessage = z.infer<typeof metricsWebviewMessageSchema>;
export type MetricsHostMessage = z.infer<typeof metricsHostMessageSchema>;
export type MetricsPayload = z.infer<typeof metricsSchema>;
export const parseMetricsWebviewMessage = (raw: unknown): Parsed<MetricsWebviewMessage> => parseWith(metricsWebviewMessageSchema, raw);
export const parseMetricsHostMessage = (raw: unknown): Parsed<MetricsHostMessage> => parseWith(metricsHostMessageSchema, raw);
