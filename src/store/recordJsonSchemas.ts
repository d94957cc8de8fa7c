/**
 * The stored records' zod schemas as JSON Schema, for the build to compile
 * into plain validator functions with ajv (scripts/recordValidators.mjs →
 * src/store/generated/recordValidators.js). zod stays the source of truth:
 * the compiled check only decides which records may skip zod's rebuild (see
 * fastRecordCheck.ts); anything it doubts goes through zod.
 */
import { z } from 'zod';
import { deploySchema, incidentSchema } from '../core/record/schema';

export const RECORD_SCHEMAS = { incident: incidentSchema, deploy: deploySchema } as const;
export type RecordKind = keyof typeof RECORD_SCHEMAS;
/** The record type a kind's schema produces: Incident or Deploy. */
export type StoredRecord<K extends RecordKind> = z.output<(typeof RECORD_SCHEMAS)[K]>;

/**
 * ajv options that make the compiled check never accept what zod refuses:
 * patterns without the `u` flag (like zod's `RegExp`), formats ignored (zod's
 * `z.iso.date()` also emits a `pattern`, which is what zod checks), and
 * lengths as `.length` in UTF-16 units (`unicode: false`). zod 4 counts code
 * points, of which a string has at most as many as units, so a string within
 * a maximum in units is within it for zod too; one with many astral characters
 * that only fits in code points goes through zod. Counting code points in ajv
 * would walk every character of the file and cost twice the rest of the check.
 * For a minimum the units would be the lenient count, hence ensureMinimaCountable.
 */
export const AJV_OPTIONS = { strict: false, unicode: false, unicodeRegExp: false, validateFormats: false, logger: false, code: { source: true, optimize: true } } as const;

/**
 * Throws when a JSON Schema holds a `minLength` above 1: a non-empty string has
 * at least one code point and one unit alike, but for larger minima a string
 * of astral characters would pass in units and fail in zod's code points.
 */
export function ensureMinimaCountable(schema: unknown, path = '#'): void {
  if (Array.isArray(schema)) schema.forEach((item, index) => ensureMinimaCountable(item, `${path}/${index}`));
  if (typeof schema !== 'object' || schema === null) return;
  const { minLength } = schema as { minLength?: unknown };
  if (typeof minLength === 'number' && minLength > 1) {
    throw new Error(
      `${path}: minLength ${minLength} cannot be checked in UTF-16 units the way zod counts code points; compile it with ajv's code-point count or leave the minimum to zod`,
    );
  }
  for (const [key, value] of Object.entries(schema)) ensureMinimaCountable(value, `${path}/${key}`);
}

export function recordJsonSchemas(): Record<RecordKind, unknown> {
  // `input`: fields with a default are optional, as zod accepts them; "throw" fails the build if a schema gains something JSON Schema cannot say.
  const toJson = (schema: z.ZodType) => {
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'throw' });
    ensureMinimaCountable(json);
    return json;
  };
  return { incident: toJson(RECORD_SCHEMAS.incident), deploy: toJson(RECORD_SCHEMAS.deploy) };
}
