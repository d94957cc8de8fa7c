/**
 * The store merge that cannot go backwards. Sync meets what a branch merge
 * does not: an old store put back by a checkout, replicas merged in any order,
 * the same change arriving twice. So two stores are joined with no base:
 *   - registers (single values, see fieldStamps.ts, each type field's value
 *     among them): the one stamped later,
 *     ties broken by the value's text; stamped on neither side (a store
 *     from an earlier release), the one of the record that changed later;
 *   - checklist boxes, triage ticks and event stars (highlights): per key
 *     the later `at`, ties by text;
 *   - acknowledgedAt and mitigatedAt: the earliest (someone did respond then);
 *   - incidents, deploys, timeline events, updates, action items and linked
 *     commits: the union by id, an element on both sides with different
 *     content being the later (action items by updatedAt) or else the greater
 *     text (a commit linked twice: the first link); responders and deploy
 *     ids: the set union;
 *   - alerts: by id, the state reached later by the monitoring's clock,
 *     the counts the larger (src/core/intake/alertRecords.ts);
 *   - deliveries: by id, sent absorbing, else the later round with the union
 *     of its claims (src/core/delivery/deliveryRecords.ts); an action item's
 *     tracker export the same way, beside the item's own fields
 *     (src/core/retrospective/followups.ts).
 * Every rule is a maximum in some order, so the join is commutative,
 * associative and idempotent, and nothing is ever dropped: replicas that saw
 * the same changes hold the same bytes (after stableFormat), whatever order
 * they synced in. The git merge driver and `incident repair` use it too,
 * after stamping the hand edits each side made since the merge base.
 */
import { joinAlertRecords } from '../intake/alertRecords';
import { joinDeliveries } from '../delivery/deliveryRecords';
import { joinExports } from '../retrospective/followups';
import {
  EARLIEST_STAMPS,
  compareValues,
  keysOfBoth,
  laterStamps,
  laterValue,
  registerKeysOfBoth,
  registerValue,
  sameValue,
  setRegister,
  stampEditsSince,
  stampsOf,
} from './fieldStamps';
import { documentRegisters, documentStamps, stampStoreEditsSince } from './documentStamps';
import { clashFreeIncidentId } from '../record/ids';
import type { ActionItem, Deploy, Incident, LinkedCommit, StoreDocument, Task } from '../record/schema';

/** The greater of two versions of one element: by `newer` first, then by text. */
const greater = <T>(a: T, b: T, newer: (x: T) => string = () => ''): T => (newer(a) > newer(b) ? a : newer(b) > newer(a) ? b : compareValues(a, b) >= 0 ? a : b);

/** Union by key; an element on both sides that differs is replaced by `both(a, b)`. Order: a's, then b's new ones (the store's format sorts them). */
function unionBy<T>(a: readonly T[], b: readonly T[], key: (item: T) => string, both: (x: T, y: T) => T = greater): T[] {
  const byKey = new Map(b.map((item) => [key(item), item]));
  const out = a.map((item) => {
    const other = byKey.get(key(item));
    return other === undefined || other === item || sameValue(item, other) ? item : both(item, other);
  });
  const seen = new Set(a.map(key));
  for (const item of b) if (!seen.has(key(item))) out.push(item);
  return out;
}

const sortedUnion = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])].sort();
const earliest = (a: string | undefined, b: string | undefined) => (a === undefined ? b : b === undefined || a <= b ? a : b);
/** An action item: the later by updatedAt (then text) for its own fields; its tracker export joined on its own (src/core/retrospective/followups.ts). */
function laterActionItem(a: ActionItem, b: ActionItem): ActionItem {
  const { export: exportA, ...restA } = a;
  const { export: exportB, ...restB } = b;
  const joined = joinExports(exportA, exportB);
  return { ...greater(restA, restB, (item) => item.updatedAt), ...(joined ? { export: joined } : {}) };
}
const laterTask = (a: Task, b: Task) => greater(a, b, (task) => task.updatedAt);
/** A commit linked on two replicas with one relation: the first link counts (who linked it first, and when). */
const firstLink = (a: LinkedCommit, b: LinkedCommit) => (a.linkedAt < b.linkedAt ? a : b.linkedAt < a.linkedAt ? b : greater(a, b));

