/**
 * The closed lists the host and the webviews share beyond the record's own
 * (src/core/record/recordValues.ts). No schema library: the webview bundles import
 * these, the host's zod schemas (incidentPanel.ts, metrics.ts) build on them.
 */

/** The incident panel's tabs, in order; the host can ask for one (e.g. the retrospective once an incident is resolved). */
export const PANEL_TABS = ['triage', 'timeline', 'links', 'updates', 'retrospective'] as const;
export type PanelTab = (typeof PANEL_TABS)[number];

/** The clocks the panel counts down: the SLA's, the next update, and the plan's regulatory deadlines. */
export const CLOCK_NAMES = ['response', 'resolution', 'update', 'regulatory'] as const;

/** The metrics dashboard's time ranges. */
export const METRICS_RANGES = ['30d', '90d', '365d', 'all'] as const;
export type MetricsRange = (typeof METRICS_RANGES)[number];

/** What each metric set times, in the order the dashboard shows them. */
export const METRIC_MEASURES = ['acknowledge', 'mitigate', 'resolve', 'detect'] as const;

/** The name of the <meta> in which the host hands a webview its translations (`vscode.l10n.bundle` as JSON; absent in English). */
export const L10N_META_NAME = 'incidents-l10n';
