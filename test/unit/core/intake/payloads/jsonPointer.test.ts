import * as assert from 'node:assert/strict';
import { genericMappingSchema } from '../../../../../src/core/intake/payloads/generic';
import { jsonPointerProblem, jsonPointerTokens, resolveJsonPointer } from '../../../../../src/core/intake/payloads/jsonPointer';
import { UPTIME_MAPPING } from './payloadBuilders';

describe('JSON Pointer (RFC 6901)', () => {
  // The document and pointers of RFC 6901 section 5, written out here.
  const document = { foo: ['bar', 'baz'], '': 0, 'a/b': 1, 'c%d': 2, 'e^f': 3, 'g|h': 4, 'i\\j': 5, 'k"l': 6, ' ': 7, 'm~n': 8 };

  it('resolves the RFC’s examples, escapes included', () => {
    const expected: [string, unknown][] = [
      ['', document],
      ['/foo', ['bar', 'baz']],
      ['/foo/0', 'bar'],
      ['/', 0],
      ['/a~1b', 1],
      ['/c%d', 2],
      ['/e^f', 3],
      ['/g|h', 4],
      ['/i\\j', 5],
      ['/k"l', 6],
      ['/ ', 7],
      ['/m~0n', 8],
    ];
    for (const [pointer, value] of expected) assert.deepEqual(resolveJsonPointer(document, pointer), value, pointer);
  });

  it('undoes ~1 before ~0, so "~01" is the name "~1"', () => {
    assert.deepEqual(jsonPointerTokens('/~01/a~1b~0'), ['~1', 'a/b~']);
    assert.equal(resolveJsonPointer({ '~1': 'tilde one', '/': 'slash' }, '/~01'), 'tilde one');
  });

  it('finds nothing through the prototype, a non-decimal or out-of-range index, or a scalar', () => {
    for (const pointer of ['/__proto__', '/constructor', '/toString', '/foo/01', '/foo/-', '/foo/2', '/foo/0/length', '/missing/x']) {
      assert.equal(resolveJsonPointer(document, pointer), undefined, pointer);
    }
  });

  it('says what is wrong with a pointer, and a bad pointer resolves to nothing', () => {
    assert.equal(jsonPointerProblem('/a/b'), undefined);
    assert.match(jsonPointerProblem('a/b') ?? '', /starts with "\/"/);
    assert.match(jsonPointerProblem('#/a') ?? '', /starts with "\/"/);
    assert.match(jsonPointerProblem('/a~2') ?? '', /~0/);
    assert.match(jsonPointerProblem('/a~') ?? '', /~0/);
    assert.equal(resolveJsonPointer({ a: 1 }, 'a'), undefined);
  });
});

describe('the generic mapping schema', () => {
  it('accepts the fixture’s mapping as written', () => {
    assert.deepEqual(genericMappingSchema.parse(UPTIME_MAPPING()), UPTIME_MAPPING());
  });

  it('refuses a mapping without title, fingerprint or startsAt, an unknown key, a bad pointer, an empty status map, a state not firing or resolved', () => {
    const { title: _title, ...noTitle } = UPTIME_MAPPING();
    const bad: [unknown, RegExp][] = [
      [noTitle, /title/],
      [{ ...UPTIME_MAPPING(), titel: '/x' }, /titel/],
      [{ ...UPTIME_MAPPING(), fingerprint: 'check/id' }, /fingerprint/],
      [{ ...UPTIME_MAPPING(), status: { pointer: '/s', values: {} } }, /status/],
      [{ ...UPTIME_MAPPING(), status: { pointer: '/s', values: { down: 'broken' } } }, /status/],
      [{ ...UPTIME_MAPPING(), labels: { 'bad name': '/x' } }, /labels/],
      [{ ...UPTIME_MAPPING(), labels: Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`l${i}`, '/x'])) }, /labels/],
    ];
    for (const [mapping, path] of bad) {
      const result = genericMappingSchema.safeParse(mapping);
      assert.ok(!result.success, JSON.stringify(mapping).slice(0, 80));
      assert.match(result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; '), path);
    }
  });
});