/** Two maps of stamped values (triage ticks, event stars) joined key by key: the later `at`, ties by text; undefined when neither side has the map. */
function laterPerKey<T extends { at: string }>(a: Record<string, T> | undefined, b: Record<string, T> | undefined): Record<string, T> | undefined {
  if (!a && !b) return undefined;
  const joined: Record<string, T> = {};
  for (const key of keysOfBoth(a ?? {}, b ?? {})) {
    const [x, y] = [a?.[key], b?.[key]];
    const later = x && y ? greater(x, y, (value) => value.at) : (x ?? y);
    if (later) joined[key] = later;
  }
  return joined;
}

/** Each register from the side that stamped it later (stamped by neither: the record changed later); a tie goes to the greater value. */
function joinRegisters(a: Incident, b: Incident, merged: Incident): void {
  const [stampsA, stampsB] = [stampsOf(a), stampsOf(b)];
  for (const key of registerKeysOfBoth(a, b)) {
    setRegister(merged, key, laterValue(registerValue(a, key), registerValue(b, key), stampsA[key], stampsB[key], a.updatedAt, b.updatedAt));
  }
}

/** Two versions of one incident joined (see the module comment). */
export function joinIncidents(a: Incident, b: Incident): Incident {
  if (a === b || sameValue(a, b)) return a;
  const merged = {} as Incident;
  for (const key of keysOfBoth(a, b)) (merged as Record<string, unknown>)[key] = undefined;
  const retrospectiveKeys = keysOfBoth(a.retrospective, b.retrospective);
  merged.roles = { responders: sortedUnion(a.roles.responders, b.roles.responders) };
  merged.retrospective = {
    ...Object.fromEntries(retrospectiveKeys.map((key) => [key, undefined])),
    whys: [],
    actionItems: unionBy(a.retrospective.actionItems, b.retrospective.actionItems, (item) => item.id, laterActionItem),
  } as Incident['retrospective'];
  // The type's field values are registers each (fields.<id>): the object is there when either side has it, filled by the join.
  if (a.fields || b.fields) merged.fields = {};
  joinRegisters(a, b, merged);
  merged.id = a.id;
  for (const field of EARLIEST_STAMPS) {
    const at = earliest(a[field], b[field]);
    if (at === undefined) delete merged[field];
    else merged[field] = at;
  }
  const checklist: Incident['checklist'] = {};
  for (const item of keysOfBoth(a.checklist, b.checklist) as Array<keyof Incident['checklist']>) {
    const [x, y] = [a.checklist[item], b.checklist[item]];
    const tick = x && y ? greater(x, y, (t) => t.at) : (x ?? y);
    if (tick) checklist[item] = tick;
  }
  merged.checklist = checklist;
  // The plan's triage questions and the stars on events: each the later tick or star, like the boxes above; absent when neither side set one.
  const triage = laterPerKey(a.triage, b.triage);
  if (triage) merged.triage = triage;
  const highlights = laterPerKey(a.highlights, b.highlights);
  if (highlights) merged.highlights = highlights;
  merged.timeline = unionBy(a.timeline, b.timeline, (event) => event.id);
  merged.updates = unionBy(a.updates, b.updates, (update) => update.id);
  merged.commits = unionBy(a.commits, b.commits, (commit) => `${commit.sha}:${commit.relation}`, firstLink);
  merged.deployIds = sortedUnion(a.deployIds, b.deployIds);
  // Tasks by id, each the side that changed it later (a tick, an assignment); absent when neither side has any.
  if (a.tasks || b.tasks) merged.tasks = unionBy(a.tasks ?? [], b.tasks ?? [], (task) => task.id, laterTask);
  // Alerts by id, each record the later state by the monitoring's clock, counts the larger (src/core/intake/alertRecords.ts).
  if (a.alerts || b.alerts) merged.alerts = unionBy(a.alerts ?? [], b.alerts ?? [], (alert) => alert.id, joinAlertRecords);
  // Deliveries by id: sent absorbs, else the later round with its claims joined (src/core/delivery/deliveryRecords.ts).
  if (a.deliveries || b.deliveries) merged.deliveries = unionBy(a.deliveries ?? [], b.deliveries ?? [], (delivery) => delivery.id, joinDeliveries);
  merged.updatedAt = a.updatedAt >= b.updatedAt ? a.updatedAt : b.updatedAt;
  const changedAt = laterStamps(a.changedAt, b.changedAt);
  if (changedAt) merged.changedAt = changedAt;
  // Keys reserved above but absent on both sides after the join (a cleared register) go.
  for (const [key, value] of Object.entries(merged)) if (value === undefined) delete (merged as Record<string, unknown>)[key];
  for (const [key, value] of Object.entries(merged.retrospective)) if (value === undefined) delete (merged.retrospective as Record<string, unknown>)[key];
  return merged;
}

