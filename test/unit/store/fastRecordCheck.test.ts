import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { StoreDocument } from '../../../src/core/record/schema';
import { acceptsAsIs } from '../../../src/store/fastRecordCheck';
import { ensureMinimaCountable, RECORD_SCHEMAS, recordJsonSchemas, type RecordKind } from '../../../src/store/recordJsonSchemas';
import { IncidentStore } from '../../../src/store/incidentStore';
import { formatStore } from '../../../src/store/stableFormat';
import { realisticStore } from '../core/realisticIncident';
import { seededRandom } from '../seededRandom';
import { tempRepo } from './tempRepo';

/** The invariant the store relies on: accepted as is ⇒ zod accepts it and writes the same JSON. */
function verdict(kind: RecordKind, value: unknown): 'as-is' | 'through-zod' | 'invalid' {
  const zod = RECORD_SCHEMAS[kind].safeParse(value);
  if (acceptsAsIs(kind, value)) {
    assert.ok(zod.success, `accepted as is but zod refuses it: ${JSON.stringify(value).slice(0, 300)} (${!zod.success && zod.error.issues[0]?.message})`);
    assert.equal(JSON.stringify(value), JSON.stringify(zod.data), 'accepted as is but zod would write it differently');
    return 'as-is';
  }
  return zod.success ? 'through-zod' : 'invalid';
}

const fromJson = <T>(value: T): T => JSON.parse(JSON.stringify(value));
const CANONICAL = JSON.parse(formatStore(realisticStore())) as StoreDocument;
const incident = () => fromJson(CANONICAL.incidents[0]) as unknown as Record<string, unknown>;

// zod 4 counts code points: 500 astral characters (1,000 UTF-16 units) are exactly the limit for a title; the fast check counts units.
const ASTRAL = '\u{1F525}';
const ODD: unknown[] = [
  null,
  0,
  1.5,
  -1,
  '',
  'x',
  ' ',
  ASTRAL.repeat(500),
  ASTRAL.repeat(501),
  'é'.repeat(501),
  '2026-02-30',
  '2026-11-23T10:00:00Z',
  '2026-11-23T25:00:00Z',
  'INC-1A2B3C4D',
  'inc-1a2b3c4d',
  'SEV1',
  'SEV0',
  'detected',
  'a'.repeat(40),
  'b'.repeat(64),
  'f'.repeat(40),
  true,
  false,
  [],
  [1],
  ['x'],
  {},
  { a: 1 },
];

/** One random change to a JSON value somewhere inside the record: a new value, a lost key, an extra key, keys reordered. */
function mutateRecord(record: Record<string, unknown>, next: () => number): void {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  let node: Record<string, unknown> = record;
  for (let depth = 0; depth < 5; depth++) {
    const keys = Object.keys(node);
    const key = keys.length ? pick(keys) : 'x';
    const child = node[key];
    const stop = child === null || typeof child !== 'object' || next() < 0.3;
    if (!stop) {
      node = child as Record<string, unknown>;
      continue;
    }
    switch (Math.floor(next() * 5)) {
      case 0:
        delete node[key];
        return;
      case 1: // keys reordered: the same content, another order
        for (const moved of keys.slice(0, 1 + Math.floor(next() * keys.length))) {
          const value = node[moved];
          delete node[moved];
          node[moved] = value;
        }
        return;
      case 2:
        node[pick(['extra', 'zzz', '__proto__', 'CONFIDENTIALITY', 'integrity', '0'])] = pick(ODD);
        return;
      default:
        node[key] = fromJson(pick(ODD));
        return;
    }
  }
}

describe('the fast check of stored records', () => {
  it('keeps canonical records as parsed: the realistic incident and every deploy', () => {
    assert.equal(verdict('incident', incident()), 'as-is');
    for (const deploy of CANONICAL.deploys) assert.equal(verdict('deploy', fromJson(deploy)), 'as-is');
  });

  it("never accepts a string zod finds too long: astral text within zod's code-point count goes through zod", () => {
    assert.equal(verdict('incident', { ...incident(), title: 'x'.repeat(500) }), 'as-is');
    assert.equal(verdict('incident', { ...incident(), title: ASTRAL.repeat(250) }), 'as-is');
    assert.equal(verdict('incident', { ...incident(), title: ASTRAL.repeat(500) }), 'through-zod');
    assert.equal(verdict('incident', { ...incident(), title: ASTRAL.repeat(501) }), 'invalid');
    assert.equal(verdict('incident', { ...incident(), declaredBy: '\uD83D'.repeat(200) }), 'as-is');
    assert.equal(verdict('incident', { ...incident(), declaredBy: '\uD83D'.repeat(201) }), 'invalid');
  });

  it('refuses to compile a minimum length that units and code points would count differently', () => {
    assert.doesNotThrow(() => recordJsonSchemas());
    assert.throws(() => ensureMinimaCountable(z.toJSONSchema(z.object({ code: z.string().min(2) }))), /#\/properties\/code: minLength 2 cannot be checked/);
  });

  it('sends records zod would rebuild through zod: keys out of order, a missing default, an unknown key, a "__proto__" key', () => {
    const { title, ...rest } = incident();
    assert.equal(verdict('incident', { title, ...rest }), 'through-zod');
    const { timeline: _timeline, ...withoutTimeline } = incident();
    assert.equal(verdict('incident', withoutTimeline), 'through-zod');
    assert.equal(verdict('incident', { ...incident(), note: 'hand-added' }), 'through-zod');
    const withProto = incident();
    (withProto.timeline as Array<Record<string, unknown>>)[0].data = JSON.parse('{"__proto__": {"polluted": true}, "file": "a.ts"}');
    assert.equal(verdict('incident', withProto), 'through-zod');
  });

  it('agrees with zod on 30,000 fuzzed records', function () {
    // Correctness, not speed: on a loaded 2-core machine this takes well over the default 20 s.
    this.timeout(180_000);
    const next = seededRandom(20261125);
    const counts = { 'as-is': 0, 'through-zod': 0, invalid: 0 };
    for (let n = 0; n < 30_000; n++) {
      const kind: RecordKind = n % 4 === 0 ? 'deploy' : 'incident';
      const record = kind === 'deploy' ? (fromJson(CANONICAL.deploys[n % CANONICAL.deploys.length]) as unknown as Record<string, unknown>) : incident();
      for (let changes = 1 + Math.floor(next() * 3); changes > 0; changes--) mutateRecord(record, next);
      counts[verdict(kind, fromJson(record))]++;
    }
    // Every path is reached, so a check that accepted too much or nothing at all would show.
    assert.ok(counts['as-is'] > 2000 && counts['through-zod'] > 3000 && counts.invalid > 3000, JSON.stringify(counts));
  });

  it('lets the store load a hand-edited record with keys out of order and write it back in canonical form', async () => {
    const store = new IncidentStore(tempRepo());
    const canonical = formatStore(realisticStore());
    const { title, ...rest } = incident();
    const handEdited = { ...CANONICAL, incidents: [{ title, ...rest }] };
    mkdirSync(dirname(store.file), { recursive: true });
    writeFileSync(store.file, `${JSON.stringify(handEdited, null, 2)}\n`);
    const read = store.read();
    assert.ok(read.kind === 'loaded' && read.problems.length === 0);
    await store.mutateDocument((document) => document);
    assert.equal(readFileSync(store.file, 'utf8'), canonical);
  });
});
