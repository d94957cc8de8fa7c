import * as assert from 'node:assert/strict';
import { addTimelineEvent } from '../../../../src/core/lifecycle/timeline';
import { changeStatus, nextStatuses } from '../../../../src/core/lifecycle/lifecycle';
import { mergeIncident } from '../../../../src/core/merge/merge';
import type { Incident } from '../../../../src/core/record/schema';
import { seededRandom } from '../../seededRandom';
import { anIncident, ctx, minutesAfter } from '../builders';
import { lifecycleStampProblems, stampsAgreeWithStatus } from './lifecycleStamps';

const LIFECYCLE = ['status', 'acknowledgedAt', 'mitigatedAt', 'resolvedAt', 'closedAt'] as const;
const lifecycleOf = (incident: Incident) => Object.fromEntries(LIFECYCLE.map((field) => [field, incident[field]]));

/** `steps` random legal status moves (and sometimes a note afterwards, so the record's updatedAt runs ahead of its last status change). */
function randomHistory(start: Incident, steps: number, next: () => number, firstMinute: number): Incident {
  let incident = start;
  let minute = firstMinute;
  for (let step = 0; step < steps; step++) {
    minute += 1 + Math.floor(next() * 30);
    const choices = nextStatuses(incident.status);
    incident = changeStatus(incident, choices[Math.floor(next() * choices.length)], ctx(minutesAfter(minute)));
  }
  if (next() < 0.3) incident = addTimelineEvent(incident, { kind: 'note', text: 'later note' }, ctx(minutesAfter(minute + 200)));
  return incident;
}

describe('merging two sides that both moved the lifecycle', () => {
  it('resolved on one side and mitigated later on the other: the later status with its own stamps, not a mitigated incident with resolvedAt', () => {
    const base = anIncident({ commander: 'Sam Lee <sam@example.com>' });
    const ours = changeStatus(base, 'resolved', ctx(minutesAfter(10)));
    const theirs = changeStatus(base, 'mitigated', ctx(minutesAfter(20)));
    for (const merged of [mergeIncident(base, ours, theirs), mergeIncident(base, theirs, ours)]) {
      assert.equal(merged.status, 'mitigated');
      assert.equal(merged.resolvedAt, undefined);
      assert.equal(merged.mitigatedAt, minutesAfter(20).toISOString());
      assert.equal(merged.acknowledgedAt, minutesAfter(10).toISOString(), 'the earlier acknowledgement on either side stands');
      assert.deepEqual(lifecycleStampProblems(merged), []);
    }
  });

  it('a later note does not make an older status change win', () => {
    const base = anIncident({ commander: 'Sam Lee <sam@example.com>' });
    const ours = addTimelineEvent(changeStatus(base, 'resolved', ctx(minutesAfter(10))), { kind: 'note', text: 'write-up' }, ctx(minutesAfter(90)));
    const theirs = changeStatus(base, 'mitigated', ctx(minutesAfter(20)));
    assert.equal(mergeIncident(base, ours, theirs).status, 'mitigated');
    assert.equal(mergeIncident(base, theirs, ours).status, 'mitigated');
  });

  it('for 500 random pairs of status histories: stamps agree with the status, in either order, and merging a side with itself changes nothing', () => {
    const next = seededRandom(1313);
    for (let round = 0; round < 500; round++) {
      const base = randomHistory(anIncident({ commander: 'Sam Lee <sam@example.com>' }), Math.floor(next() * 3), next, 0);
      const ours = randomHistory(base, 1 + Math.floor(next() * 5), next, 100);
      const theirs = randomHistory(base, 1 + Math.floor(next() * 5), next, 100);
      const one = mergeIncident(base, ours, theirs);
      const other = mergeIncident(base, theirs, ours);
      const why = `round ${round}: ours ${JSON.stringify(lifecycleOf(ours))} theirs ${JSON.stringify(lifecycleOf(theirs))}`;
      assert.deepEqual(lifecycleStampProblems(one), [], why);
      assert.ok(stampsAgreeWithStatus(other), why);
      assert.deepEqual(lifecycleOf(one), lifecycleOf(other), `commutative: ${why}`);
      assert.deepEqual(lifecycleOf(mergeIncident(base, one, one)), lifecycleOf(one), `idempotent: ${why}`);
      assert.deepEqual(lifecycleOf(mergeIncident(base, one, ours)), lifecycleOf(one), `merging a side in again: ${why}`);
    }
  });

  it('names what disagrees', () => {
    const base = anIncident({ commander: 'Sam Lee <sam@example.com>' });
    const resolved = changeStatus(base, 'resolved', ctx(minutesAfter(10)));
    assert.deepEqual(lifecycleStampProblems({ ...resolved, status: 'mitigated' }), ['status mitigated without mitigatedAt', 'resolvedAt set while status is mitigated']);
    assert.deepEqual(lifecycleStampProblems({ ...base, status: 'closed' }), [
      'status closed without acknowledgedAt',
      'status closed without resolvedAt',
      'status closed without closedAt',
    ]);
  });
});