function joinDeploys(a: Deploy, b: Deploy): Deploy {
  const rest = (deploy: Deploy) => ({ ...deploy, incidentIds: [] });
  return { ...greater(rest(a), rest(b)), incidentIds: sortedUnion(a.incidentIds, b.incidentIds) };
}

/** Who declared an incident, and when: two records with one id and different births are two incidents. */
const birthOf = (incident: Incident) => `${incident.declaredAt}\u0000${incident.declaredBy}`;

/**
 * `b`'s incidents, each that shares an id with a different incident of `a`
 * renamed: the one declared first (then by the smaller name) keeps the id,
 * the other takes clashFreeIncidentId, the same on every replica, with an
 * event saying so (its id derived too, so replicas converge).
 */
function withoutIdClashes(a: readonly Incident[], b: readonly Incident[]): { a: Incident[]; b: Incident[] } {
  const byId = new Map(a.map((incident) => [incident.id, incident]));
  const rename = (incident: Incident): Incident => {
    const id = clashFreeIncidentId(incident.id, birthOf(incident));
    const event = {
      id: `clash-${id.slice(4).toLowerCase()}`,
      at: incident.declaredAt,
      author: 'Incident Responder',
      kind: 'note' as const,
      text: `Id changed from ${incident.id} to ${id}: another incident, declared elsewhere in the same minute, drew the same id`,
    };
    return { ...incident, id, timeline: [...incident.timeline, event] };
  };
  const keptA: Incident[] = [...a];
  const keptB: Incident[] = [];
  for (const incident of b) {
    const other = byId.get(incident.id);
    if (!other || birthOf(other) === birthOf(incident)) {
      keptB.push(incident);
      continue;
    }
    // The later birth moves, whichever side it is on.
    if (birthOf(incident) > birthOf(other)) keptB.push(rename(incident));
    else {
      keptA[keptA.indexOf(other)] = rename(other);
      keptB.push(incident);
    }
  }
  return { a: keptA, b: keptB };
}

/** Two stores joined: commutative, associative and idempotent (see the module comment). */
export function joinStores(a: StoreDocument, b: StoreDocument): StoreDocument {
  const [registersA, registersB] = [documentRegisters(a), documentRegisters(b)];
  const [stampsA, stampsB] = [documentStamps(a) ?? {}, documentStamps(b) ?? {}];
  const registers: Record<string, unknown> = {};
  for (const key of keysOfBoth(registersA, registersB)) {
    const value = laterValue(registersA[key], registersB[key], stampsA[key], stampsB[key]);
    if (value !== undefined) registers[key] = value;
  }
  const changedAt = laterStamps(documentStamps(a), documentStamps(b));
  return {
    ...registers,
    ...(changedAt ? { changedAt } : {}),
    version: Math.max(a.version, b.version) as StoreDocument['version'],
    incidents: (({ a: left, b: right }) => unionBy(left, right, (incident) => incident.id, joinIncidents))(withoutIdClashes(a.incidents, b.incidents)),
    deploys: unionBy(a.deploys, b.deploys, (deploy) => deploy.id, joinDeploys),
  } as StoreDocument;
}

/**
 * The three-way merge of a branch merge (the git merge driver, the repair):
 * each side's hand edits since the base are stamped, then the two are joined.
 * The base never brings anything back; without one (a file added on both
 * sides) the sides are joined as they are.
 */
export function mergeStores(base: StoreDocument | undefined, ours: StoreDocument, theirs: StoreDocument): StoreDocument {
  if (!base) return joinStores(ours, theirs);
  return joinStores(stampStoreEditsSince(base, ours), stampStoreEditsSince(base, theirs));
}

/** The three-way merge of one incident (what mergeStores does to each incident on both sides). */
export function mergeIncident(base: Incident | undefined, ours: Incident, theirs: Incident): Incident {
  return base ? joinIncidents(stampEditsSince(base, ours), stampEditsSince(base, theirs)) : joinIncidents(ours, theirs);
}
