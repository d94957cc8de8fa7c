/**
 * Shift boundaries across daylight-saving changes in three zones, against
 * instants computed by hand from each zone's rules for 2026:
 * - Europe/Berlin: CET (+1) → CEST (+2) on Sun 29 Mar at 02:00; back on Sun 25 Oct at 03:00.
 * - America/New_York: EST (−5) → EDT (−4) on Sun 8 Mar at 02:00; back on Sun 1 Nov at 02:00.
 * - Australia/Sydney: AEDT (+11) → AEST (+10) on Sun 5 Apr at 03:00; AEST → AEDT on Sun 4 Oct at 02:00.
 * A weekly Monday 09:00 hand-off stays at 09:00 local (the shift across the
 * change is 167 or 169 real hours); a 12-hour shift is counted on the wall
 * clock, so the night shift across the change lasts 11 or 13 real hours.
 */
import * as assert from 'node:assert/strict';
import { onCallAt } from '../../../../src/core/oncall/onCall';
import { rotationSchema, type OncallPlan } from '../../../../src/core/oncall/oncallPlan';
import { layerClocks, segmentsBetween } from '../../../../src/core/oncall/shifts';

const A = 'Ana Díaz <ana@example.com>';
const B = 'Ben Okafor <ben@example.com>';
const C = 'Chen Wei <chen@example.com>';
const HOUR = 3_600_000;

function planOf(timeZone: string, rotation: Record<string, unknown>): OncallPlan {
  return { oncall: { timeZone, rotations: [rotationSchema.parse({ name: 'payments', members: [A, B, C], ...rotation })] } };
}

/** The hand-offs (start instants, in UTC) of the first layer between two instants. */
function handoffs(plan: OncallPlan, from: string, until: string): { at: string; person?: string }[] {
  const [clock] = layerClocks(plan.oncall!.rotations[0], plan.oncall!.timeZone!);
  return segmentsBetween(clock, new Date(from), new Date(until), 100).segments.map((segment) => ({ at: segment.from!.toISOString(), person: segment.person }));
}

const who = (plan: OncallPlan, at: string) => onCallAt(plan, new Date(at))[0];

