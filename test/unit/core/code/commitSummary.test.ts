import * as assert from 'node:assert/strict';
import { commitLabel } from '../../../../src/core/code/commitSummary';

const SHA = '24b1ed6c'.padEnd(40, '0');

describe('a commit named in a title (commitLabel)', () => {
  it('names the commit by its subject and short sha, never the sha alone when there is a subject', () => {
    assert.equal(commitLabel({ sha: SHA, subject: 'Round amounts in cents' }), '"Round amounts in cents" (24b1ed6c)');
    assert.equal(commitLabel({ sha: SHA, subject: '  ' }), '24b1ed6c');
  });

  it('cuts a long subject with an ellipsis, on one line', () => {
    const label = commitLabel({ sha: SHA, subject: `Fix\n${'x'.repeat(100)}` }, 20);
    assert.equal(label, `"Fix ${'x'.repeat(15)}…" (24b1ed6c)`);
  });
});
