/**
 * Reading and checking the text of `.incidents/incidents.json`. A file that is
 * not valid JSON, holds git conflict markers, or comes from a newer version is
 * reported with its path, position and what to do, and is never rewritten.
 * Records that fail validation are reported one by one; the valid ones load.
 */
import { MAX_JSON_DEPTH, nestedDeeperThan, tooDeepOffset } from '../core/text/jsonNesting';
import { acceptsAsIs, RECORD_DEPTH } from './fastRecordCheck';
import { jsonErrorOffset } from './jsonErrorOffset';
import { migrateRaw } from './migrations';
import { RECORD_SCHEMAS, type RecordKind, type StoredRecord } from './recordJsonSchemas';
import { canonicalDocument, canonicalRecords, isCanonical, writtenAs } from './stableFormat';
import { splicedTop } from './splicedParse';
import { stampHorizon, withoutFarFutureStamps, type Stamps } from '../core/merge/fieldStamps';
import { slaPolicySchema, STORE_SCHEMA_VERSION, unknownTopLevel, type StoreDocument } from '../core/record/schema';
import { StoreUnusableError } from './storeErrors';

// The error lives with the other store errors, where code that must not load the schema (the CLI's start) finds it.
export { StoreUnusableError, type StoreProblemKind } from './storeErrors';

export interface ParsedStore {
  document: StoreDocument;
  /** Records that failed validation; non-empty means the store is read-only. */
  problems: string[];
  /** The version the file was written in, when it was older and migrated in memory (written on the next change). */
  migratedFrom?: number;
  /** What was read but not believed (change stamps dated past the horizon), one line each; the rest loads as usual. */
  warnings?: string[];
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}

function conflictMarker(file: string, text: string): StoreUnusableError | undefined {
  const marker = /^(<{7}|={7}|>{7})( |$)/m.exec(text);
  if (!marker) return undefined;
  return new StoreUnusableError(
    file,
    'conflicted',
    [`git conflict marker "${marker[1]}" at ${lineAndColumn(text, marker.index)}`],
    'Run "incident repair" (or the command "Incident: Repair Conflicted Store"), or resolve the conflict by hand, then save.',
  );
}

/**
 * Refuses a text nested deeper than any store: JSON.parse reads it, but the
 * writer and the checks after it recurse and would overflow the stack. Says
 * where when the text is given.
 */
function tooDeep(file: string, text?: string): StoreUnusableError {
  const offset = text === undefined ? undefined : tooDeepOffset(text);
  return new StoreUnusableError(
    file,
    'malformed',
    [`arrays and objects are nested more than ${MAX_JSON_DEPTH} deep${text === undefined || offset === undefined ? '' : ` at ${lineAndColumn(text, offset)}`}`],
    'Remove that value by hand (a store needs a few levels; git diff shows what changed) or restore the file with "git checkout -- .incidents/incidents.json".',
  );
}

/** JSON.parse, which copes with any depth; what walks the value afterwards checks the depth first (see parsedFromTop). */
function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    // A line that starts with a conflict marker can never be valid JSON, so the
    // 13 MB marker scan only runs on text that failed to parse.
    const conflicted = conflictMarker(file, text);
    if (conflicted) throw conflicted;
    const offset = jsonErrorOffset(text);
    const where = offset >= 0 ? ` at ${lineAndColumn(text, offset)}` : '';
    throw new StoreUnusableError(
      file,
      'malformed',
      [`not valid JSON${where}: ${(error as Error).message}`],
      'Fix the JSON by hand (git diff shows what changed) or restore it with "git checkout -- .incidents/incidents.json".',
    );
  }
}

function currentVersion(file: string, raw: unknown): { top: Record<string, unknown>; migratedFrom?: number } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new StoreUnusableError(file, 'malformed', ['the top level is not a JSON object'], 'Restore the file from git.');
  }
  const top = raw as Record<string, unknown>;
  if (typeof top.version !== 'number' || !Number.isInteger(top.version) || top.version < 1) {
    throw new StoreUnusableError(file, 'malformed', ['"version" is missing or not a positive integer'], 'Restore the file from git.');
  }
  if (top.version > STORE_SCHEMA_VERSION) {
    throw new StoreUnusableError(
      file,
      'newer-version',
      [`schema version ${top.version} is newer than this tool's ${STORE_SCHEMA_VERSION}`],
      'Update Incident Responder (the extension and the incident CLI) to read it.',
    );
  }
  if (top.version === STORE_SCHEMA_VERSION) return { top };
  try {
    return { top: migrateRaw(top, STORE_SCHEMA_VERSION), migratedFrom: top.version };
  } catch (error) {
    throw new StoreUnusableError(
      file,
      'malformed',
      [`cannot upgrade from schema version ${top.version}: ${(error as Error).message}`],
      'Restore the file from git, or open it with the version of Incident Responder that wrote it.',
    );
  }
}

/**
 * A policy that does not parse makes the store unusable rather than being
 * replaced by the defaults: clocks and metrics computed with a policy other
 * than the one written would be silently wrong.
 */
function policyError(file: string, policy: unknown, issues: readonly { path: PropertyKey[]; message: string; code?: string; keys?: string[] }[]): StoreUnusableError {
  const details = issues.map((issue) => {
    const where = ['policy', ...issue.path.map(String)].join('.');
    if (issue.code === 'unrecognized_keys') return `${where} has a key this version does not know: ${(issue.keys ?? []).map((key) => `"${key}"`).join(', ')} (a typo?)`;
    let value: unknown = policy;
    for (const key of issue.path) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
    return `${where} ${value === undefined ? 'is missing' : `is ${JSON.stringify(value)}`}; expected ${issue.message.replace(/^Invalid input: expected /, '')}`;
  });
  return new StoreUnusableError(
    file,
    'invalid-policy',
    details,
    'Fix the policy in the store file; until then no SLA clock or metric is computed, so none is computed with a different policy.',
  );
}

