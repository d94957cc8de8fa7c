/**
 * The status page as data, built from the store and the plan at `now`: the
 * incidents that have at least one public update (drills never), what state
 * each component is in, and the last 90 days. The renderers (html.ts,
 * atom.ts, summaryJson.ts) read only this model, so nothing unpublished can
 * reach them.
 */
import type { Incident, Severity, Status, StoreDocument } from '../record/schema';
import { isInactive, lastMoveTo, statusAt } from './lifecycleAt';
import { publicAudiences, publicFieldsOf, publicUpdatesOf, publishableIncident, type PlanChannels } from './publicUpdates';
import { publicTitle } from './publicTitle';

export const HISTORY_DAYS = 90;
/** The component of incidents that name none (no `service` or `components` on the record). */
export const ALL_SYSTEMS = 'All systems';

/** The hosted status-page vocabulary (Atlassian Statuspage v2), which the page and summary.json share. */
export type PublicStatus = 'investigating' | 'identified' | 'monitoring' | 'resolved';
export type Impact = 'none' | 'minor' | 'major' | 'critical';
export type ComponentStatus = 'operational' | 'degraded_performance' | 'partial_outage' | 'major_outage';

export interface PublicUpdate {
  id: string;
  at: string;
  text: string;
  nextUpdateBy?: string;
  /** The incident's state when the update was written. */
  status: PublicStatus;
}

export interface PublicIncident {
  id: string;
  title: string;
  status: PublicStatus;
  impact: Impact;
  components: string[];
  /** The first public update: when customers were first told. */
  createdAt: string;
  /** The latest public update. */
  updatedAt: string;
  monitoringAt?: string;
  resolvedAt?: string;
  /** Newest first, as status pages list them. */
  updates: PublicUpdate[];
  /** The type's fields marked public in the plan, that have a value (absent when none). */
  fields?: { title: string; value: string }[];
}

export interface PublicComponent {
  id: string;
  name: string;
  status: ComponentStatus;
}

export interface StatusPageModel {
  name: string;
  url?: string;
  generatedAt: string;
  indicator: Impact;
  components: PublicComponent[];
  active: PublicIncident[];
  /** Incidents resolved in the last 90 days, the latest first. */
  history: PublicIncident[];
}

export interface StatusPageOptions {
  now: Date;
  name: string;
  url?: string;
}

/** The public state of each status of the record, as the page, emails and chat messages to outside readers say it. */
export const PUBLIC_STATUS: Record<Status, PublicStatus> = {
  detected: 'investigating',
  triaged: 'investigating',
  communicating: 'identified',
  mitigated: 'monitoring',
  resolved: 'resolved',
  postmortem: 'resolved',
  closed: 'resolved',
};

const IMPACT: Record<Severity, Impact> = { SEV1: 'critical', SEV2: 'major', SEV3: 'minor', SEV4: 'minor' };
const IMPACT_ORDER: readonly Impact[] = ['none', 'minor', 'major', 'critical'];
const COMPONENT_STATUS: Record<Impact, ComponentStatus> = { none: 'operational', minor: 'degraded_performance', major: 'partial_outage', critical: 'major_outage' };

const worst = (impacts: readonly Impact[]): Impact => impacts.reduce<Impact>((a, b) => (IMPACT_ORDER.indexOf(b) > IMPACT_ORDER.indexOf(a) ? b : a), 'none');

/** What an open incident does to its components now: a restored service being watched (monitoring) counts as degraded at most. */
const currentImpact = (incident: PublicIncident): Impact => (incident.status === 'monitoring' && incident.impact !== 'none' ? 'minor' : incident.impact);

/** Plain code-unit order: the same on every machine and locale, so the output bytes are too. */
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The services an incident names (`components` list or `service` text, fields a record may carry), else "All systems". */
function componentNames(incident: Incident): string[] {
  const listed = Array.isArray(incident.components) ? incident.components.filter((name): name is string => typeof name === 'string' && name.trim() !== '') : [];
  const named = listed.length ? listed : typeof incident.service === 'string' && incident.service.trim() ? [incident.service] : [ALL_SYSTEMS];
  return [...new Set(named.map((name) => name.trim()))].sort(byText);
}

export const componentId = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'component';

function publicIncident(incident: Incident, audiences: ReadonlySet<string>, plan: PlanChannels, now: Date): PublicIncident | undefined {
  const updates = publicUpdatesOf(incident, audiences, now);
  if (!updates.length || !publishableIncident(incident)) return undefined;
  const fields = publicFieldsOf(incident, plan);
  const status = PUBLIC_STATUS[statusAt(incident, now)];
  const monitoringAt = lastMoveTo(incident, (step) => step === 'mitigated', now);
  const resolvedAt = status === 'resolved' ? (lastMoveTo(incident, isInactive, now) ?? updates[updates.length - 1].at) : undefined;
  return {
    id: incident.id,
    title: publicTitle(updates[0].text),
    status,
    impact: IMPACT[incident.severity],
    components: componentNames(incident),
    createdAt: updates[0].at,
    updatedAt: updates[updates.length - 1].at,
    ...(monitoringAt && (status === 'monitoring' || status === 'resolved') ? { monitoringAt } : {}),
    ...(resolvedAt ? { resolvedAt } : {}),
    updates: updates
      .map((update) => ({
        id: update.id,
        at: update.at,
        text: update.text,
        ...(update.nextUpdateBy ? { nextUpdateBy: update.nextUpdateBy } : {}),
        status: PUBLIC_STATUS[statusAt(incident, new Date(update.at))],
      }))
      .reverse(),
    ...(fields.length ? { fields } : {}),
  };
}

const newestFirst = (key: (incident: PublicIncident) => string) => (a: PublicIncident, b: PublicIncident) => byText(key(b), key(a)) || byText(a.id, b.id);

export function statusPageModel(document: Pick<StoreDocument, 'incidents'>, plan: PlanChannels, options: StatusPageOptions): StatusPageModel {
  const audiences = publicAudiences(plan);
  const since = options.now.getTime() - HISTORY_DAYS * 86_400_000;
  const published = document.incidents.flatMap((incident) => publicIncident(incident, audiences, plan, options.now) ?? []);
  const active = published.filter((incident) => incident.status !== 'resolved').sort(newestFirst((incident) => incident.createdAt));
  const history = published
    .filter((incident) => incident.status === 'resolved' && Date.parse(incident.resolvedAt ?? incident.updatedAt) >= since)
    .sort(newestFirst((incident) => incident.resolvedAt ?? incident.updatedAt));
  const names = [...new Set([ALL_SYSTEMS, ...[...active, ...history].flatMap((incident) => incident.components)])];
  const components = names
    .sort((a, b) => Number(b === ALL_SYSTEMS) - Number(a === ALL_SYSTEMS) || byText(a, b))
    .map((name) => ({
      id: componentId(name),
      name,
      status: COMPONENT_STATUS[worst(active.filter((incident) => incident.components.includes(name)).map(currentImpact))],
    }));
  return {
    name: options.name,
    ...(options.url ? { url: options.url } : {}),
    generatedAt: options.now.toISOString(),
    indicator: worst(active.map(currentImpact)),
    components,
    active,
    history,
  };
}
