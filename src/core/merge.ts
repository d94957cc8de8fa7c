/**
 * Record-level three-way merge of two versions of the store with their common
 * base, so two responders editing the same incident on two branches keep both
 * sides: incidents and deploys by id, timeline events, updates and action
 * items by id as a union, people lists as sets, and each scalar field taken
 * from the side that changed it (both changed: the later `updatedAt` wins);
 * status and its stamps travel together (mergeLifecycle).
 * Nothing is ever dropped, so there are no conflict markers to resolve.
 */
import { LIFECYCLE_FIELDS } from './lifecycle';
import { unknownTopLevel, type ActionItem, type Incident, type StoreDocument } from './schema';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The classic rule for one value: whoever changed it from base wins; both changed → `preferOurs` decides. */
export function mergeValue<T>(base: T | undefined, ours: T, theirs: T, preferOurs: boolean): T {
  if (same(ours, theirs)) return ours;
  if (same(ours, base)) return theirs;
  if (same(theirs, base)) return ours;
  return preferOurs ? ours : theirs;
}

/** Union by key; an element on both sides is merged with `both`. Order: ours first, then theirs' new ones. */
function unionBy<T>(base: readonly T[], ours: readonly T[], theirs: readonly T[], key: (item: T) => string, both: (b: T | undefined, o: T, t: T) => T = (_b, o) => o): T[] {
  const baseByKey = new Map(base.map((item) => [key(item), item]));
  const theirsByKey = new Map(theirs.map((item) => [key(item), item]));
  const out = ours.map((item) => {
    const other = theirsByKey.get(key(item));
    return other ? both(baseByKey.get(key(item)), item, other) : item;
  });
  const seen = new Set(ours.map(key));
  for (const item of theirs) if (!seen.has(key(item))) out.push(item);
  return out;
}

const setUnion = (ours: readonly string[], theirs: readonly string[]) => [...new Set([...ours, ...theirs])];

function mergeActionItem(base: ActionItem | undefined, ours: ActionItem, theirs: ActionItem): ActionItem {
  return mergeValue(base, ours, theirs, ours.updatedAt >= theirs.updatedAt);
}

const SCALARS = ['title', 'category', 'severity', 'summary', 'impact', 'startedAt'] as const;

type Lifecycle = Pick<Incident, (typeof LIFECYCLE_FIELDS)[number]>;
const lifecycleOf = (incident: Incident): Lifecycle =>
  Object.fromEntries(LIFECYCLE_FIELDS.flatMap((field) => (incident[field] === undefined ? [] : [[field, incident[field]]]))) as Lifecycle;
const lastStatusChange = (incident: Incident) => incident.timeline.reduce((latest, event) => (event.kind === 'status' && event.at > latest ? event.at : latest), '');

/**
 * Status and its stamps as one unit, so a merge never pairs one side's status
 * with the other side's stamps (mitigated, yet with resolvedAt). When both
 * sides moved it, the later status change wins (then the later record, then
 * a fixed order, so either merge order agrees); an earlier acknowledgement on
 * the losing side still counts, since someone did respond then.
 */
function mergeLifecycle(base: Incident | undefined, ours: Incident, theirs: Incident): Lifecycle {
  const [b, o, t] = [base && lifecycleOf(base), lifecycleOf(ours), lifecycleOf(theirs)];
  if (same(o, t) || same(t, b)) return o;
  if (same(o, b)) return t;
  const order =
    lastStatusChange(ours).localeCompare(lastStatusChange(theirs)) || ours.updatedAt.localeCompare(theirs.updatedAt) || JSON.stringify(o).localeCompare(JSON.stringify(t));
  const [winner, loser] = order >= 0 ? [o, t] : [t, o];
  if (winner.acknowledgedAt && loser.acknowledgedAt && loser.acknowledgedAt < winner.acknowledgedAt) return { ...winner, acknowledgedAt: loser.acknowledgedAt };
  return winner;
}
const ROLE_SCALARS = ['commander', 'admin', 'scribe', 'communicator', 'patcher'] as const;

