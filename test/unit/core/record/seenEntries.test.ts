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
    const memory = baselineSeen({ baselined: false, incidents: { [looked.id]: seen } }, [later, other]);
    assert.equal(memory.baselined, true);
    assert.deepEqual(memory.incidents[looked.id], seen, 'a remembered incident keeps what was seen, so its new entries stay new');
    assert.deepEqual(memory.incidents[other.id], seenNow(other));
  });

  it('reads back only what it wrote: anything else is an empty memory', () => {
    assert.deepEqual(readSeenMemory(undefined), EMPTY_SEEN_MEMORY);
    assert.deepEqual(readSeenMemory({ baselined: 'yes', incidents: {} }), EMPTY_SEEN_MEMORY);
    assert.deepEqual(readSeenMemory({ baselined: true, incidents: { a: ['x'], b: [1], c: 'x' } }), { baselined: true, incidents: { a: ['x'] } });
  });
});
