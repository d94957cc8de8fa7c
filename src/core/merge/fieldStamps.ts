/**
 * When each single-valued field of an incident last changed, so a merge can
 * keep the newer value whatever the order, grouping or base of the merges
 * (see merge.ts). A field's stamp is the later of
 *   - its entry in the record's `changedAt` map, written by the store for
 *     every field a change touched (stampChanges), and
 *   - the latest timeline event that set it (a severity, status or role
 *     event; a rename or re-classification note), which is what stores
 *     written before `changedAt` existed have.
 * Both only grow when records merge (the map per key, the timeline as a
 * union), so "the value with the greater stamp" is a join: commutative,
 * associative and idempotent.
 *
 * "Registers" are those fields: the title, category, severity, texts and
 * times, every role but the responders list, the retrospective's whys and
 * root cause, the type and each of its field values (`fields.<id>`), keys
 * this version does not know, and the lifecycle (status
 * with the times it was mitigated, resolved and closed). Lists keyed
 * by id are not registers: they merge as unions.
 */
import type { Incident, TimelineEvent } from '../record/schema';
import { sameJson } from './sameJson';

/** Keys that are not registers: lists, maps, identity, the stamps themselves, and the lifecycle's parts. */
const NOT_REGISTERS = new Set([
  'id',
  'timeline',
  'updates',
  'commits',
  'deployIds',
  'tasks',
  'alerts',
  'deliveries',
  'triage',
  'highlights',
  'fields',
  'roles',
  'checklist',
  'retrospective',
  'changedAt',
  'updatedAt',
]);
/**
 * Status and its stamps as one value, so a merge never pairs one side's
 * status with the other's stamps (mitigated, yet with resolvedAt).
 * acknowledgedAt is apart: someone did respond then, whichever status wins,
 * so it merges as the earliest.
 */
export const LIFECYCLE = 'lifecycle';
const LIFECYCLE_UNIT = ['status', 'mitigatedAt', 'resolvedAt', 'closedAt'] as const;
export const EARLIEST_STAMPS = ['acknowledgedAt'] as const;
/** Objects whose keys are registers each (`roles.commander`, `fields.records-lost`), but for the keys named here, which merge otherwise. */
const NESTED = { roles: new Set(['responders']), retrospective: new Set(['actionItems']), fields: new Set<string>() } as const;
type Nested = keyof typeof NESTED;

export type Stamps = Record<string, string>;

const skipped = (key: string) =>
  NOT_REGISTERS.has(key) || key === '__proto__' || (LIFECYCLE_UNIT as readonly string[]).includes(key) || (EARLIEST_STAMPS as readonly string[]).includes(key);

/** The register keys of one record: `title`, `lifecycle`, `roles.commander`, `retrospective.rootCause`, `pagerDutyId`… */
export function registerKeys(incident: Incident): string[] {
  const keys = [LIFECYCLE, ...Object.keys(incident).filter((key) => !skipped(key))];
  for (const parent of Object.keys(NESTED) as Nested[]) {
    for (const key of Object.keys(incident[parent] ?? {})) if (!NESTED[parent].has(key) && key !== '__proto__') keys.push(`${parent}.${key}`);
  }
  return keys;
}

/** The register keys of two records, once each, in a fixed order. */
export const registerKeysOfBoth = (a: Incident, b: Incident): string[] => [...new Set([...registerKeys(a), ...registerKeys(b)])].sort();

/** A register's value (undefined when absent). */
export function registerValue(incident: Incident, key: string): unknown {
  if (key === LIFECYCLE) return Object.fromEntries(LIFECYCLE_UNIT.flatMap((field) => (incident[field] === undefined ? [] : [[field, incident[field]]])));
  const dot = key.indexOf('.');
  if (dot < 0) return (incident as Record<string, unknown>)[key];
  const parent = (incident as Record<string, unknown>)[key.slice(0, dot)] as Record<string, unknown> | undefined;
  return parent?.[key.slice(dot + 1)];
}

