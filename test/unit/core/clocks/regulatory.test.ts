import * as assert from 'node:assert/strict';
import { defaultPlan, planSchema, PLAN_VERSION } from '../../../../src/core/plan/plan';
import { recordNotification, regulatoryClocks, regulatoryDeadline, regulatoryDurationProblem } from '../../../../src/core/clocks/regulatory';
import { dueAlerts } from '../../../../src/core/clocks/alerts';
import { changeStatus } from '../../../../src/core/lifecycle/lifecycle';
import { renderPostmortem } from '../../../../src/core/retrospective/postmortem';
import type { Incident } from '../../../../src/core/record/schema';
import { resolvePolicy } from '../../../../src/core/clocks/sla';
import { anIncident, ctx } from '../builders';

const iso = (date: Date) => date.toISOString();
const HOUR = 3_600_000;

/** The series many breach rules set: an early warning, the notification, a final report. */
const SERIES = planSchema.parse({
  version: PLAN_VERSION,
  regulatory: [
    { id: 'early-warning', title: 'Early warning to the national CSIRT', after: '24h', to: 'CSIRT' },
    { id: 'notification', title: 'Breach notification to the supervisory authority', after: '72h', to: 'Data protection authority' },
    { id: 'final-report', title: 'Final report', after: '1 month', severities: ['SEV1', 'SEV2'] },
  ],
}).regulatory;

