import * as assert from 'node:assert/strict';
import { changeSeverity, renameIncident } from '../../../src/core/changes';
import { mergeIncident, mergeStores } from '../../../src/core/merge';
import { STORE_SCHEMA_VERSION, type StoreDocument } from '../../../src/core/schema';
import { addTimelineEvent } from '../../../src/core/timeline';
import { anIncident, ctx, minutesAfter } from './builders';

describe('three-way merge', () => {
  it('keeps both timelines as a union without duplicates', () => {
    const base = anIncident();
    const ours = addTimelineEvent(base, { kind: 'note', text: 'ours' }, { ...ctx(minutesAfter(1)), newId: () => 'ours1' });
    const theirs = addTimelineEvent(base, { kind: 'note', text: 'theirs' }, { ...ctx(minutesAfter(2)), newId: () => 'theirs1' });
    const merged = mergeIncident(base, ours, theirs);
    assert.deepEqual(
      merged.timeline
        .map((e) => e.text)
        .slice(1)
        .sort(),
      ['ours', 'theirs'],
    );
    assert.equal(merged.timeline.length, 3);
  });

  it('takes each scalar from the side that edited it; when both did, the later edit wins', () => {
    const base = anIncident();
    const ours = changeSeverity(base, 'SEV2', ctx(minutesAfter(1)));
    const theirs = renameIncident(base, 'Checkout and cart down', ctx(minutesAfter(2)));
    const merged = mergeIncident(base, ours, theirs);
    assert.equal(merged.severity, 'SEV2');
    assert.equal(merged.title, 'Checkout and cart down');
    const later = changeSeverity(base, 'SEV3', ctx(minutesAfter(9)));
    assert.equal(mergeIncident(base, ours, later).severity, 'SEV3');
    assert.equal(mergeIncident(base, later, ours).severity, 'SEV3');
  });

  it('keeps fields this version does not know from both sides, and a root cause removed on one side stays removed', () => {
    const base = { ...anIncident(), retrospective: { whys: [], actionItems: [], rootCause: 'a guess' } };
    const ours = { ...changeSeverity(base, 'SEV2', ctx(minutesAfter(1))), pagerDutyId: 'PD-1', retrospective: { whys: [], actionItems: [], reviewDoc: 'ours.md' } };
    const theirs = { ...renameIncident(base, 'Renamed', ctx(minutesAfter(2))), slackChannel: '#inc-42', retrospective: { ...base.retrospective, meetingAt: 'Friday' } };
    for (const merged of [mergeIncident(base, ours, theirs), mergeIncident(base, theirs, ours)] as Record<string, unknown>[]) {
      assert.equal(merged.pagerDutyId, 'PD-1');
      assert.equal(merged.slackChannel, '#inc-42');
      assert.deepEqual({ ...(merged.retrospective as object) }, { whys: [], actionItems: [], reviewDoc: 'ours.md', meetingAt: 'Friday' });
      assert.equal(merged.title, 'Renamed');
      assert.equal(merged.severity, 'SEV2');
    }
  });

  it('keeps incidents declared on either branch', () => {
    const a = anIncident();
    const b = { ...anIncident(), id: 'INC-2B3C4D5E' };
    const base: StoreDocument = { version: STORE_SCHEMA_VERSION, incidents: [], deploys: [] };
    const merged = mergeStores({ ...base, incidents: [] }, { ...base, incidents: [a] }, { ...base, incidents: [b] });
    assert.deepEqual(
      merged.incidents.map((i) => i.id),
      ['INC-1A2B3C4D', 'INC-2B3C4D5E'],
    );
  });
});
