import * as assert from 'node:assert/strict';
import { addBusinessDays, addBusinessMinutes, endOfNextBusinessDay, type BusinessCalendar } from '../../../../src/core/clocks/businessTime';
import { DomainError } from '../../../../src/core/record/errors';
import { resolvePolicy, slaClocks, withTargetOverrides } from '../../../../src/core/clocks/sla';
import { changeSeverity } from '../../../../src/core/lifecycle/changes';
import { anIncident, ctx } from '../builders';

const week = (timeZone: string, holidays: string[] = []): BusinessCalendar => ({
  timeZone,
  businessDays: [1, 2, 3, 4, 5],
  businessHours: { start: '09:00', end: '17:00' },
  holidays,
});
const iso = (date: Date) => date.toISOString();

describe('business time', () => {
  it('skips the weekend: 2 business hours from Friday 16:00 Berlin is Monday 10:00', () => {
    // 2026-11-27 is a Friday; Berlin is UTC+1 in winter.
    const friday = new Date('2026-11-27T15:00:00Z');
    assert.equal(iso(addBusinessMinutes(friday, 120, week('Europe/Berlin'))), '2026-11-30T09:00:00.000Z');
  });

  it('skips holidays, and a start outside hours counts from the next opening', () => {
    const christmasEve = new Date('2026-12-24T20:00:00Z'); // Thursday evening
    const calendar = week('UTC', ['2026-12-25']);
    assert.equal(iso(addBusinessMinutes(christmasEve, 60, calendar)), '2026-12-28T10:00:00.000Z');
    assert.equal(iso(addBusinessMinutes(christmasEve, 0, calendar)), '2026-12-28T09:00:00.000Z');
    // Noon on the holiday is not business time (it resumes at the next opening); noon on Monday is.
    assert.equal(iso(addBusinessMinutes(new Date('2026-12-25T12:00:00Z'), 0, calendar)), '2026-12-28T09:00:00.000Z');
    assert.equal(iso(addBusinessMinutes(new Date('2026-12-28T12:00:00Z'), 0, calendar)), '2026-12-28T12:00:00.000Z');
  });

  it('keeps local opening hours across daylight-saving changes (Berlin in March, New York in November)', () => {
    // Berlin moves to UTC+2 on Sunday 2026-03-29: Friday 16:00 local is 15:00Z, Monday 10:00 local is 08:00Z.
    assert.equal(iso(addBusinessMinutes(new Date('2026-03-27T15:00:00Z'), 120, week('Europe/Berlin'))), '2026-03-30T08:00:00.000Z');
    // New York moves to UTC-5 on Sunday 2026-11-01: Friday 16:00 EDT is 20:00Z, Monday 10:00 EST is 15:00Z.
    assert.equal(iso(addBusinessMinutes(new Date('2026-10-30T20:00:00Z'), 120, week('America/New_York'))), '2026-11-02T15:00:00.000Z');
  });

  it('gives different answers in Auckland and UTC for the same instant', () => {
    const instant = new Date('2026-11-23T21:00:00Z'); // Tuesday 10:00 in Auckland (UTC+13), Monday 21:00 in UTC
    assert.equal(iso(addBusinessMinutes(instant, 30, week('Pacific/Auckland'))), '2026-11-23T21:30:00.000Z');
    assert.equal(iso(addBusinessMinutes(instant, 30, week('UTC'))), '2026-11-24T09:30:00.000Z');
  });

  it('ends the next business day at closing time, and counts whole business days', () => {
    const friday = new Date('2026-11-27T11:00:00Z');
    assert.equal(iso(endOfNextBusinessDay(friday, week('UTC'))), '2026-11-30T17:00:00.000Z');
    assert.equal(iso(addBusinessDays(friday, 1, week('UTC'))), '2026-11-30T11:00:00.000Z');
    assert.equal(iso(addBusinessDays(new Date('2026-11-27T20:00:00Z'), 1, week('UTC'))), '2026-12-01T09:00:00.000Z');
  });

  it('rejects a calendar it cannot count in, with the reason', () => {
    const start = new Date('2026-11-27T11:00:00Z');
    assert.throws(() => addBusinessMinutes(start, 1, week('Mars/Olympus')), /not a time zone/);
    assert.throws(() => addBusinessMinutes(start, 1, { ...week('UTC'), businessHours: { start: '17:00', end: '09:00' } }), /must be after their start/);
    assert.throws(() => addBusinessMinutes(start, 1, { ...week('UTC'), businessDays: [] }), DomainError);
  });
});

describe('SLA clocks in business time', () => {
  const policy = resolvePolicy({ timeZone: 'Europe/Berlin', businessDays: [1, 2, 3, 4, 5], businessHours: { start: '09:00', end: '17:00' }, holidays: [], targets: {} });

  it('gives a SEV3 declared on Friday evening until Monday closing time, and a SEV4 a business day to respond', () => {
    const fridayEvening = new Date('2026-11-27T19:00:00Z');
    const sev3 = slaClocks(anIncident({ severity: 'SEV3' }, fridayEvening), policy, fridayEvening);
    assert.deepEqual(
      sev3.map((c) => iso(c.deadline)),
      ['2026-11-27T23:00:00.000Z', '2026-11-30T16:00:00.000Z'],
    );
    const sev4 = slaClocks(anIncident({ severity: 'SEV4' }, fridayEvening), policy, fridayEvening);
    assert.equal(iso(sev4[0].deadline), '2026-12-01T08:00:00.000Z');
  });

  it('re-times the clocks when the severity changes mid-incident', () => {
    const fridayEvening = new Date('2026-11-27T19:00:00Z');
    const incident = anIncident({ severity: 'SEV3' }, fridayEvening);
    const raised = changeSeverity(incident, 'SEV1', ctx(new Date('2026-11-27T19:30:00Z')));
    const clocks = slaClocks(raised, policy, new Date('2026-11-27T19:30:00Z'));
    assert.deepEqual(
      clocks.map((c) => iso(c.deadline)),
      ['2026-11-27T19:15:00.000Z', '2026-11-27T20:00:00.000Z'],
    );
    assert.equal(clocks[0].breached, true);
    assert.equal(clocks[0].remainingMs, -15 * 60_000);
  });
});

describe("SLA targets overridden from the editor's settings", () => {
  it('lays valid fields over the policy and reports the rest', () => {
    const base = resolvePolicy(undefined);
    const { policy, problems } = withTargetOverrides(base, { SEV1: { response: '5m', resolution: 'soon' }, SEV7: { response: '1h' }, SEV3: { updateEvery: '2bh' } });
    assert.deepEqual(policy.targets.SEV1, { response: '5m', resolution: '1h', updateEvery: '30m' });
    assert.deepEqual(policy.targets.SEV3, { response: '4h', resolution: 'next business day', updateEvery: '2bh' });
    assert.deepEqual(policy.targets.SEV2, base.targets.SEV2);
    assert.deepEqual(problems, ['SEV1.resolution: "soon" is not a duration like 15m, 4h, 8bh, 1bd', '"SEV7" is not SEV1–SEV4 with targets']);
    const declared = new Date('2026-11-23T10:00:00Z');
    assert.equal(iso(slaClocks(anIncident({}, declared), policy, declared)[0].deadline), '2026-11-23T10:05:00.000Z');
    assert.equal(withTargetOverrides(base, undefined).policy, base);
    assert.deepEqual(withTargetOverrides(base, 'fast').problems, ['SLA target overrides must be an object keyed by severity']);
  });
});
