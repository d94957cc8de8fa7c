import * as assert from 'node:assert/strict';
import { classifyCommitMessage } from '../../../../src/core/code/references';
import { withIncidentTrailer } from '../../../../src/core/code/trailers';

const A = 'INC-1A2B3C4D';
const B = 'INC-2B3C4D5E';

describe('the Incident trailer in a commit message being written', () => {
  it('goes two lines below an empty or one-line message, where git reads it as a trailer', () => {
    assert.equal(withIncidentTrailer('', A), `\n\nIncident: ${A}`);
    const message = withIncidentTrailer('Fix rounding in refunds\n', A);
    assert.equal(message, `Fix rounding in refunds\n\nIncident: ${A}`);
    assert.deepEqual(classifyCommitMessage(message).linked, [{ incidentId: A, relation: 'fix' }]);
  });

  it('joins an existing trailer block and is not added twice', () => {
    const signed = `Fix it\n\nBody text.\n\nSigned-off-by: Ana <ana@example.com>`;
    const once = withIncidentTrailer(signed, A);
    assert.equal(once, `${signed}\nIncident: ${A}`);
    assert.equal(withIncidentTrailer(once, A), once);
  });

  it('swaps the trailer it added when the current incident changes, never one a person typed', () => {
    const added = withIncidentTrailer('Fix it', A);
    assert.equal(withIncidentTrailer(added, B, A), `Fix it\n\nIncident: ${B}`);
    assert.equal(withIncidentTrailer(added, undefined, A), 'Fix it');
    const typed = `Fix it\n\nIncident: ${A}`;
    assert.equal(withIncidentTrailer(typed, B), `Fix it\n\nIncident: ${A}\nIncident: ${B}`);
  });
});
