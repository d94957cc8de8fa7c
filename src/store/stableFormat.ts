/**
 * The one way the store is written: 2-space JSON, keys in schema order,
 * incidents sorted by id, events by time (ties by id), deploys by time,
 * responders by name, action items by creation, stamp, checklist, triage,
 * highlight and type field keys by name, and a trailing newline. Saving an unchanged store changes no byte, so diffs and
 * reviews show only what really changed.
 */
import { deploySchema, incidentSchema, slaPolicySchema, STORE_SCHEMA_VERSION, unknownTopLevel, type Deploy, type Incident, type StoreDocument } from '../core/record/schema';

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

export const isCanonical = (record: unknown): boolean => typeof record === 'object' && record !== null && (record as { [CANONICAL]?: boolean })[CANONICAL] === true;

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
  if (incident.fields) incident.fields = keysSorted(incident.fields);
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

/** The text of a document already in canonical form: `JSON.stringify(canonical, null, 2)` and a newline, byte for byte. */
export function canonicalText(canonical: StoreDocument): string {
  return `${JSON.stringify(canonical, null, 2)}\n`;
}

/**
 * The UTF-8 bytes of canonicalText, assembled from the bytes of each record:
 * a canonical record is never changed in place, so the bytes written for it
 * last time are its bytes now, and a store write after one change writes out
 * one record, not ten thousand (nor a text of the whole store: the store
 * compares, writes and commits bytes). The layout is JSON.stringify's: a
 * record two levels down is its own 2-space text with every line indented
 * four more spaces (JSON escapes any newline inside a string, so each one is
 * a line break of the layout).
 */
export function canonicalBytes(canonical: StoreDocument): Buffer {
  return Buffer.concat(canonicalPieces(canonical).map(pieceBytes));
}

/** Whether a canonical document is written as exactly these bytes, compared piece by piece (no text of the whole is made). */
export function writtenAs(canonical: StoreDocument, bytes: Buffer): boolean {
  let at = 0;
  for (const piece of canonicalPieces(canonical)) {
    const expected = pieceBytes(piece);
    if (at + expected.length > bytes.length || bytes.compare(expected, 0, expected.length, at, at + expected.length) !== 0) return false;
    at += expected.length;
  }
  return at === bytes.length;
}

/** The store text in order: the layout's own text, and the records, each written by recordBytes. */
function canonicalPieces(canonical: StoreDocument): Array<string | object> {
  const pieces: Array<string | object> = ['{'];
  const entries = Object.entries(canonical).filter(([, value]) => !leftOutOfJson(value));
  entries.forEach(([key, value], index) => {
    const comma = index < entries.length - 1 ? ',' : '';
    if ((key === 'incidents' || key === 'deploys') && Array.isArray(value) && value.length) {
      pieces.push(`\n  ${JSON.stringify(key)}: [\n    `);
      (value as object[]).forEach((record, n) => (n ? pieces.push(RECORD_SEPARATOR, record) : pieces.push(record)));
      pieces.push(`\n  ]${comma}`);
    } else {
      pieces.push(`\n  ${JSON.stringify(key)}: ${JSON.stringify(value, null, 2).replace(/\n/g, '\n  ')}${comma}`);
    }
  });
  pieces.push('\n}\n');
  return pieces;
}

const leftOutOfJson = (value: unknown) => value === undefined || typeof value === 'function' || typeof value === 'symbol';

/** The bytes the store writes for a canonical record (two levels down), else undefined: what splicedParse.ts recognises records by. */
export function knownRecordBytes(record: object): Buffer | undefined {
  return isCanonical(record) ? recordBytes(record) : undefined;
}

/** The bytes of one piece of the layout; the comma between two records, a thousand times in a store, is made once. */
const RECORD_SEPARATOR = ',\n    ';
const RECORD_SEPARATOR_BYTES = Buffer.from(RECORD_SEPARATOR);
const pieceBytes = (piece: string | object): Buffer =>
  typeof piece !== 'string' ? recordBytes(piece) : piece === RECORD_SEPARATOR ? RECORD_SEPARATOR_BYTES : Buffer.from(piece, 'utf8');

/** The bytes of each canonical record as written two levels down. */
const recordOutputs = new WeakMap<object, Buffer>();

function recordBytes(record: object): Buffer {
  const known = recordOutputs.get(record);
  if (known) return known;
  const bytes = Buffer.from(JSON.stringify(record, null, 2).replace(/\n/g, '\n    '), 'utf8');
  if (isCanonical(record)) recordOutputs.set(record, bytes);
  return bytes;
}

export function formatStore(document: StoreDocument): string {
  return canonicalText(canonicalDocument(document));
}
