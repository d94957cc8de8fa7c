import * as assert from 'node:assert/strict';
import { unsafePatternReason } from '../../../src/core/patternSafety';
import { compileReferencePatterns } from '../../../src/core/references';

describe('reference patterns that could run for minutes', () => {
  it('refuses nested quantifiers and backreferences, naming the pattern and why', () => {
    const hostile = ['(a+)+$', '(a*)*b', '((ab)*c)+', '(?:x|\\w{2,})+!', '(a)\\1+', '(?<x>a)\\k<x>', '(\\d+){3,}'];
    const { patterns, errors } = compileReferencePatterns(hostile);
    assert.equal(patterns.length, 0);
    assert.deepEqual(errors.map((e) => e.source), hostile);
    assert.match(errors[0].message, /repeated group that itself repeats/);
    assert.match(errors[4].message, /backreference/);
  });

  it('accepts the patterns teams write for incident ids, and is not fooled by escapes or classes', () => {
    for (const safe of ['/inc-(\\w{8})/i', 'incident #([0-9A-Z]{8})', '(?:inc|incident)[- ]?([0-9A-Z]{8})', '\\(a+\\)+', '[(+]+x', '(INC)?-(\\w{8})', '(ab){2}', 'a{2}b{1,3}', '([A-Z]{3})-\\d+']) {
      assert.equal(unsafePatternReason(safe.replace(/^\/(.*)\/i$/, '$1')), undefined, safe);
    }
  });
});
