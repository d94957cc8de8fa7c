/**
 * Reading a store text that differs from one already read in a few records:
 * a sync fetches the team's copy, which is the copy this clone pushed last
 * plus what the others changed since. Parsing all of it again builds every
 * record anew (megabytes of objects for the garbage collector, on the core
 * git needs for the push); here only the records whose text is new are
 * parsed, and the others are the records already held.
 *
 * The store writes each record as its own block (stableFormat.ts): in the
 * "incidents" and "deploys" lists, a record starts at four spaces of
 * indentation and ends at the first line of four spaces and "}" (deeper lines
 * have more spaces; JSON escapes every newline inside a string). A text laid
 * out otherwise, or at another schema version, is not spliced: undefined, and
 * the caller parses it whole. The caller also checks that the result writes
 * back as exactly this text, so a splice can never read anything else than
 * JSON.parse would.
 */
import { tooDeepOffset } from '../core/text/jsonNesting';
import { STORE_SCHEMA_VERSION, type StoreDocument } from '../core/record/schema';
import { knownRecordBytes } from './stableFormat';

const LISTS = ['incidents', 'deploys'] as const;
const RECORD_START = Buffer.from('\n    {');
const RECORD_END = Buffer.from('\n    }');
const LIST_END = Buffer.from('\n  ]');
const COMMA = 0x2c;
const CLOSE_BRACKET = 0x5d;
const NEWLINE = 0x0a;

interface KnownRecord {
  bytes: Buffer;
  record: object;
}

/**
 * The top level of a store file's bytes with its record lists filled from
 * `known` where a record's bytes match, else parsed; undefined when it cannot
 * be spliced. Bytes, not text: the megabytes of unchanged records are
 * compared as they came from git, never decoded.
 */
export function splicedTop(bytes: Buffer, known: readonly StoreDocument[]): Record<string, unknown> | undefined {
  // By the line that names the record's id (its second), so finding one hashes a short line, not the whole record.
  const byIdLine = new Map<string, KnownRecord[]>();
  for (const document of known) {
    for (const record of [...document.incidents, ...document.deploys]) {
      const bytes = knownRecordBytes(record);
      if (!bytes) continue;
      const line = idLine(bytes, 0);
      byIdLine.set(line, [...(byIdLine.get(line) ?? []), { bytes, record }]);
    }
  }
  if (!byIdLine.size) return undefined;
  const skeleton: Buffer[] = [];
  let at = 0;
  const lists: Partial<Record<(typeof LISTS)[number], unknown[]>> = {};
  for (const name of LISTS) {
    const opening = Buffer.from(`\n  ${JSON.stringify(name)}: [`);
    const open = bytes.indexOf(opening, at);
    if (open < 0) return undefined;
    let cursor = open + opening.length;
    const records: unknown[] = [];
    if (bytes[cursor] === CLOSE_BRACKET) {
      cursor += 1;
    } else {
      for (;;) {
        if (!startsWith(bytes, RECORD_START, cursor)) return undefined;
        const start = cursor + RECORD_START.length - 1;
        const end = bytes.indexOf(RECORD_END, start);
        if (end < 0) return undefined;
        cursor = end + RECORD_END.length;
        const candidates = byIdLine.get(idLine(bytes, start));
        const record =
          candidates?.find((candidate) => candidate.bytes.length === cursor - start && startsWith(bytes, candidate.bytes, start))?.record ??
          parsedOrUndefined(bytes, start, cursor);
        if (record === undefined) return undefined;
        records.push(record);
        if (bytes[cursor] === COMMA) cursor += 1;
        else if (startsWith(bytes, LIST_END, cursor)) {
          cursor += LIST_END.length;
          break;
        } else return undefined;
      }
    }
    skeleton.push(bytes.subarray(at, open + opening.length), Buffer.from(']'));
    at = cursor;
    lists[name] = records;
  }
  skeleton.push(bytes.subarray(at));
  const top = parsedOrUndefined(Buffer.concat(skeleton));
  if (typeof top !== 'object' || top === null || Array.isArray(top)) return undefined;
  const spliced = top as Record<string, unknown>;
  // An older version is migrated, which may rebuild records: only fresh ones may go through that.
  if (spliced.version !== STORE_SCHEMA_VERSION || !Array.isArray(spliced.incidents) || !Array.isArray(spliced.deploys)) return undefined;
  return { ...spliced, ...lists };
}

const startsWith = (bytes: Buffer, prefix: Buffer, at: number) => at + prefix.length <= bytes.length && bytes.compare(prefix, 0, prefix.length, at, at + prefix.length) === 0;

/** A record's first two lines (from its "{"): "{" and, in the store's key order, its id. */
const idLine = (bytes: Buffer, start: number) => bytes.toString('utf8', start, bytes.indexOf(NEWLINE, start + 2));

/** JSON.parse of the bytes in [start, end), or undefined for what is not JSON or is nested too deep to use (the whole parse then says where). */
function parsedOrUndefined(bytes: Buffer, start = 0, end = bytes.length): unknown {
  const text = bytes.toString('utf8', start, end);
  if (tooDeepOffset(text) !== undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
