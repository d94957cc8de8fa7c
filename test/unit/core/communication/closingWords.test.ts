/** The customer update offered before mitigating or resolving: only once customers were told, for their audience, naming nobody. */
import * as assert from 'node:assert/strict';
import { postStatusUpdate } from '../../../../src/core/lifecycle/changes';
import { closingWords } from '../../../../src/core/communication/closingWords';
import { anIncident, ctx, minutesAfter } from '../builders';

describe('closingWords', () => {
  it('offers nothing while no customer or public reader has been told', () => {
    const internal = postStatusUpdate(anIncident(), { audience: 'stakeholders', text: 'Rolling back' }, ctx(minutesAfter(1)));
    assert.equal(closingWords(internal, 'resolved'), undefined);
    assert.equal(closingWords(anIncident(), 'mitigated'), undefined);
  });

  it("offers the words for resolving and mitigating, to the latest outside update's audience", () => {
    const told = postStatusUpdate(
      postStatusUpdate(anIncident(), { audience: 'customers', text: 'Investigating' }, ctx(minutesAfter(1))),
      { audience: 'status page', text: 'Still investigating' },
      ctx(minutesAfter(2)),
    );
    const resolved = closingWords(told, 'resolved');
    assert.equal(resolved?.audience, 'status page');
    assert.match(resolved?.text ?? '', /resolved/);
    assert.ok(!/Dana|example\.com|Checkout/.test(resolved?.text ?? ''), 'names nobody and no internal title');
    assert.match(closingWords(told, 'mitigated')?.text ?? '', /fix/);
    assert.equal(closingWords(told, 'triaged'), undefined, 'nothing for other moves');
  });
});
