/** "New from teammates": which entries a person has not seen, what is remembered when they look, and a memory read back safely. */
import * as assert from 'node:assert/strict';
import { addTimelineEvent } from '../../../../src/core/lifecycle/timeline';
import { baselineSeen, EMPTY_SEEN_MEMORY, isSamePerson, readSeenMemory, sameSeen, seenNow, unseenEntries } from '../../../../src/core/record/seenEntries';
import { anIncident, ctx, minutesAfter } from '../builders';

const DANA = 'Dana Ortiz <dana@example.com>';
const SAM = 'Sam Lee <sam@example.com>';

describe('new timeline entries from teammates', () => {
  const looked = anIncident();
  const seen = seenNow(looked);
  const later = addTimelineEvent(
    addTimelineEvent(looked, { kind: 'note', text: 'mine' }, ctx(minutesAfter(5), DANA)),
    { kind: 'note', text: 'Sam, synced' },
    ctx(minutesAfter(6), SAM),
  );

  it('marks what someone else wrote since you looked, never your own, nor what you had seen', () => {
    assert.deepEqual(
      unseenEntries(later.timeline, seen, DANA).map((e) => e.text),
      ['Sam, synced'],
    );
    assert.deepEqual(unseenEntries(later.timeline, seenNow(later), DANA), [], 'everything seen once looked at again');
  });

  it('marks an entry written earlier than the last look when it arrived after it (a teammate offline, synced now)', () => {
    const old = addTimelineEvent(looked, { kind: 'decision', text: 'written offline an hour ago' }, ctx(minutesAfter(-60), SAM));
    assert.deepEqual(
      unseenEntries(old.timeline, seen, DANA).map((e) => e.text),
      ['written offline an hour ago'],
    );
  });

  it('marks nothing while who you are is unknown, and every entry of others on an incident never looked at', () => {
    assert.deepEqual(unseenEntries(later.timeline, seen, undefined), []);
    assert.deepEqual(
      unseenEntries(later.timeline, undefined, SAM).map((e) => e.text),
      [...looked.timeline.map((e) => e.text), 'mine'],
    );
  });

  it('knows you by your email whatever name a teammate typed, else by the whole name, case and spaces aside', () => {
    assert.equal(isSamePerson('dana ortiz <DANA@example.com>', DANA), true);
    assert.equal(isSamePerson('D. Ortiz <dana@example.com>', DANA), true);
    assert.equal(isSamePerson('Dana Ortiz <dana@other.example>', DANA), false, 'another email is another person');
    assert.equal(isSamePerson('  dana   ortiz ', 'Dana Ortiz'), true);
    assert.equal(isSamePerson('Dana', DANA), false);
  });

  it('remembers only when something changed', () => {
    assert.equal(sameSeen(seen, [...seen].reverse()), true);
    assert.equal(sameSeen(seen, seenNow(later)), false);
    assert.equal(sameSeen(undefined, []), false);
  });

  it('takes a store met for the first time as seen, keeping what was remembered', () => {
    const other = { ...later, id: 'INC-9Z8Y7X6W' };
    const memory = baselineSeen({ baselined: false, incidents: { [looked.id]: seen } }, [later, other], minutesAfter(10));
    assert.equal(memory.baselined, true);
    assert.equal(memory.since, minutesAfter(10).toISOString());
    assert.deepEqual(memory.incidents[looked.id], seen, 'a remembered incident keeps what was seen, so its new entries stay new');
    assert.deepEqual(memory.incidents[other.id], seenNow(other));
  });

  it('remembers active incidents only: one no longer active is forgotten, one declared after the memory began stays new, one reopened is taken as seen', () => {
    const memory = baselineSeen(EMPTY_SEEN_MEMORY, [later], minutesAfter(10));
    assert.equal(baselineSeen(memory, [later], minutesAfter(20)), memory, 'nothing changed: the same memory, nothing to write');
    const arrived = { ...anIncident({}, minutesAfter(15)), id: 'INC-5V4T3S2R' };
    const withArrival = baselineSeen(memory, [later, arrived], minutesAfter(20));
    assert.equal(withArrival.incidents[arrived.id], undefined, 'declared by a teammate after the memory began: its entries are new');
    assert.deepEqual(unseenEntries(arrived.timeline, withArrival.incidents[arrived.id], SAM).length, arrived.timeline.length);
    const closed = baselineSeen(withArrival, [arrived], minutesAfter(30));
    assert.deepEqual(Object.keys(closed.incidents), [], 'the resolved one is forgotten; the arrival is still unseen');
    const reopened = baselineSeen(closed, [later, arrived], minutesAfter(40));
    assert.deepEqual(reopened.incidents[later.id], seenNow(later), 'back after being forgotten: declared before the memory began, so taken as seen');
  });

  it('reads back only what it wrote: anything else is an empty memory', () => {
    assert.deepEqual(readSeenMemory(undefined), EMPTY_SEEN_MEMORY);
    assert.deepEqual(readSeenMemory({ baselined: 'yes', incidents: {} }), EMPTY_SEEN_MEMORY);
    assert.deepEqual(readSeenMemory({ baselined: true, incidents: { a: ['x'], b: [1], c: 'x' } }), { baselined: true, incidents: { a: ['x'] } });
    assert.deepEqual(readSeenMemory({ baselined: true, since: 'yesterday', incidents: {} }), { baselined: true, incidents: {} }, 'a time that is not one is dropped');
  });
});
