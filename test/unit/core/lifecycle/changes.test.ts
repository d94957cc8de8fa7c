import * as assert from 'node:assert/strict';
import { changeCategory, setSummaryAndImpact } from '../../../../src/core/lifecycle/changes';
import { anIncident, ctx, minutesAfter } from '../builders';

describe('incident edits', () => {
  it('changes the category with a timeline event, and ignores a change to the same category', () => {
    const incident = anIncident();
    const changed = changeCategory(incident, 'security', ctx(minutesAfter(3), 'Sam'));
    assert.equal(changed.category, 'security');
    assert.equal(changed.updatedAt, minutesAfter(3).toISOString());
    assert.deepEqual(
      { kind: changed.timeline.at(-1)?.kind, text: changed.timeline.at(-1)?.text, data: changed.timeline.at(-1)?.data, author: changed.timeline.at(-1)?.author },
      { kind: 'note', text: 'Category regression → security', data: { field: 'category', from: 'regression', to: 'security' }, author: 'Sam' },
    );
    assert.equal(changeCategory(changed, 'security', ctx()), changed);
  });

  it('refuses to move an incident with a type to another category (its type decides it), in one line naming the way', () => {
    const typed = { ...anIncident(), category: 'security' as const, type: 'data-loss' };
    assert.throws(
      () => changeCategory(typed, 'regression', ctx()),
      /^DomainError: INC-\w+ is of type "data-loss", which belongs to security; give it another type to move it \(incident type INC-\w+ TYPE\)$/,
    );
    assert.equal(changeCategory(typed, 'security', ctx()), typed, 'the same category is no change');
  });

  it('sets summary and impact with one retrospective event naming what changed; empty text clears, unchanged text records nothing', () => {
    const incident = anIncident();
    const both = setSummaryAndImpact(incident, { summary: '  Checkout failed for EU cards.  ', impact: '12% of EU orders failed for 40 minutes.' }, ctx(minutesAfter(5)));
    assert.equal(both.summary, 'Checkout failed for EU cards.');
    assert.equal(both.impact, '12% of EU orders failed for 40 minutes.');
    assert.equal(both.timeline.length, incident.timeline.length + 1);
    assert.deepEqual({ kind: both.timeline.at(-1)?.kind, text: both.timeline.at(-1)?.text }, { kind: 'retrospective', text: 'Summary and impact updated' });
    const impactOnly = setSummaryAndImpact(both, { impact: 'All EU orders failed.' }, ctx(minutesAfter(6)));
    assert.equal(impactOnly.summary, 'Checkout failed for EU cards.');
    assert.equal(impactOnly.timeline.at(-1)?.text, 'Impact updated');
    assert.equal(setSummaryAndImpact(impactOnly, { summary: 'Checkout failed for EU cards.' }, ctx()), impactOnly);
    const cleared = setSummaryAndImpact(impactOnly, { summary: '  ' }, ctx(minutesAfter(7)));
    assert.equal('summary' in cleared, false);
    assert.equal(cleared.timeline.at(-1)?.text, 'Summary cleared');
  });
});