describe('regulatory clocks', () => {
  it('are off by default, and a plan names them with durations the law uses', () => {
    assert.deepEqual(defaultPlan().regulatory, []);
    assert.equal(regulatoryDurationProblem('72h'), undefined);
    assert.equal(regulatoryDurationProblem('1 month'), undefined);
    assert.equal(regulatoryDurationProblem('3 months'), undefined);
    assert.match(regulatoryDurationProblem('8bh') ?? '', /business hours do not stop the law's clocks/);
    const bad = planSchema.safeParse({
      version: PLAN_VERSION,
      regulatory: [
        { id: 'a', title: 'A', after: 'next business day' },
        { id: 'a', title: 'B', after: '24h' },
      ],
    });
    assert.equal(bad.success, false);
    assert.deepEqual(bad.error?.issues.map((issue) => issue.path.join('.')).sort(), ['regulatory.0.after', 'regulatory.1.id']);
  });

  it('count hours as elapsed time, also across a daylight-saving change', () => {
    // Berlin moves its clocks forward on 29 March 2026: 72 hours stay 72 hours.
    const start = new Date('2026-03-28T12:00:00Z');
    assert.equal(iso(regulatoryDeadline(start, '72h', 'Europe/Berlin')), '2026-03-31T12:00:00.000Z');
  });

  it("count a month on the team's calendar: the same local time, the day clamped to the month's end, whatever the time zone", () => {
    // 23:30 UTC on 30 January is already 31 January in Berlin and Tokyo, still the 30th in New York.
    const start = new Date('2026-01-30T23:30:00Z');
    assert.equal(iso(regulatoryDeadline(start, '1 month', 'UTC')), '2026-02-28T23:30:00.000Z');
    assert.equal(iso(regulatoryDeadline(start, '1 month', 'America/New_York')), '2026-02-28T23:30:00.000Z');
    assert.equal(iso(regulatoryDeadline(start, '1 month', 'Europe/Berlin')), '2026-02-27T23:30:00.000Z', '00:30 on 28 February, Berlin time');
    assert.equal(iso(regulatoryDeadline(start, '1 month', 'Asia/Tokyo')), '2026-02-27T23:30:00.000Z', '08:30 on 28 February, Tokyo time');
    // 11:00 in Berlin before the change is 11:00 in Berlin after it: one hour less in UTC terms.
    assert.equal(iso(regulatoryDeadline(new Date('2026-03-15T10:00:00Z'), '1 month', 'Europe/Berlin')), '2026-04-15T09:00:00.000Z');
    assert.equal(iso(regulatoryDeadline(new Date('2026-10-31T12:00:00Z'), '3 months', 'UTC')), '2027-01-31T12:00:00.000Z');
  });

  it('apply by category (security by default) and severity, timed from the declaration', () => {
    const declaredAt = new Date('2026-11-23T10:00:00Z');
    const breach = anIncident({ category: 'security', severity: 'SEV3' }, declaredAt);
    const clocks = regulatoryClocks(breach, SERIES, 'UTC', new Date('2026-11-24T12:00:00Z'), {});
    assert.deepEqual(
      clocks.map((clock) => [clock.id, iso(clock.deadline), clock.breached]),
      [
        ['early-warning', '2026-11-24T10:00:00.000Z', true],
        ['notification', '2026-11-26T10:00:00.000Z', false],
      ],
      'the final report is for SEV1 and SEV2 only',
    );
    assert.equal(clocks[0].remainingMs, -2 * HOUR);
    assert.deepEqual(regulatoryClocks(anIncident({ category: 'regression', severity: 'SEV1' }, declaredAt), SERIES, 'UTC', declaredAt, {}), [], 'not a security incident');
    assert.equal(regulatoryClocks(anIncident({ category: 'security', severity: 'SEV1' }, declaredAt), SERIES, 'UTC', declaredAt, {}).length, 3);
  });

  it('stop when a notification is recorded, with who told whom and when; the first one counts', () => {
    const declaredAt = new Date('2026-11-23T10:00:00Z');
    let breach = anIncident({ category: 'security', severity: 'SEV1' }, declaredAt);
    const [earlyWarning] = SERIES;
    breach = recordNotification(breach, earlyWarning, 'CSIRT duty desk', ctx(new Date('2026-11-23T20:00:00Z'), 'Ana Lima <ana@example.com>'));
    breach = recordNotification(breach, earlyWarning, 'CSIRT again', ctx(new Date('2026-11-24T09:00:00Z')));
    const [clock] = regulatoryClocks(breach, SERIES, 'UTC', new Date('2026-12-30T00:00:00Z'), {});
    assert.deepEqual(clock.met, { at: new Date('2026-11-23T20:00:00Z'), by: 'Ana Lima <ana@example.com>', to: 'CSIRT duty desk' });
    assert.equal(clock.breached, false);
    assert.equal(clock.remainingMs, 14 * HOUR, 'measured at the notification, not now');
    const event = breach.timeline.find((entry) => entry.data?.regulatory === 'early-warning');
    assert.equal(event?.text, 'Regulatory notification "Early warning to the national CSIRT" sent to CSIRT duty desk');
    assert.throws(() => recordNotification(breach, earlyWarning, '  ', ctx()), /say whom the notification went to/);
  });
});

describe('regulatory clocks remind, and go into the postmortem', () => {
  const declaredAt = new Date('2026-11-23T10:00:00Z');
  const policy = resolvePolicy(undefined);
  const kinds = (incident: Incident, at: Date) =>
    dueAlerts(incident, policy, at, 10 * 60_000, SERIES)
      .filter((alert) => alert.kind === 'regulatory')
      .map((alert) => [alert.stage, alert.message]);

  it('remind two hours ahead and when overdue, after resolution too, until recorded or closed', () => {
    let breach = anIncident({ category: 'security', severity: 'SEV2', title: 'Leaked token', commander: 'Ana Lima <ana@example.com>' }, declaredAt);
    assert.deepEqual(kinds(breach, new Date('2026-11-24T07:00:00Z')), [], 'three hours before the first deadline');
    assert.deepEqual(kinds(breach, new Date('2026-11-24T08:30:00Z')), [
      ['soon', `${breach.id} SEV2 "Leaked token": the regulatory deadline "Early warning to the national CSIRT" (to CSIRT) is due in 1h 30m.`],
    ]);
    for (const status of ['triaged', 'mitigated', 'resolved'] as const) breach = changeStatus(breach, status, ctx(new Date('2026-11-23T12:00:00Z')));
    assert.equal(kinds(breach, new Date('2026-11-24T11:00:00Z'))[0]?.[0], 'breached', 'resolved, and the law still waits');
    const told = recordNotification(breach, SERIES[0], 'CSIRT', ctx(new Date('2026-11-24T11:30:00Z')));
    assert.deepEqual(kinds(told, new Date('2026-11-24T12:00:00Z')), [], 'recorded: no reminder');
    const closed = changeStatus(changeStatus(breach, 'postmortem', ctx(new Date('2026-11-25T12:00:00Z'))), 'closed', ctx(new Date('2026-11-25T13:00:00Z')));
    assert.deepEqual(kinds(closed, new Date('2026-11-27T12:00:00Z')), [], 'closed: no reminder');
  });

  it('list each deadline in the postmortem: sent when, to whom, by whom, or not recorded', () => {
    const breach = recordNotification(
      anIncident({ category: 'security', severity: 'SEV1', title: 'Leaked token' }, declaredAt),
      SERIES[0],
      'CSIRT duty desk',
      ctx(new Date('2026-11-24T12:00:00Z'), 'Ana Lima <ana@example.com>'),
    );
    const now = new Date('2026-11-27T10:00:00Z');
    const text = renderPostmortem(breach, [], { generatedAt: now, regulatory: regulatoryClocks(breach, SERIES, 'UTC', now, {}) });
    const section = text.slice(text.indexOf('## Regulatory notifications'), text.indexOf('<!--'));
    assert.match(section, /\| Early warning to the national CSIRT \| 2026-11-24 10:00 \| CSIRT \| Sent 2026-11-24 12:00 UTC to CSIRT duty desk by Ana Lima \(2h 00m late\) \|/);
    assert.match(section, /\| Breach notification to the supervisory authority \| 2026-11-26 10:00 \| Data protection authority \| Not recorded \(overdue 24h 00m\) \|/);
    assert.match(section, /\| Final report \| 2026-12-23 10:00 \| — \| Not recorded \|/);
    assert.doesNotMatch(renderPostmortem(breach, [], { generatedAt: now }), /Regulatory notifications/, 'no clocks, no section');
  });
});
