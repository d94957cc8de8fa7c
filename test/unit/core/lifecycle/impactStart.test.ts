import * as assert from 'node:assert/strict';
import { setImpactStart } from '../../../../src/core/lifecycle/impactStart';
import { changeSeverity } from '../../../../src/core/lifecycle/changes';
import { mergeIncident } from '../../../../src/core/merge/merge';
import { DomainError } from '../../../../src/core/record/errors';
import { anIncident, ctx, minutesAfter } from '../builders';

describe('when the impact began (setImpactStart)', () => {
  it('records the start with a note on the timeline, and a change says what it was', () => {
    const started = setImpactStart(anIncident(), minutesAfter(-20), ctx(minutesAfter(5)));
    assert.equal(started.startedAt, minutesAfter(-20).toISOString());
    assert.equal(started.timeline.at(-1)?.text, 'Impact began 2026-11-23 09:40 UTC');
    const moved = setImpactStart(started, minutesAfter(-35), ctx(minutesAfter(6)));
    assert.equal(moved.timeline.at(-1)?.text, 'Impact began 2026-11-23 09:25 UTC (was 2026-11-23 09:40 UTC)');
    assert.equal(setImpactStart(moved, minutesAfter(-35), ctx(minutesAfter(7))), moved, 'the same time again changes nothing');
  });

  it('refuses a start after the declaration', () => {
    assert.throws(
      () => setImpactStart(anIncident(), minutesAfter(1), ctx(minutesAfter(5))),
      (error: unknown) => error instanceof DomainError && error.code === 'impact-after-declaration' && /give an earlier time/.test(error.message),
    );
    assert.equal(setImpactStart(anIncident(), minutesAfter(0), ctx()).startedAt, minutesAfter(0).toISOString(), 'the declaration itself is fine');
  });

  it('merges as one stamped value: the later change wins whichever side it is on, and a side that did not touch it loses nothing', () => {
    const base = anIncident();
    const ours = setImpactStart(base, minutesAfter(-20), ctx(minutesAfter(3)));
    const theirs = setImpactStart(base, minutesAfter(-45), ctx(minutesAfter(8)));
    assert.equal(mergeIncident(base, ours, theirs).startedAt, minutesAfter(-45).toISOString());
    assert.equal(mergeIncident(base, theirs, ours).startedAt, minutesAfter(-45).toISOString());
    // Ours changed something else afterwards: its record is newer, its start is not.
    const oursLater = changeSeverity(ours, 'SEV2', ctx(minutesAfter(10)));
    assert.equal(mergeIncident(base, oursLater, theirs).startedAt, minutesAfter(-45).toISOString());
    assert.equal(mergeIncident(base, theirs, oursLater).startedAt, minutesAfter(-45).toISOString());
    const other = changeSeverity(base, 'SEV2', ctx(minutesAfter(9)));
    for (const merged of [mergeIncident(base, ours, other), mergeIncident(base, other, ours)]) {
      assert.equal(merged.startedAt, minutesAfter(-20).toISOString());
      assert.equal(merged.severity, 'SEV2');
    }
  });
});
