import * as assert from 'node:assert/strict';
import { parseGivenTime } from '../../../../src/core/text/givenTime';

const NOW = new Date('2026-11-23T10:30:00.000Z');
const at = (text: string, now = NOW) => {
  const given = parseGivenTime(text, now);
  return given.kind === 'time' ? given.at.toISOString() : given.problem;
};

describe('a time a person gives (parseGivenTime)', () => {
  it('reads now, "30m ago", a UTC clock time today, a UTC date and time, and ISO with a zone', () => {
    assert.equal(at('now'), '2026-11-23T10:30:00.000Z');
    assert.equal(at('30m ago'), '2026-11-23T10:00:00.000Z');
    assert.equal(at('2h ago'), '2026-11-23T08:30:00.000Z');
    // The words a hurried responder types.
    assert.equal(at('30 minutes ago'), '2026-11-23T10:00:00.000Z');
    assert.equal(at('30 min ago'), '2026-11-23T10:00:00.000Z');
    assert.equal(at('2 hours ago'), '2026-11-23T08:30:00.000Z');
    assert.equal(at('1 Day ago'), '2026-11-22T10:30:00.000Z');
    assert.equal(at('10:05'), '2026-11-23T10:05:00.000Z');
    assert.equal(at('2026-11-23 09:15'), '2026-11-23T09:15:00.000Z');
    assert.equal(at('2026-11-23 09:15 UTC'), '2026-11-23T09:15:00.000Z');
    assert.equal(at('2026-11-23T09:15:30.250Z'), '2026-11-23T09:15:30.250Z');
    assert.equal(at('2026-11-23T10:15+01:00'), '2026-11-23T09:15:00.000Z');
  });

  it('takes a clock time later than now as yesterday’s', () => {
    assert.equal(at('23:50', new Date('2026-11-23T00:10:00Z')), '2026-11-22T23:50:00.000Z');
  });

  it('refuses the future, days that do not exist and anything else, saying what it takes', () => {
    assert.match(at('2026-11-23 11:00'), /^2026-11-23T11:00:00\.000Z is in the future; give a time that has passed$/);
    assert.equal(at('2026-11-23 10:34'), '2026-11-23T10:34:00.000Z', 'a few minutes of clock skew are allowed');
    for (const text of ['2026-02-31 10:00', 'yesterday', '25:00', '10:5', '', '-1h ago', '2026-11-23', '2 weeks ago', '3 months ago', '30 minutesago'])
      assert.match(at(text), /is not a time; give now, 30m ago/, text);
  });
});
