import * as assert from 'node:assert/strict';
import { clipText } from '../../../../src/core/text/clip';

describe('clipText', () => {
  it('keeps text that fits, and clips longer text to the limit ending in "…"', () => {
    assert.equal(clipText('Fix rounding', 500), 'Fix rounding');
    assert.equal(clipText('a'.repeat(500), 500), 'a'.repeat(500));
    const clipped = clipText('a'.repeat(600), 500);
    assert.equal(clipped.length, 500);
    assert.equal(clipped, `${'a'.repeat(499)}…`);
  });

  it('never splits a surrogate pair', () => {
    const clipped = clipText(`${'a'.repeat(8)}😀😀😀`, 10);
    assert.equal(clipped, `${'a'.repeat(8)}…`);
    assert.ok(clipped.length <= 10);
    assert.ok(!/[\ud800-\udbff](?![\udc00-\udfff])/.test(clipped));
    assert.equal(clipText('😀'.repeat(300), 200), `${'😀'.repeat(99)}…`);
  });
});
