/**
 * The stored records' zod schemas as JSON Schema, for the build to compile
 * into plain validator functions with ajv (scripts/recordValidators.mjs →
 * src/store/generated/recordValidators.js). zod stays the source of truth:
 * the compiled check only decides which records may skip zod's rebuild (see
 * fastRecordCheck.ts); anything it doubts goes through zod.
 */
import { z } from 'zod';
import { deploySchema, incidentSchema } from '../core/schema';

export const RECORD_SCHEMAS = { incident: incidentSchema, deploy: deploySchema } as const;
export type RecordKind = keyof typeof RECORD_SCHEMAS;

/**
 * ajv options that make JSON Schema mean what zod means: lengths in code
 * points (ajv's default, as zod 4 counts), patterns without the `u` flag (like
 * zod's `RegExp`), formats ignored (zod's `z.iso.date()` also emits a
 * `pattern`, which is what zod checks).
 */
export const AJV_OPTIONS = { strict: false, unicodeRegExp: false, validateFormats: false, logger: false, code: { source: true, optimize: true } } as const;

export function recordJsonSchemas(): Record<RecordKind, unknown> {
  // `input`: fields with a default are optional, as zod accepts them; "throw" fails the build if a schema gains something JSON Schema cannot say.
  const toJson = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'throw' });
  return { incident: toJson(RECORD_SCHEMAS.incident), deploy: toJson(RECORD_SCHEMAS.deploy) };
}
