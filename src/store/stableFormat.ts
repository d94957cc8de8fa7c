/**
 * The one way the store is written: 2-space JSON, keys in schema order,
 * incidents sorted by id, events by time (ties by id), deploys by time,
 * responders by name, action items by creation, stamp, checklist, triage and
 * highlight keys by name, and a trailing newline. Saving an unchanged store changes no byte, so diffs and
 * reviews show only what really changed.
 */
import { deploySchema, incidentSchema, slaPolicySchema, STORE_SCHEMA_VERSION, unknownTopLevel, type Deploy, type Incident, type StoreDocument } from '../core/schema';

const byText =
  <T>(key: (item: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
const byTimeThenId = <T extends { at: string; id: string }>(a: T, b: T) => byText<T>((x) => x.at)(a, b) || byText<T>((x) => x.id)(a, b);

/**
 * Records already in canonical form: validated by the schema (which rebuilds
 * every object with its keys in schema order) and sorted. The store marks what
 * it reads, so a change to one incident re-validates that one, not 10,000.
 * The mark is a non-enumerable symbol: JSON and object spread do not copy it,
 * so a changed record (domain changes return a new object) is never marked.
 */
const CANONICAL = Symbol('canonical');

function markCanonical<T extends object>(record: T): T {
  Object.defineProperty(record, CANONICAL, { value: true });
  return record;
}

const isCanonical = (record: object) => (record as { [CANONICAL]?: boolean })[CANONICAL] === true;

function isSorted<T>(list: readonly T[], compare: (a: T, b: T) => number): boolean {
  for (let i = 1; i < list.length; i++) if (compare(list[i - 1], list[i]) > 0) return false;
  return true;
}

const byCommitLink = byText((c: Incident['commits'][number]) => `${c.linkedAt}\u0000${c.sha}\u0000${c.relation}`);
const byCreation = byText((item: Incident['retrospective']['actionItems'][number]) => `${item.createdAt}\u0000${item.id}`);
const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** Tasks in the order they were added, then by runbook and line (the runbook's order), then id. */
const byTaskOrder = byText(
  (task: NonNullable<Incident['tasks']>[number]) => `${task.createdAt}\u0000${task.runbook ?? ''}\u0000${String(task.line ?? 0).padStart(8, '0')}\u0000${task.id}`,
);
/** A map of stamps with its keys in order (merges add keys in either side's order). */
function keysSorted<T>(map: Record<string, T>): Record<string, T> {
  const keys = Object.keys(map);
  return isSorted(keys, byString) ? map : Object.fromEntries(keys.sort(byString).map((key) => [key, map[key]]));
}

/**
 * Sorts the lists of a record fresh from the schema, which nobody else holds
 * yet: events and updates by time, commits by link time, deploy ids unique.
 * Lists already in order (the usual case) are left as they are.
 */
function sortListsOfFreshRecord(incident: Incident): Incident {
  if (!isSorted(incident.timeline, byTimeThenId)) incident.timeline.sort(byTimeThenId);
  if (!isSorted(incident.updates, byTimeThenId)) incident.updates.sort(byTimeThenId);
  if (!isSorted(incident.commits, byCommitLink)) incident.commits.sort(byCommitLink);
  if (!isSorted(incident.deployIds, (a, b) => (a < b ? -1 : 1))) incident.deployIds = [...new Set(incident.deployIds)].sort(byString);
  // Responders and action items in a fixed order too, so replicas that merged in different orders write the same bytes.
  if (!isSorted(incident.roles.responders, (a, b) => (a < b ? -1 : 1))) incident.roles.responders = [...new Set(incident.roles.responders)].sort(byString);
  if (!isSorted(incident.retrospective.actionItems, byCreation)) incident.retrospective.actionItems.sort(byCreation);
  if (incident.tasks && !isSorted(incident.tasks, byTaskOrder)) incident.tasks.sort(byTaskOrder);
  if (incident.changedAt) incident.changedAt = keysSorted(incident.changedAt);
  incident.checklist = keysSorted(incident.checklist);
  if (incident.triage) incident.triage = keysSorted(incident.triage);
  if (incident.highlights) incident.highlights = keysSorted(incident.highlights);
  return incident;
}

const canonicalIncident = (incident: Incident): Incident => (isCanonical(incident) ? incident : markCanonical(sortListsOfFreshRecord(incidentSchema.parse(incident))));
const canonicalDeploy = (deploy: Deploy): Deploy => (isCanonical(deploy) ? deploy : markCanonical(deploySchema.parse(deploy)));

/** Records that have just passed the schema (the store's read path): sorted and marked, not parsed again. */
export function canonicalRecords(incidents: Incident[], deploys: Deploy[]): { incidents: Incident[]; deploys: Deploy[] } {
  for (const incident of incidents) markCanonical(sortListsOfFreshRecord(incident));
  for (const deploy of deploys) markCanonical(deploy);
  return { incidents, deploys };
}

export function canonicalDocument(document: StoreDocument): StoreDocument {
  const stamps = (document as { changedAt?: Record<string, string> }).changedAt;
  return {
    version: STORE_SCHEMA_VERSION,
    ...(document.policy ? { policy: slaPolicySchema.parse(document.policy) } : {}),
    incidents: document.incidents.map(canonicalIncident).sort(byText((i) => i.id)),
    deploys: document.deploys.map(canonicalDeploy).sort(byTimeThenId),
    ...unknownTopLevel(document),
    ...(stamps && { changedAt: keysSorted(stamps) }),
  };
}

/** The text of a document already in canonical form. */
export function canonicalText(canonical: StoreDocument): string {
  return `${JSON.stringify(canonical, null, 2)}\n`;
}

export function formatStore(document: StoreDocument): string {
  return canonicalText(canonicalDocument(document));
}