/** Sets (or, for undefined, removes) a register on a record the caller owns. */
export function setRegister(incident: Incident, key: string, value: unknown): void {
  const record = incident as Record<string, unknown>;
  if (key === LIFECYCLE) {
    for (const field of LIFECYCLE_UNIT) delete record[field];
    Object.assign(record, value);
    return;
  }
  const dot = key.indexOf('.');
  const parent = key.slice(0, dot);
  const field = dot < 0 ? key : key.slice(dot + 1);
  const target = dot < 0 ? record : ((record[parent] as Record<string, unknown> | undefined) ?? (value === undefined ? undefined : (record[parent] = {})));
  if (!target) return;
  if (value === undefined) delete target[field];
  else target[field] = value;
}

/** The register a timeline event set, for records written before `changedAt`. */
function registerSetBy(event: TimelineEvent): string | undefined {
  switch (event.kind) {
    case 'status':
      return LIFECYCLE;
    case 'severity':
      return 'severity';
    case 'role': {
      const role = event.data?.role;
      return typeof role === 'string' && role !== 'responder' ? `roles.${role}` : undefined;
    }
    case 'note': {
      const data = event.data;
      if (!data || typeof data.to !== 'string') return undefined;
      if (data.field === 'category') return 'category';
      if (data.field === 'startedAt') return 'startedAt';
      // A rename: { from, to } with no field (earlier versions), or field "title".
      return data.field === undefined || data.field === 'title' ? 'title' : undefined;
    }
    default:
      return undefined;
  }
}

const later = (a: string | undefined, b: string | undefined) => (a === undefined ? b : b === undefined || a >= b ? a : b);

/**
 * How far ahead of this machine's clock a time may lie and still count as a
 * stamp. Clocks drift by seconds or minutes; a day ahead is a clock set wrong
 * (9999-12-31, say), and believing it would freeze the field: no later
 * change could ever be stamped after it. Such stamps are dropped when a store
 * is read (store/storeFile.ts, with a warning) and events dated so are not
 * taken as stamps here. Near the horizon two machines' clocks may judge one
 * stamp differently for a while; once it is a day old to both, they agree.
 */
export const STAMP_HORIZON_MS = 24 * 60 * 60 * 1000;

/** The latest time believed as a stamp now, as ISO text (stamps compare as text); made anew at most once a second, since merges ask for it per record. */
export function stampHorizon(now: number = Date.now()): string {
  if (Math.abs(now - horizon.at) >= 1_000) horizon = { at: now, text: new Date(now + STAMP_HORIZON_MS).toISOString() };
  return horizon.text;
}
let horizon = { at: Number.NEGATIVE_INFINITY, text: '' };

/** Every register's stamp: the record's `changedAt` and the events that set registers, whichever is later (an event dated past the horizon is no stamp). */
export function stampsOf(incident: Incident, horizon: string = stampHorizon()): Stamps {
  const stamps: Stamps = { ...(incident.changedAt ?? {}) };
  for (const event of incident.timeline) {
    const key = registerSetBy(event);
    if (key && event.at <= horizon) stamps[key] = later(stamps[key], event.at) as string;
  }
  return stamps;
}

/**
 * A record's (or the document's) `changedAt` without the stamps dated past
 * the horizon, and the keys dropped; the same object when there are none.
 */
export function withoutFarFutureStamps<T extends { changedAt?: Stamps }>(record: T, horizon: string): { record: T; dropped: string[] } {
  const stamps = record.changedAt;
  if (!stamps) return { record, dropped: [] };
  const dropped = Object.keys(stamps).filter((key) => stamps[key] > horizon);
  if (!dropped.length) return { record, dropped };
  const kept = Object.fromEntries(Object.entries(stamps).filter(([key]) => !dropped.includes(key)));
  const { changedAt: _, ...rest } = record;
  return { record: (Object.keys(kept).length ? { ...rest, changedAt: kept } : rest) as T, dropped };
}

