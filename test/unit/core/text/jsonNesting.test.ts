import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { MAX_JSON_DEPTH, tooDeepOffset } from '../../../../src/core/text/jsonNesting';

/** How deep a parsed value nests (arrays and objects count one level each). */
function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  return 1 + Math.max(0, ...Object.values(value as object).map(depthOf));
}

describe('JSON nesting depth (src/core/text/jsonNesting.ts)', () => {
  it('finds the first opening past the limit, in a text of any depth, without recursing', () => {
    const deep = `${'['.repeat(50_000)}${']'.repeat(50_000)}`;
    assert.equal(tooDeepOffset(deep), MAX_JSON_DEPTH);
    assert.equal(tooDeepOffset(`{"a": {"b": [${'['.repeat(MAX_JSON_DEPTH)}]}}`), 13 + MAX_JSON_DEPTH - 3);
    assert.equal(tooDeepOffset(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`), undefined, 'the limit itself is allowed');
  });

  it('does not count brackets inside strings, past escaped quotes and backslashes', () => {
    assert.equal(tooDeepOffset(JSON.stringify({ text: '['.repeat(1000), quoted: '"[[[\\', more: '{'.repeat(1000) })), undefined);
    assert.equal(tooDeepOffset('["\\\\", [[[', 2), 8, 'an escaped backslash ends before the quote');
    assert.equal(tooDeepOffset('["\\"[[[", [', 1), 10, 'an escaped quote does not end the string');
    assert.equal(tooDeepOffset('["never closed [[[[', 1), undefined, 'JSON.parse reports the unterminated string');
  });

  it('agrees with the depth of the parsed value on any JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 8 }), (value, limit) => {
        const text = JSON.stringify(value, null, 1);
        assert.equal(tooDeepOffset(text, limit) === undefined, depthOf(value) <= limit);
      }),
      { numRuns: 1000 },
    );
  });
});
