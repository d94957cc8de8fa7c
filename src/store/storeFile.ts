/**
 * Reading and checking the text of `.incidents/incidents.json`. A file that is
 * not valid JSON, holds git conflict markers, or comes from a newer version is
 * reported with its path, position and what to do, and is never rewritten.
 * Records that fail validation are reported one by one; the valid ones load.
 */
import { jsonErrorOffset } from './jsonErrorOffset';
import { incidentSchema, deploySchema, slaPolicySchema, STORE_SCHEMA_VERSION, type StoreDocument } from '../core/schema';

export type StoreProblemKind = 'malformed' | 'conflicted' | 'newer-version' | 'invalid-records';

export class StoreUnusableError extends Error {
  constructor(
    readonly file: string,
    readonly kind: StoreProblemKind,
    readonly details: string[],
    readonly remedy: string,
  ) {
    super(`${file}: ${details[0] ?? kind}${details.length > 1 ? ` (and ${details.length - 1} more)` : ''}. ${remedy}`);
    this.name = 'StoreUnusableError';
  }
}

export interface ParsedStore {
  document: StoreDocument;
  /** Records that failed validation; non-empty means the store is read-only. */
  problems: string[];
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}

export function parseStoreText(file: string, text: string): ParsedStore {
  const marker = /^(<{7}|={7}|>{7})( |$)/m.exec(text);
  if (marker) {
    throw new StoreUnusableError(file, 'conflicted', [`git conflict marker "${marker[1]}" at ${lineAndColumn(text, marker.index)}`], 'Run "incident merge --repair" (or the command "Incident: Repair Conflicted Store"), or resolve the conflict by hand, then save.');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const offset = jsonErrorOffset(text);
    const where = offset >= 0 ? ` at ${lineAndColumn(text, offset)}` : '';
    throw new StoreUnusableError(file, 'malformed', [`not valid JSON${where}: ${message}`], 'Fix the JSON by hand (git diff shows what changed) or restore it with "git checkout -- .incidents/incidents.json".');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new StoreUnusableError(file, 'malformed', ['the top level is not a JSON object'], 'Restore the file from git.');
  }
  const top = raw as Record<string, unknown>;
  if (typeof top.version !== 'number' || !Number.isInteger(top.version)) {
    throw new StoreUnusableError(file, 'malformed', ['"version" is missing or not an integer'], 'Restore the file from git.');
  }
  if (top.version > STORE_SCHEMA_VERSION) {
    throw new StoreUnusableError(file, 'newer-version', [`schema version ${top.version} is newer than this tool's ${STORE_SCHEMA_VERSION}`], 'Update Incident Responder (the extension and the incident CLI) to read it.');
  }
  const problems: string[] = [];
  const records = <T>(key: string, parse: (value: unknown) => { success: true; data: T } | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } }): T[] => {
    const list = top[key] ?? [];
    if (!Array.isArray(list)) {
      problems.push(`"${key}" is not a list`);
      return [];
    }
    return list.flatMap((value, index) => {
      const result = parse(value);
      if (result.success) return [result.data];
      const id = typeof (value as { id?: unknown })?.id === 'string' ? (value as { id: string }).id : `#${index}`;
      const issue = result.error.issues[0];
      problems.push(`${key.slice(0, -1)} ${id}: ${issue?.path.map(String).join('.') || 'record'}: ${issue?.message}`);
      return [];
    });
  };
  const incidents = records('incidents', (v) => incidentSchema.safeParse(v));
  const deploys = records('deploys', (v) => deploySchema.safeParse(v));
  const policy = top.policy === undefined ? undefined : slaPolicySchema.safeParse(top.policy);
  if (policy && !policy.success) problems.push(`policy: ${policy.error.issues[0]?.path.map(String).join('.')}: ${policy.error.issues[0]?.message}`);
  const document: StoreDocument = { version: STORE_SCHEMA_VERSION, ...(policy?.success ? { policy: policy.data } : {}), incidents, deploys };
  return { document, problems };
}
