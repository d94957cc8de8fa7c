import * as assert from 'node:assert/strict';
import { dueEscalations, escalationMessageId, escalationOf, newEscalations, withEscalations, type EscalationPlan } from '../../../../src/core/delivery/escalations';
import { acknowledge } from '../../../../src/core/lifecycle/acknowledge';
import { defaultPlan, planSchema } from '../../../../src/core/plan/plan';
import { resolvePolicy } from '../../../../src/core/clocks/sla';
import { anIncident, ctx, minutesAfter } from '../builders';
import { SAM, ANA, KIM, paymentsRotation } from '../paymentsRotation';

const WRITER = { machine: 'alpha', person: 'Dana <dana@example.com>' };

function plan(overrides: Partial<EscalationPlan> = {}): EscalationPlan {
  const base = defaultPlan();
  return {
    channels: [{ name: 'pager', audience: 'responders', reach: 'PagerDuty', delivery: { kind: 'pagerduty' } }],
    severities: { ...base.severities, SEV1: { ...base.severities.SEV1, rotation: 'payments' } },
    sla: resolvePolicy(undefined),
    oncall: {
      rotations: [paymentsRotation([SAM, ANA, KIM], ['pager'])],
    },
    ...overrides,
  };
}

describe('escalation: who is paged when nobody acknowledges', () => {
  // anIncident: SEV1 declared at T0 with no commander; SEV1 responds in 15 minutes.
  const open = () => ({ ...anIncident(), acknowledgedAt: undefined, roles: { responders: [] } });

  it('pages the secondary at the response deadline, then the next in line one response target later, and no one before', () => {
    assert.deepEqual(dueEscalations(open(), plan(), minutesAfter(14)), []);
    const first = dueEscalations(open(), plan(), minutesAfter(15));
    assert.deepEqual(
      first.map((step) => [step.step, step.due.toISOString(), step.target.person, step.target.layer]),
      [[1, minutesAfter(15).toISOString(), ANA, 'secondary']],
    );
    const both = dueEscalations(open(), plan(), minutesAfter(31));
    assert.deepEqual(
      both.map((step) => [step.step, step.target.person, step.target.layer]),
      [
        [1, ANA, 'secondary'],
        [2, KIM, 'next'],
      ],
    );
    assert.equal(dueEscalations(open(), plan(), minutesAfter(500)).length, 2, 'the chain ends: nobody is paged twice');
  });

  it('writes each step once per page channel, under an id both machines derive alike, and marks waiting ones obsolete once acknowledged', () => {
    const added = newEscalations(open(), plan(), WRITER, minutesAfter(16));
    assert.deepEqual(
      added.map((record) => [record.event, record.channel, record.message, record.state]),
      [['escalation', 'pager', escalationMessageId(1, minutesAfter(15)), 'pending']],
    );
    assert.deepEqual(newEscalations(open(), plan(), { machine: 'beta', person: 'Kim' }, minutesAfter(17))[0].id, added[0].id, 'the same record on another machine');
    assert.deepEqual(escalationOf(added[0].message), { step: 1, due: minutesAfter(15) });
    const withPage = withEscalations(open(), plan(), WRITER, minutesAfter(16));
    assert.equal(withEscalations(withPage, plan(), WRITER, minutesAfter(17)), withPage, 'nothing new: the same object');
    const acked = withEscalations(acknowledge(withPage, ctx(minutesAfter(18), SAM)), plan(), WRITER, minutesAfter(40));
    assert.deepEqual(
      acked.deliveries?.map((record) => [record.state, record.lastError]),
      [['obsolete', 'the incident was acknowledged at 2026-11-23 10:18 UTC']],
    );
  });

  it('pages nobody for an acknowledged incident, a drill, one routed nowhere, or a rotation without a delivered page channel', () => {
    assert.deepEqual(dueEscalations(acknowledge(open(), ctx(minutesAfter(20), SAM)), plan(), minutesAfter(60)), [], 'acknowledged late, but before this run: nobody');
    assert.deepEqual(dueEscalations({ ...open(), drill: true }, plan(), minutesAfter(60)), []);
    assert.deepEqual(dueEscalations({ ...open(), severity: 'SEV2' }, plan(), minutesAfter(600)), [], 'SEV2 names no rotation');
    assert.deepEqual(dueEscalations(open(), plan({ channels: [{ name: 'pager', audience: 'responders', reach: 'x' }] }), minutesAfter(60)), []);
  });

  it('pages through the rotation of the intake rule whose alert opened the incident, when its severity names none', () => {
    const byRule = plan({ severities: defaultPlan().severities, intake: { rules: [{ name: 'payments-critical', rotation: 'payments' }] } });
    assert.deepEqual(dueEscalations(open(), byRule, minutesAfter(60)), [], 'declared by hand: no rule, and SEV1 names no rotation here');
    const opened = open();
    const fromAlert = { ...opened, timeline: opened.timeline.map((event) => (event.kind === 'declared' ? { ...event, data: { intakeRule: 'payments-critical' } } : event)) };
    assert.deepEqual(
      dueEscalations(fromAlert, byRule, minutesAfter(16)).map((step) => [step.step, step.target.person, step.target.rotation]),
      [[1, ANA, 'payments']],
    );
  });

  it('plan check refuses a page channel the plan lacks, or one that delivers nowhere', () => {
    const checked = (channels: object[]) => {
      const raw = JSON.parse(JSON.stringify({ ...plan(), channels, sla: undefined }));
      const result = planSchema.safeParse({ version: 1, ...raw });
      return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    };
    assert.deepEqual(checked([{ name: 'pager', audience: 'responders', reach: 'x', delivery: { kind: 'pagerduty' } }]), []);
    assert.deepEqual(checked([{ name: 'pager', audience: 'responders', reach: 'x' }]), [
      'oncall.rotations.0.page.0: channel "pager" has no "delivery": a page through it would reach nobody',
    ]);
    assert.deepEqual(checked([]), ['oncall.rotations.0.page.0: "pager" is not one of the plan\'s channels']);
  });
});
