import * as assert from 'node:assert/strict';
import { jsonErrorOffset } from '../../../src/store/jsonErrorOffset';

describe('jsonErrorOffset', () => {
  it('returns -1 for valid JSON of every shape', () => {
    for (const text of ['{}', '[]', ' {"a": [1, -2.5e3, true, false, null, "x\\"y"]} \n', '"s"', '0']) assert.equal(jsonErrorOffset(text), -1, text);
  });
  it('points at the first character that breaks the grammar', () => {
    assert.equal(jsonErrorOffset('{"a": 1,}'), 8);
    assert.equal(jsonErrorOffset('{"a" 1}'), 5);
    assert.equal(jsonErrorOffset('[1, 2'), 5);
    assert.equal(jsonErrorOffset('{} extra'), 3);
    assert.equal(jsonErrorOffset('{"a": tru}'), 6);
  });
});