describe('on-call shifts across daylight-saving changes', () => {
  const weekly = [
    {
      zone: 'Europe/Berlin',
      spring: { start: '2026-03-23', handoffs: ['2026-03-23T08:00:00.000Z', '2026-03-30T07:00:00.000Z', '2026-04-06T07:00:00.000Z'], hours: 167 },
      autumn: { start: '2026-10-19', handoffs: ['2026-10-19T07:00:00.000Z', '2026-10-26T08:00:00.000Z', '2026-11-02T08:00:00.000Z'], hours: 169 },
    },
    {
      zone: 'America/New_York',
      spring: { start: '2026-03-02', handoffs: ['2026-03-02T14:00:00.000Z', '2026-03-09T13:00:00.000Z', '2026-03-16T13:00:00.000Z'], hours: 167 },
      autumn: { start: '2026-10-26', handoffs: ['2026-10-26T13:00:00.000Z', '2026-11-02T14:00:00.000Z', '2026-11-09T14:00:00.000Z'], hours: 169 },
    },
    {
      zone: 'Australia/Sydney',
      // Sydney's autumn is in April: the clocks go back, so that week is the long one.
      spring: { start: '2026-09-28', handoffs: ['2026-09-27T23:00:00.000Z', '2026-10-04T22:00:00.000Z', '2026-10-11T22:00:00.000Z'], hours: 167 },
      autumn: { start: '2026-03-30', handoffs: ['2026-03-29T22:00:00.000Z', '2026-04-05T23:00:00.000Z', '2026-04-12T23:00:00.000Z'], hours: 169 },
    },
  ];

  for (const { zone, spring, autumn } of weekly) {
    for (const [season, table] of [
      ['spring', spring],
      ['autumn', autumn],
    ] as const) {
      it(`${zone}, ${season}: a weekly Monday 09:00 hand-off stays at 09:00 local, the week across the change is ${table.hours} hours`, () => {
        const plan = planOf(zone, { shift: '1w', handoff: '09:00', start: table.start });
        const listed = handoffs(plan, table.handoffs[0], new Date(Date.parse(table.handoffs[2]) + HOUR).toISOString());
        assert.deepEqual(listed, [
          { at: table.handoffs[0], person: A },
          { at: table.handoffs[1], person: B },
          { at: table.handoffs[2], person: C },
        ]);
        assert.equal((Date.parse(table.handoffs[1]) - Date.parse(table.handoffs[0])) / HOUR, table.hours);
        // The same, asked of one instant: a minute before and at the hand-off.
        const before = who(plan, new Date(Date.parse(table.handoffs[1]) - 60_000).toISOString());
        assert.equal(before.person, A);
        assert.equal(before.until.toISOString(), table.handoffs[1]);
        assert.equal(who(plan, table.handoffs[1]).person, B);
        for (const at of table.handoffs) {
          const local = new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(at));
          assert.equal(local, 'Mon 09:00', `${at} is Monday 09:00 in ${zone}`);
        }
      });
    }
  }

  const twelveHours = [
    { zone: 'Europe/Berlin', night: ['2026-03-28T20:00:00.000Z', '2026-03-29T07:00:00.000Z'], hours: 11, start: '2026-03-27' },
    { zone: 'Europe/Berlin', night: ['2026-10-24T19:00:00.000Z', '2026-10-25T08:00:00.000Z'], hours: 13, start: '2026-10-23' },
    { zone: 'America/New_York', night: ['2026-03-08T02:00:00.000Z', '2026-03-08T13:00:00.000Z'], hours: 11, start: '2026-03-06' },
    { zone: 'America/New_York', night: ['2026-11-01T01:00:00.000Z', '2026-11-01T14:00:00.000Z'], hours: 13, start: '2026-10-30' },
    { zone: 'Australia/Sydney', night: ['2026-04-04T10:00:00.000Z', '2026-04-04T23:00:00.000Z'], hours: 13, start: '2026-04-03' },
    { zone: 'Australia/Sydney', night: ['2026-10-03T11:00:00.000Z', '2026-10-03T22:00:00.000Z'], hours: 11, start: '2026-10-02' },
  ];
  for (const { zone, night, hours, start } of twelveHours) {
    it(`${zone}: the 12-hour night shift (21:00 to 09:00 local) starting ${night[0].slice(0, 10)} lasts ${hours} real hours`, () => {
      const plan = planOf(zone, { shift: '12h', handoff: '09:00', start });
      const segment = who(plan, new Date(Date.parse(night[0]) + HOUR).toISOString());
      assert.equal(segment.from!.toISOString(), night[0]);
      assert.equal(segment.until.toISOString(), night[1]);
      assert.equal((segment.until.getTime() - segment.from!.getTime()) / HOUR, hours);
      // Shift 0 is the first day's 09:00–21:00; this night is shift 3 (the fourth), so the member after C, A again.
      assert.equal(segment.person, A);
    });
  }

  it('a hand-off at a local time that does not happen is at the end of the gap; one that happens twice, at its first', () => {
    const daily = planOf('Europe/Berlin', { shift: '1d', handoff: '02:30', start: '2026-03-27' });
    assert.deepEqual(
      handoffs(daily, '2026-03-28T01:30:00.000Z', '2026-03-30T01:00:00.000Z').map((row) => row.at),
      ['2026-03-28T01:30:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z'],
      '02:30 on 29 March does not exist in Berlin: the hand-off is at 03:00 CEST',
    );
    const autumn = planOf('Europe/Berlin', { shift: '1d', handoff: '02:30', start: '2026-10-23' });
    assert.deepEqual(
      handoffs(autumn, '2026-10-24T00:30:00.000Z', '2026-10-26T02:00:00.000Z').map((row) => row.at),
      ['2026-10-24T00:30:00.000Z', '2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z'],
      '02:30 happens twice on 25 October: the first, 02:30 CEST',
    );
  });

  it('one-hour shifts through the hour that never happens skip it, and through the hour that happens twice keep counting', () => {
    const hourly = planOf('America/New_York', { shift: '1h', handoff: '00:00', start: '2026-03-08' });
    // 00:00 EST (05:00Z), 01:00 EST (06:00Z), 02:00 does not exist → 03:00 EDT (07:00Z), 04:00 EDT (08:00Z).
    const spring = handoffs(hourly, '2026-03-08T05:00:00.000Z', '2026-03-08T08:30:00.000Z');
    assert.deepEqual(
      spring.map((row) => row.at),
      ['2026-03-08T05:00:00.000Z', '2026-03-08T06:00:00.000Z', '2026-03-08T07:00:00.000Z', '2026-03-08T08:00:00.000Z'],
    );
    // The 02:00 shift (C) lasts no time at all, so the 03:00 one (A) follows B directly.
    assert.deepEqual(
      spring.map((row) => row.person),
      [A, B, A, B],
    );
    // 00:00 EDT (04:00Z), 01:00 EDT (05:00Z); 01:00 again (EST, 06:00Z) is still B's shift; 02:00 EST (07:00Z).
    const autumn = handoffs(planOf('America/New_York', { shift: '1h', handoff: '00:00', start: '2026-11-01' }), '2026-11-01T04:00:00.000Z', '2026-11-01T07:30:00.000Z');
    assert.deepEqual(autumn, [
      { at: '2026-11-01T04:00:00.000Z', person: A },
      { at: '2026-11-01T05:00:00.000Z', person: B },
      { at: '2026-11-01T07:00:00.000Z', person: C },
    ]);
  });
});