export function mergeIncident(base: Incident | undefined, ours: Incident, theirs: Incident): Incident {
  const oursLater = ours.updatedAt >= theirs.updatedAt;
  const pick = <K extends keyof Incident>(field: K) => mergeValue(base?.[field], ours[field], theirs[field], oursLater);
  // Fields this version does not know are kept from both sides (ours first); every known one is set below.
  const merged: Incident = { ...theirs, ...ours };
  for (const field of SCALARS) {
    const value = pick(field);
    if (value === undefined) delete merged[field];
    else (merged as Record<string, unknown>)[field] = value;
  }
  for (const field of LIFECYCLE_FIELDS) if (field !== 'status') delete merged[field];
  Object.assign(merged, mergeLifecycle(base, ours, theirs));
  const roles = { ...ours.roles, responders: setUnion(ours.roles.responders, theirs.roles.responders) };
  for (const role of ROLE_SCALARS) {
    const value = mergeValue(base?.roles[role], ours.roles[role], theirs.roles[role], oursLater);
    if (value === undefined) delete roles[role];
    else roles[role] = value;
  }
  merged.roles = roles;
  const checklist: Incident['checklist'] = {};
  for (const item of ['confidentiality', 'integrity', 'availability'] as const) {
    const o = ours.checklist[item];
    const t = theirs.checklist[item];
    const value = o && t ? mergeValue(base?.checklist[item], o, t, o.at >= t.at) : (o ?? t);
    if (value) checklist[item] = value;
  }
  merged.checklist = checklist;
  merged.timeline = unionBy(base?.timeline ?? [], ours.timeline, theirs.timeline, (e) => e.id);
  merged.updates = unionBy(base?.updates ?? [], ours.updates, theirs.updates, (u) => u.id);
  merged.commits = unionBy(base?.commits ?? [], ours.commits, theirs.commits, (c) => `${c.sha}:${c.relation}`);
  merged.deployIds = setUnion(ours.deployIds, theirs.deployIds);
  merged.retrospective = {
    ...theirs.retrospective,
    ...ours.retrospective,
    whys: mergeValue(base?.retrospective.whys, ours.retrospective.whys, theirs.retrospective.whys, oursLater),
    actionItems: unionBy(base?.retrospective.actionItems ?? [], ours.retrospective.actionItems, theirs.retrospective.actionItems, (a) => a.id, mergeActionItem),
  };
  const rootCause = mergeValue(base?.retrospective.rootCause, ours.retrospective.rootCause, theirs.retrospective.rootCause, oursLater);
  if (rootCause !== undefined) merged.retrospective.rootCause = rootCause;
  else delete merged.retrospective.rootCause;
  merged.updatedAt = oursLater ? ours.updatedAt : theirs.updatedAt;
  return merged;
}

/** An incident changed on one side only is taken whole (and keeps its identity, so it is not re-validated); otherwise merged field by field. */
function mergeIncidentRecord(base: Incident | undefined, ours: Incident, theirs: Incident): Incident {
  const oursText = JSON.stringify(ours);
  const theirsText = JSON.stringify(theirs);
  if (oursText === theirsText) return ours;
  const baseText = base && JSON.stringify(base);
  if (baseText === oursText) return theirs;
  if (baseText === theirsText) return ours;
  return mergeIncident(base, ours, theirs);
}

export function mergeStores(base: StoreDocument | undefined, ours: StoreDocument, theirs: StoreDocument): StoreDocument {
  const merged: StoreDocument = {
    ...unknownTopLevel(theirs),
    ...unknownTopLevel(ours),
    version: Math.max(ours.version, theirs.version) as StoreDocument['version'],
    incidents: unionBy(base?.incidents ?? [], ours.incidents, theirs.incidents, (i) => i.id, mergeIncidentRecord),
    deploys: unionBy(
      base?.deploys ?? [],
      ours.deploys,
      theirs.deploys,
      (d) => d.id,
      (b, o, t) => ({ ...mergeValue(b, o, t, true), incidentIds: setUnion(o.incidentIds, t.incidentIds) }),
    ),
  };
  const policy = mergeValue(base?.policy, ours.policy, theirs.policy, true);
  if (policy) merged.policy = policy;
  return merged;
}
