import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { sameJson } from '../../../../src/core/merge/sameJson';
import { realisticStore } from '../realisticIncident';

/** The definition sameJson stands in for. */
const byText = (a: unknown, b: unknown) => (JSON.stringify(a) ?? '') === (JSON.stringify(b) ?? '');

/** Values JSON treats in its own ways: left-out properties, numbers it writes as null or 0, key order. */
const tricky = fc.oneof(
  fc.constantFrom(undefined, null, NaN, Infinity, -Infinity, 0, -0, 1, '1', '', true, false, () => 1, Symbol('s')),
  fc.date({ noInvalidDate: true }),
);
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, tricky, fc.jsonValue({ maxDepth: 1 }), tie('array'), tie('object')),
  array: fc.array(tie('node'), { maxLength: 4 }),
  object: fc.dictionary(fc.constantFrom('a', 'b', 'c', 'id', 'toString'), tie('node'), { maxKeys: 4 }),
})).node;

describe('sameJson', () => {
  it('answers what comparing the two JSON texts answers, on random values and on pairs made alike', () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        assert.equal(sameJson(a, b), byText(a, b));
        const text = JSON.stringify(a);
        const copy: unknown = text === undefined ? undefined : JSON.parse(text);
        assert.equal(sameJson(a, copy), byText(a, copy), 'a value and its round trip through JSON');
      }),
      { numRuns: 3000 },
    );
  });

  it('tells key order, left-out properties, array holes and JSON numbers apart exactly as the text does', () => {
    const cases: Array<[unknown, unknown, boolean]> = [
      [{ a: 1, b: 2 }, { b: 2, a: 1 }, false],
      [{ a: 1, b: undefined }, { a: 1 }, true],
      [{ a: 1, f: () => 1 }, { a: 1 }, true],
      [[undefined], [null], true],
      [[undefined], [], false],
      [NaN, null, true],
      [-0, 0, true],
      [{ a: new Date(0) }, { a: '1970-01-01T00:00:00.000Z' }, true],
      [{ a: [1, { b: 'x' }] }, { a: [1, { b: 'y' }] }, false],
      [[1, 2], { 0: 1, 1: 2 }, false],
      ['1', 1, false],
    ];
    for (const [a, b, same] of cases) {
      assert.equal(sameJson(a, b), same, `${String(JSON.stringify(a))} vs ${String(JSON.stringify(b))}`);
      assert.equal(byText(a, b), same, 'the case itself says what JSON says');
    }
  });

  it('finds the one changed field deep in a whole incident record', () => {
    const [incident] = realisticStore().incidents;
    const copy = structuredClone(incident);
    assert.equal(sameJson(incident, copy), true);
    copy.timeline[copy.timeline.length - 1] = { ...copy.timeline[copy.timeline.length - 1], text: 'changed' };
    assert.equal(sameJson(incident, copy), false);
  });
});
