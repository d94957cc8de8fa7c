import * as assert from 'node:assert/strict';
import { markSuggested } from '../../../../src/ui/commands/suggestedChoice';

describe("the declare flow's severity list", () => {
  const severities = ['SEV1', 'SEV2', 'SEV3', 'SEV4'].map((value) => ({ value, label: value, description: `${value} words` }));

  it('keeps SEV1 first whatever the triage checklist suggests, and marks the suggestion where it stands', () => {
    const listed = markSuggested(severities, 'SEV2', 'suggested by the triage checklist');
    assert.deepEqual(
      listed.map((item) => item.value),
      ['SEV1', 'SEV2', 'SEV3', 'SEV4'],
    );
    assert.equal(listed[1].description, 'SEV2 words · suggested by the triage checklist');
    assert.deepEqual(
      listed.filter((item) => item.value !== 'SEV2'),
      severities.filter((item) => item.value !== 'SEV2'),
    );
  });

  it('leaves the list as it is when there is no suggestion', () => {
    assert.deepEqual(markSuggested(severities, undefined, 'x'), severities);
    assert.deepEqual(markSuggested([{ value: 'SEV3' }], 'SEV3', 'suggested'), [{ value: 'SEV3', description: 'suggested' }]);
  });
});