/** Per-key maximum of two stamp maps (the merged record's `changedAt`). */
export function laterStamps(a: Stamps | undefined, b: Stamps | undefined): Stamps | undefined {
  if (!a || !b) return a ?? b;
  const out: Stamps = { ...a };
  for (const [key, at] of Object.entries(b)) out[key] = later(out[key], at) as string;
  return out;
}

/** A stamp for a change made at `at` to a register last stamped `previous`: never earlier than or equal to it, whatever this machine's clock says. */
export function stampAfter(previous: string | undefined, at: string): string {
  if (previous === undefined || at > previous) return at;
  const next = Date.parse(previous) + 1;
  return Number.isNaN(next) ? at : new Date(next).toISOString();
}

const text = (value: unknown) => JSON.stringify(value) ?? '';
/** Same JSON text (sameJson.ts: compared without writing either out). */
export const sameValue = sameJson;
/** The order a tie between equal stamps is broken in: by the value's JSON text, so every replica picks the same. */
export const compareValues = (a: unknown, b: unknown) => (text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0);

/**
 * The value of one register from two sides: the one stamped later (no stamp
 * counts as earliest); a tie goes to the greater value. When neither side
 * has a stamp for it (a store written before stamps existed), `changedA` and
 * `changedB` decide: the time each record last changed (its updatedAt), since
 * the record that changed later holds the newer value. Either way the winner
 * is the greatest of (stamped, stamp or record time, text), and the joined
 * record keeps that key (its updatedAt is the later one), so the join stays
 * commutative, associative and idempotent.
 */
export function laterValue(a: unknown, b: unknown, stampA: string | undefined, stampB: string | undefined, changedA = '', changedB = ''): unknown {
  if (sameValue(a, b)) return a;
  const [x, y] = stampA === undefined && stampB === undefined ? [changedA, changedB] : [stampA ?? '', stampB ?? ''];
  return x > y || (x === y && compareValues(a, b) > 0) ? a : b;
}

/** The keys of two objects, once each, in a fixed order (so a merged object's text does not depend on which side came first). */
export const keysOfBoth = (a: object, b: object): string[] => [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();

/**
 * Stamps the registers `after` changed relative to `before` (the same record
 * before a change) with `at`, so a merge prefers them to anything stamped
 * earlier. A record that changed no register is returned as it is.
 */
export function stampChanges(before: Incident, after: Incident, at: string): Incident {
  if (before === after) return after;
  const previous = stampsOf(before);
  let changedAt: Stamps | undefined;
  for (const key of registerKeysOfBoth(before, after)) {
    if (sameValue(registerValue(before, key), registerValue(after, key))) continue;
    changedAt ??= { ...(after.changedAt ?? {}) };
    changedAt[key] = stampAfter(later(previous[key], after.changedAt?.[key]), at);
  }
  return changedAt ? { ...after, changedAt } : after;
}

/**
 * Stamps the registers that differ from `base` but kept base's stamp: edits
 * made by hand in the file, which no store write stamped. A register whose
 * stamp is older than base's is an older version (a checkout of an old
 * store), not an edit, and stays as it is. So is a register stamped on
 * neither side (a store from before stamps) of a record whose updatedAt is
 * earlier than base's: an older version of the record, which the join then
 * orders by updatedAt.
 */
export function stampEditsSince(base: Incident, edited: Incident): Incident {
  if (base === edited) return edited;
  const baseStamps = stampsOf(base);
  const editedStamps = stampsOf(edited);
  let changedAt: Stamps | undefined;
  for (const key of registerKeysOfBoth(base, edited)) {
    if (editedStamps[key] !== baseStamps[key] || sameValue(registerValue(base, key), registerValue(edited, key))) continue;
    if (baseStamps[key] === undefined && edited.updatedAt < base.updatedAt) continue;
    changedAt ??= { ...(edited.changedAt ?? {}) };
    changedAt[key] = stampAfter(baseStamps[key], edited.updatedAt);
  }
  return changedAt ? { ...edited, changedAt } : edited;
}
