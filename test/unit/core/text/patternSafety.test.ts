import * as assert from 'node:assert/strict';
import { unsafePatternReason } from '../../../../src/core/text/patternSafety';
import { compileReferencePatterns } from '../../../../src/core/code/references';

describe('reference patterns that could run for minutes', () => {
  it('refuses nested quantifiers and backreferences, naming the pattern and why', () => {
    const hostile = ['(a+)+$', '(a*)*b', '((ab)*c)+', '(?:x|\\w{2,})+!', '(a)\\1+', '(?<x>a)\\k<x>', '(\\d+){3,}'];
    const { patterns, errors } = compileReferencePatterns(hostile);
    assert.equal(patterns.length, 0);
    assert.deepEqual(
      errors.map((e) => e.source),
      hostile,
    );
    assert.match(errors[0].message, /repeated group that itself repeats/);
    assert.match(errors[4].message, /backreference/);
  });

  it('accepts the patterns teams write for incident ids, and is not fooled by escapes or classes', () => {
    for (const safe of [
      '/inc-(\\w{8})/i',
      'incident #([0-9A-Z]{8})',
      '(?:inc|incident)[- ]?([0-9A-Z]{8})',
      '\\(a+\\)+',
      '[(+]+x',
      '(INC)?-(\\w{8})',
      '(ab){2}',
      'a{2}b{1,3}',
      '([A-Z]{3})-\\d+',
    ]) {
      assert.equal(unsafePatternReason(safe.replace(/^\/(.*)\/i$/, '$1')), undefined, safe);
    }
  });

  it('refuses lookaheads and lookbehinds, which the linear-time fallback cannot run', () => {
    const hostile = ['(?=(a|a)*$)', '(a|a)*(?=!)x', 'inc(?!x)', '(?<=#)\\w{8}', '(?<!x)inc'];
    const { patterns, errors } = compileReferencePatterns(hostile);
    assert.equal(patterns.length, 0);
    assert.deepEqual(
      errors.map((e) => e.source),
      hostile,
    );
    for (const error of errors.slice(2)) assert.match(error.message, /lookahead|lookbehind/);
  });

  it('refuses a repeated group holding an alternation, the classic exponential case, and keeps plain alternations', () => {
    for (const hostile of ['(a|a)*', '(x|xy)+', '(?:a|b){2,}', '((a|b)c)+', '(?<id>a|b)+$']) {
      assert.match(unsafePatternReason(hostile) ?? '', /alternation/, hostile);
    }
    for (const safe of ['(fix|revert)', '(?:fix|revert): inc-(\\w{8})', '(a|b)?c', 'fix|revert', '(?:a|b){1}']) {
      assert.equal(unsafePatternReason(safe), undefined, safe);
    }
  });
});
