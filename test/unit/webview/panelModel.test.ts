import * as assert from 'node:assert/strict';
import type { TimelineEvent } from '../../../src/core/record/schema';
import {
  countByKind,
  initialUiState,
  nextUtcTime,
  pastUtcTime,
  renderSlices,
  restoreUiState,
  retrospectiveEvents,
  toggleKind,
  visibleEvents,
} from '../../../webview-ui/src/panelModel';
import { formatDuration } from '../../../src/core/clocks/durations';

const event = (id: string, at: string, kind: TimelineEvent['kind']): TimelineEvent => ({ id, at, author: 'Dana', kind, text: id });

describe('incident panel UI state', () => {
  it('shows events in time order, keeping stored order for equal times', () => {
    const events = [
      event('c', '2026-11-23T10:02:00.000Z', 'note'),
      event('a', '2026-11-23T10:00:00.000Z', 'declared'),
      event('b1', '2026-11-23T10:01:00.000Z', 'note'),
      event('b2', '2026-11-23T10:01:00.000Z', 'decision'),
    ];
    assert.deepEqual(
      visibleEvents(events, []).map((e) => e.id),
      ['a', 'b1', 'b2', 'c'],
    );
  });

  it('hides the kinds the filter turned off, and toggling twice restores them', () => {
    const events = [event('a', '2026-11-23T10:00:00.000Z', 'declared'), event('b', '2026-11-23T10:01:00.000Z', 'note')];
    const hidden = toggleKind(initialUiState, 'note');
    assert.deepEqual(
      visibleEvents(events, hidden.hiddenKinds).map((e) => e.id),
      ['a'],
    );
    assert.deepEqual(toggleKind(hidden, 'note').hiddenKinds, []);
  });

  it('counts events per kind for the filter chips', () => {
    const counts = countByKind([event('a', '2026-11-23T10:00:00.000Z', 'note'), event('b', '2026-11-23T10:01:00.000Z', 'note'), event('c', '2026-11-23T10:02:00.000Z', 'commit')]);
    assert.equal(counts.get('note'), 2);
    assert.equal(counts.get('commit'), 1);
    assert.equal(counts.get('deploy'), undefined);
  });

  it('restores saved UI state and drops anything malformed', () => {
    assert.deepEqual(restoreUiState(null), initialUiState);
    const restored = restoreUiState({ tab: 'timeline', hiddenKinds: ['note', 'bogus', 42], composerKind: 'rm -rf', composerDraft: 7, updateAudience: 'customers' });
    assert.equal(restored.tab, 'timeline');
    assert.deepEqual(restored.hiddenKinds, ['note']);
    assert.equal(restored.composerKind, 'note');
    assert.equal(restored.composerDraft, '');
    assert.equal(restored.updateAudience, 'customers');
    assert.equal(restoreUiState({ tab: 'constructor' }).tab, 'triage');
    assert.equal(restored.highlightsOnly, false);
    assert.equal(restoreUiState({ highlightsOnly: true }).highlightsOnly, true);
    assert.equal(restoreUiState({ highlightsOnly: 'yes' }).highlightsOnly, false);
  });

  it("shows the retrospective's timeline in time order, or only the events starred now", () => {
    const event = (id: string, at: string) => ({ id, at: `2026-11-23T${at}:00.000Z`, author: 'Ana', kind: 'note' as const, text: id });
    const timeline = [event('b', '10:05'), event('a', '10:00'), event('c', '10:09')];
    const star = (on: boolean) => ({ on, by: 'Ana', at: '2026-11-23T11:00:00.000Z' });
    const highlights = { c: star(true), a: star(true), b: star(false) };
    assert.deepEqual(
      retrospectiveEvents({ timeline, highlights }, false).map((e) => e.id),
      ['a', 'b', 'c'],
    );
    assert.deepEqual(
      retrospectiveEvents({ timeline, highlights }, true).map((e) => e.id),
      ['a', 'c'],
    );
    assert.deepEqual(retrospectiveEvents({ timeline }, true), []);
  });

  it('slices a long timeline so the first screen renders at once and every event renders exactly once', () => {
    const slices = renderSlices(2000);
    assert.deepEqual(slices[0], [0, 150]);
    let covered = 0;
    for (const [start, end] of slices) {
      assert.equal(start, covered);
      covered = end;
    }
    assert.equal(covered, 2000);
    assert.deepEqual(renderSlices(0), []);
  });

  it('formats short durations for clocks', () => {
    assert.equal(formatDuration(12 * 60_000 + 59_000), '12m');
    assert.equal(formatDuration(65 * 60_000), '1h 05m');
    assert.equal(formatDuration(-(3 * 24 + 2) * 3_600_000), '3d 2h');
  });

  it('reads a 24-hour UTC time as its next occurrence, and refuses anything else', () => {
    const now = new Date('2026-11-23T10:15:30.000Z');
    assert.equal(nextUtcTime('10:45', now)?.toISOString(), '2026-11-23T10:45:00.000Z');
    assert.equal(nextUtcTime(' 7:05 ', now)?.toISOString(), '2026-11-24T07:05:00.000Z', 'a time already past today is tomorrow');
    assert.equal(nextUtcTime('10:15', now)?.toISOString(), '2026-11-24T10:15:00.000Z', 'this very minute is past');
    assert.equal(nextUtcTime('23:59', now)?.toISOString(), '2026-11-23T23:59:00.000Z');
    assert.equal(nextUtcTime('00:00', now)?.toISOString(), '2026-11-24T00:00:00.000Z');
    for (const bad of ['7pm', '24:00', '12:60', '1230', '12:3', '', 'T10:00']) assert.equal(nextUtcTime(bad, now), undefined, bad);
  });

  it('reads when something began: HH:MM is the latest such UTC time at or before the declaration, a full date that minute, never later', () => {
    const declared = new Date('2026-12-07T09:30:00Z');
    assert.equal(pastUtcTime('09:12', declared)?.toISOString(), '2026-12-07T09:12:00.000Z');
    assert.equal(pastUtcTime('23:50', declared)?.toISOString(), '2026-12-06T23:50:00.000Z', 'a clock later than the declaration is the day before');
    assert.equal(pastUtcTime('09:30', declared)?.toISOString(), '2026-12-07T09:30:00.000Z');
    assert.equal(pastUtcTime(' 2026-12-05 18:00 ', declared)?.toISOString(), '2026-12-05T18:00:00.000Z');
    for (const bad of ['', '9', '24:00', '09:60', 'yesterday', '2026-02-30 10:00', '2026-12-07 09:31', '2026-12-07T09:12:00Z; rm -rf'])
      assert.equal(pastUtcTime(bad, declared), undefined, bad);
  });
});