/**
 * Two records with one id (a conflict resolved by keeping both sides) would
 * leave every change reaching only the first: the first is used, the others
 * are named as problems, so reads warn and writes refuse until one is removed.
 */
function onePerId<T extends { id: string }>(kind: string, list: T[], problems: string[]): T[] {
  const counts = new Map<string, number>();
  for (const record of list) counts.set(record.id, (counts.get(record.id) ?? 0) + 1);
  for (const [id, count] of counts) if (count > 1) problems.push(`${kind} ${id}: appears ${count} times; keep one (merge them by hand) and remove the others`);
  if (counts.size === list.length) return list;
  const seen = new Set<string>();
  return list.filter((record) => !seen.has(record.id) && seen.add(record.id));
}

export function parseStoreText(file: string, text: string): ParsedStore {
  // A byte-order mark (some Windows editors add one) is not part of the JSON.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const raw = parseJson(file, body);
  // The migrations of older layouts walk the whole value: such a (rare) text is scanned for depth first. A current one is checked value by value, where it is walked.
  if ((raw as { version?: unknown } | null)?.version !== STORE_SCHEMA_VERSION && tooDeepOffset(body) !== undefined) throw tooDeep(file, body);
  const { top, migratedFrom } = currentVersion(file, raw);
  return parsedFromTop(file, top, migratedFrom, () => tooDeep(file, body));
}

/**
 * parseStoreText of a file's bytes, reusing the records of `known` documents
 * whose bytes are the same (splicedParse.ts): only a splice that writes back
 * as exactly these bytes stands; anything else is decoded and read whole.
 */
export function parseStoreBytes(file: string, bytes: Buffer, known: readonly StoreDocument[]): ParsedStore {
  const spliced = known.length ? splicedTop(bytes, known) : undefined;
  if (spliced) {
    const parsed = parsedFromTop(file, spliced);
    if (!parsed.problems.length && writtenAs(canonicalDocument(parsed.document), bytes)) return parsed;
  }
  return parseStoreText(file, bytes.toString('utf8'));
}

/** The document of a parsed top level: each record checked (a bad one is a problem, not a failure), one per id, the policy strictly. */
function parsedFromTop(file: string, top: Record<string, unknown>, migratedFrom?: number, deep = () => tooDeep(file)): ParsedStore {
  const problems: string[] = [];
  // Nothing below walks a value before its depth is known: the top level's other values here, each record as it is read.
  for (const key of Object.keys(top)) {
    if (!((key === 'incidents' || key === 'deploys') && Array.isArray(top[key])) && nestedDeeperThan(top[key], MAX_JSON_DEPTH - 1)) throw deep();
  }
  const records = <K extends RecordKind>(kind: K): StoredRecord<K>[] => {
    const key = `${kind}s`;
    const list = top[key] ?? [];
    if (!Array.isArray(list)) {
      problems.push(`"${key}" is not a list`);
      return [];
    }
    return list.flatMap((value, index) => {
      // Fresh from JSON.parse and nobody else's: a record already as zod would make it is kept, not copied.
      // A canonical one (a record already read, spliced in) has been through this already.
      if (isCanonical(value) || acceptsAsIs(kind, value)) return [value as StoredRecord<K>];
      if (nestedDeeperThan(value, MAX_JSON_DEPTH - RECORD_DEPTH + 1)) throw deep();
      const result = RECORD_SCHEMAS[kind].safeParse(value);
      if (result.success) return [result.data as StoredRecord<K>];
      const id = typeof (value as { id?: unknown })?.id === 'string' ? (value as { id: string }).id : `#${index}`;
      const issue = result.error.issues[0];
      problems.push(`${kind} ${id}: ${issue?.path.map(String).join('.') || 'record'}: ${issue?.message}`);
      return [];
    });
  };
  const warnings: string[] = [];
  const horizon = stampHorizon();
  // A stamp a day or more ahead of this clock is a clock set wrong: believed, it would freeze its field (core/merge/fieldStamps.ts).
  const believable = <T extends { changedAt?: Stamps }>(record: T, name: string): T => {
    const { record: kept, dropped } = withoutFarFutureStamps(record, horizon);
    if (dropped.length)
      warnings.push(`${name}: ignored change stamps of ${dropped.join(', ')} dated more than a day ahead (a clock set wrong); the next change to them is stamped anew`);
    return kept;
  };
  const incidents = onePerId('incident', records('incident'), problems).map((incident) => believable(incident, `incident ${incident.id}`));
  const deploys = onePerId('deploy', records('deploy'), problems);
  const policy = top.policy === undefined ? undefined : slaPolicySchema.safeParse(top.policy);
  if (policy && !policy.success) throw policyError(file, top.policy, policy.error.issues);
  const document: StoreDocument = believable(
    {
      version: STORE_SCHEMA_VERSION,
      ...(policy?.success ? { policy: policy.data } : {}),
      ...canonicalRecords(incidents, deploys),
      ...unknownTopLevel(top),
    } as StoreDocument & { changedAt?: Stamps },
    'the store',
  );
  return { document, problems, ...(migratedFrom !== undefined && { migratedFrom }), ...(warnings.length && { warnings }) };
}
