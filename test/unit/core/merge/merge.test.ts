import * as assert from 'node:assert/strict';
import { changeSeverity, renameIncident } from '../../../../src/core/lifecycle/changes';
import { declareIncident } from '../../../../src/core/lifecycle/declare';
import { joinStores, mergeIncident, mergeStores } from '../../../../src/core/merge/merge';
import { STORE_SCHEMA_VERSION, type Incident, type StoreDocument } from '../../../../src/core/record/schema';
import { formatStore } from '../../../../src/store/stableFormat';
import { addTimelineEvent } from '../../../../src/core/lifecycle/timeline';
import { anIncident, ctx, minutesAfter } from '../builders';

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

describe('two incidents that drew the same id on two machines', () => {
  const clash = 'INC-1A2B3C4D';
  const ana = declareIncident(
    { title: 'Checkout down', category: 'regression', severity: 'SEV1' },
    { at: new Date('2026-11-23T10:00:10Z'), author: 'Ana <ana@example.com>' },
    clash,
  );
  const bo = declareIncident({ title: 'Login loops', category: 'security', severity: 'SEV2' }, { at: new Date('2026-11-23T10:00:40Z'), author: 'Bo <bo@example.com>' }, clash);
  const storeOf = (...incidents: Incident[]): StoreDocument => ({ version: 2, incidents, deploys: [] });

  it('stay two incidents: the first declared keeps the id, the other gets one every replica agrees on', () => {
    const joined = joinStores(storeOf(ana), storeOf(bo));
    const byTitle = new Map(joined.incidents.map((incident) => [incident.title, incident]));
    assert.equal(joined.incidents.length, 2);
    assert.equal(byTitle.get('Checkout down')?.id, clash);
    const moved = byTitle.get('Login loops');
    assert.match(moved?.id ?? '', /^INC-1A2B3[0-9A-HJKMNP-TV-Z]{3}$/);
    assert.notEqual(moved?.id, clash);
    assert.match(moved?.timeline.at(-1)?.text ?? '', /^Id changed from INC-1A2B3C4D to INC-1A2B3...: another incident, declared elsewhere in the same minute, drew the same id$/);
    assert.equal(formatStore(joinStores(storeOf(bo), storeOf(ana))), formatStore(joined), 'either order, the same bytes');
    assert.equal(formatStore(joinStores(joined, storeOf(bo))), formatStore(joined), 'joined again with the old copy: nothing new');
    assert.equal(formatStore(joinStores(storeOf(ana), joinStores(storeOf(bo), joined))), formatStore(joined), 'in any grouping');
  });
});
