/**
 * The fast path of the store's read: a record that passes the compiled JSON
 * Schema check and is already laid out as zod would rebuild it (keys in schema
 * order, every defaulted field present, nothing extra) is kept as parsed, so
 * a 10,000-incident load does not copy every object. Anything else, including
 * every invalid record, goes through zod, which gives the error messages.
 * Invariant, tested against zod with fuzzed records: when this accepts a
 * value, zod accepts it too and its output has the same JSON text.
 */
import type { z } from 'zod';
import * as compiled from './generated/recordValidators';
import { RECORD_SCHEMAS, type RecordKind } from './recordJsonSchemas';
import { MAX_JSON_DEPTH, nestedDeeperThan } from '../core/text/jsonNesting';

/** What zod's output looks like, as far as JSON text is concerned. */
type Layout =
  | { kind: 'leaf' }
  | { kind: 'object'; keys: string[]; required: Set<string>; children: Layout[] }
  | { kind: 'array'; element: Layout }
  | { kind: 'record'; value: Layout }
  /** Any JSON value (`z.unknown()`): kept as parsed while it nests no deeper than the store allows (it may come from a hostile file). */
  | { kind: 'any' }
  /** Something this check does not model (a union, a transform…): the record goes through zod. */
  | { kind: 'unknown' };

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
}

const LEAVES = new Set(['string', 'enum', 'boolean', 'number', 'literal']);

function layoutOf(schema: z.ZodType): Layout {
  const def = (schema as unknown as { def: Def }).def;
  switch (def.type) {
    case 'optional':
    case 'default':
      return layoutOf(def.innerType as z.ZodType);
    case 'object': {
      const entries = Object.entries(def.shape ?? {});
      // zod's output always has a defaulted field, and a required one; an optional one only when given.
      const required = new Set(entries.filter(([, field]) => (field as unknown as { def: Def }).def.type !== 'optional').map(([key]) => key));
      return { kind: 'object', keys: entries.map(([key]) => key), required, children: entries.map(([, field]) => layoutOf(field)) };
    }
    case 'array':
      return { kind: 'array', element: layoutOf(def.element as z.ZodType) };
    case 'record':
      return { kind: 'record', value: layoutOf(def.valueType as z.ZodType) };
    case 'unknown':
      return { kind: 'any' };
    default:
      return LEAVES.has(def.type) ? { kind: 'leaf' } : { kind: 'unknown' };
  }
}

/**
 * Whether zod would rebuild `value` (already checked against the JSON Schema)
 * into the same JSON text, and nothing in it nests deeper than the store
 * allows, `depth` being the level of `value` in the store file.
 */
function laidOut(value: unknown, layout: Layout, depth: number): boolean {
  switch (layout.kind) {
    case 'leaf':
      return true;
    case 'any':
      return !nestedDeeperThan(value, MAX_JSON_DEPTH - depth + 1);
    case 'unknown':
      return false;
    case 'array': {
      const list = value as unknown[];
      for (let i = 0; i < list.length; i++) if (!laidOut(list[i], layout.element, depth + 1)) return false;
      return true;
    }
    case 'record': {
      const record = value as Record<string, unknown>;
      for (const key in record) {
        // zod drops a "__proto__" key, so such a record is not kept as parsed.
        if (key === '__proto__' || !laidOut(record[key], layout.value, depth + 1)) return false;
      }
      return true;
    }
    case 'object': {
      // Walks the object's own keys (JSON.parse makes no others) against the schema's, without copying them.
      const object = value as Record<string, unknown>;
      let i = 0;
      for (const key in object) {
        while (i < layout.keys.length && layout.keys[i] !== key) {
          if (layout.required.has(layout.keys[i])) return false;
          i++;
        }
        if (i === layout.keys.length || !laidOut(object[key], layout.children[i], depth + 1)) return false;
        i++;
      }
      for (; i < layout.keys.length; i++) if (layout.required.has(layout.keys[i])) return false;
      return true;
    }
  }
}

const LAYOUTS: Record<RecordKind, Layout> = { incident: layoutOf(RECORD_SCHEMAS.incident), deploy: layoutOf(RECORD_SCHEMAS.deploy) };

/** A record's level in the store file: the top-level object is 1, its list 2, the record 3. */
export const RECORD_DEPTH = 3;

/** True when the parsed value can be used as the record zod would produce from it, without running zod. */
export function acceptsAsIs(kind: RecordKind, value: unknown): boolean {
  return compiled[kind](value) && laidOut(value, LAYOUTS[kind], RECORD_DEPTH);
}
