import * as assert from 'node:assert/strict';
import { escalationChain, coverageGaps, onCallAt, onCallFor, rotationSegments } from '../../../../src/core/oncall/onCall';
import { rotationSchema, type OncallPlan } from '../../../../src/core/oncall/oncallPlan';
import { proposedCommander, routedRotation } from '../../../../src/core/oncall/routing';
import { parseAskedTime } from '../../../../src/core/oncall/askedTime';
import { oncallWarnings } from '../../../../src/core/oncall/oncallWarnings';

const A = 'Ana Díaz <ana@example.com>';
const B = 'Ben Okafor <ben@example.com>';
const C = 'Chen Wei <chen@example.com>';
const K = 'Kim Wu <kim@example.com>';

/** Weekly Monday 09:00 in Berlin from Mon 30 Nov 2026 (CET, +1): hand-offs at 08:00Z; A, B, C; secondary is the next in line. */
function plan(extra: Record<string, unknown> = {}): OncallPlan {
  const rotation = rotationSchema.parse({
    name: 'payments',
    members: [A, B, C],
    shift: '1w',
    handoff: '09:00',
    start: '2026-11-30',
    layers: [{ name: 'primary' }, { name: 'secondary', offset: 1 }],
    ...extra,
  });
  return { oncall: { timeZone: 'Europe/Berlin', rotations: [rotation] } };
}
const at = (iso: string) => new Date(iso);
const people = (segments: { layer: string; person?: string }[]) => segments.map((segment) => `${segment.layer}: ${segment.person ?? 'nobody'}`);

describe('rotations: who is on call', () => {
  it('takes members in turn per shift, the secondary one ahead, until the next hand-off', () => {
    const week2 = onCallAt(plan(), at('2026-12-09T12:00:00Z'));
    assert.deepEqual(people(week2), [`primary: ${B}`, `secondary: ${C}`]);
    assert.equal(week2[0].from!.toISOString(), '2026-12-07T08:00:00.000Z');
    assert.equal(week2[0].until.toISOString(), '2026-12-14T08:00:00.000Z');
    assert.deepEqual(people(onCallAt(plan(), at('2026-12-14T08:00:00Z'))), [`primary: ${C}`, `secondary: ${A}`], 'at the hand-off the next one holds it');
    assert.deepEqual(people(onCallAt(plan(), at('2026-12-14T07:59:59Z'))), [`primary: ${B}`, `secondary: ${C}`]);
    // Far ahead: 52 weeks later is shift 52, 52 mod 3 = 1 → B.
    assert.equal(onCallAt(plan(), at('2027-11-30T12:00:00Z'))[0].person, B);
  });

  it('finds the layers a person holds, by their email when git names them another way', () => {
    const mine = onCallFor(plan(), 'Ben O. <BEN@example.com>', at('2026-12-01T00:00:00Z'));
    assert.deepEqual(
      mine.map((segment) => [segment.layer, segment.until.toISOString()]),
      [['secondary', '2026-12-07T08:00:00.000Z']],
    );
    assert.deepEqual(onCallFor(plan(), 'Ben', at('2026-12-01T00:00:00Z')), [], 'a bare name is not enough');
  });

  it("says a long override's end as the holder's 'until', however many hand-offs it spans", () => {
    // Hourly shifts; Kim covers the primary for three weeks of leave: 504 hand-offs pass under the override.
    const leave = plan({ shift: '1h', overrides: [{ person: K, from: '2026-12-01', until: '2026-12-22', note: 'covering leave' }] });
    const [primary] = onCallAt(leave, at('2026-12-02T12:00:00Z'));
    assert.equal(primary.person, K);
    assert.equal(primary.until.toISOString(), '2026-12-21T23:00:00.000Z', 'midnight of the 22nd in Berlin');
  });

  it('has nobody before the start', () => {
    const [primary] = onCallAt(plan(), at('2026-11-29T12:00:00Z'));
    assert.equal(primary.person, undefined);
    assert.equal(primary.from, undefined);
    assert.equal(primary.until.toISOString(), '2026-11-30T08:00:00.000Z');
  });

  it('an override holds its layer for its local range; the one listed last wins where two overlap', () => {
    const overrides = [
      { person: K, from: '2026-12-08T18:00', until: '2026-12-10', note: 'swap with Ben' },
      { person: A, from: '2026-12-09T12:00', until: '2026-12-09T14:00' },
      { layer: 'secondary', from: '2026-12-09', until: '2026-12-11' },
    ];
    const withOverrides = plan({ overrides });
    const evening = onCallAt(withOverrides, at('2026-12-08T20:00:00Z'));
    assert.equal(evening[0].person, K);
    assert.deepEqual(evening[0].override, { note: 'swap with Ben' });
    assert.equal(evening[0].from!.toISOString(), '2026-12-08T17:00:00.000Z', '18:00 Berlin');
    assert.equal(evening[0].until.toISOString(), '2026-12-09T11:00:00.000Z', 'until the later override begins, 12:00 Berlin');
    const noon = onCallAt(withOverrides, at('2026-12-09T11:30:00Z'));
    assert.deepEqual(people(noon), [`primary: ${A}`, 'secondary: nobody']);
    assert.equal(noon[1].until.toISOString(), '2026-12-10T23:00:00.000Z');
    assert.equal(onCallAt(withOverrides, at('2026-12-10T00:00:00Z'))[0].person, B, 'after the overrides, the rotation again');
  });

  it('escalates primary then secondary, passes over an empty layer, tells a person once', () => {
    assert.deepEqual(
      escalationChain(plan(), 'payments', at('2026-12-01T00:00:00Z')).map((step) => [step.layer, step.person]),
      [
        ['primary', A],
        ['secondary', B],
      ],
    );
    const leave = plan({ overrides: [{ layer: 'primary', from: '2026-12-01', until: '2026-12-02' }] });
    assert.deepEqual(
      escalationChain(leave, 'payments', at('2026-12-01T12:00:00Z')).map((step) => step.layer),
      ['secondary'],
    );
    const same = plan({ overrides: [{ layer: 'secondary', person: A, from: '2026-12-01', until: '2026-12-02' }] });
    assert.deepEqual(
      escalationChain(same, 'payments', at('2026-12-01T12:00:00Z')).map((step) => step.person),
      [A],
    );
    assert.deepEqual(escalationChain(plan(), 'nonesuch', at('2026-12-01T12:00:00Z')), []);
    // One layer of four: after the primary, the next in line, told once each, never the primary again.
    const D = 'Dee Park <dee@example.com>';
    const single = plan({ members: [A, B, C, D], layers: undefined });
    assert.deepEqual(
      escalationChain(single, 'payments', at('2026-12-08T00:00:00Z'), { nextInLine: 10 }).map((step) => [step.layer, step.person]),
      [
        ['primary', B],
        ['next', C],
        ['next', D],
        ['next', A],
      ],
    );
    assert.deepEqual(
      escalationChain(plan(), 'payments', at('2026-12-08T00:00:00Z'), { nextInLine: 1 }).map((step) => [step.layer, step.person]),
      [
        ['primary', B],
        ['secondary', C],
        ['next', A],
      ],
      'the secondary is already the next in line, so the one after',
    );
  });

  it('reports gaps with their ranges: before the start, and an override that leaves a layer empty', () => {
    const leave = plan({ overrides: [{ from: '2026-12-24', until: '2026-12-27', note: 'nobody found yet' }] });
    const gaps = coverageGaps(leave, leave.oncall!.rotations[0], at('2026-11-28T00:00:00Z'), at('2027-01-10T00:00:00Z'));
    assert.deepEqual(
      gaps.map((gap) => [gap.layer, gap.from.toISOString(), gap.until.toISOString()]),
      [
        ['primary', '2026-11-28T00:00:00.000Z', '2026-11-30T08:00:00.000Z'],
        ['primary', '2026-12-23T23:00:00.000Z', '2026-12-26T23:00:00.000Z'],
        ['secondary', '2026-11-28T00:00:00.000Z', '2026-11-30T08:00:00.000Z'],
      ],
    );
    // A later override with a person fills part of an empty one; a gap check costs the same whatever the shift length.
    const patched = plan({
      shift: '1m',
      overrides: [
        { from: '2026-12-24', until: '2026-12-27' },
        { person: K, from: '2026-12-25', until: '2026-12-26' },
      ],
    });
    assert.deepEqual(
      coverageGaps(patched, patched.oncall!.rotations[0], at('2026-12-01T00:00:00Z'), at('2027-12-01T00:00:00Z')).map((gap) => [
        gap.layer,
        gap.from.toISOString(),
        gap.until.toISOString(),
      ]),
      [
        ['primary', '2026-12-23T23:00:00.000Z', '2026-12-24T23:00:00.000Z'],
        ['primary', '2026-12-25T23:00:00.000Z', '2026-12-26T23:00:00.000Z'],
      ],
    );
    const warnings = oncallWarnings(leave, [], at('2026-11-28T00:00:00Z'), 12).map((warning) => warning.message);
    assert.ok(
      warnings.includes(
        'oncall.rotations[0] (payments): nobody on call in layer primary from Thu 24 Dec 00:00 until Sun 27 Dec 00:00 (Europe/Berlin), left empty by an override ("nobody found yet")',
      ),
      warnings.join('\n'),
    );
  });

  it('warns of an override of a person outside the layer, overlapping overrides, and members named two ways', () => {
    const hostile = plan({
      members: [A, B, 'ben', A],
      overrides: [
        { person: 'Zed <zed@example.com>', from: '2026-12-01', until: '2026-12-03' },
        { person: B, from: '2026-12-02', until: '2026-12-04' },
      ],
    });
    const warnings = oncallWarnings(hostile, [A, B], at('2026-11-30T09:00:00Z')).map((warning) => [warning.path.join('.'), warning.message]);
    assert.deepEqual(warnings, [
      [
        'oncall.rotations.0.overrides.0.person',
        'oncall.rotations[0] (payments).overrides[0]: Zed <zed@example.com> is not a member of layer primary; allowed (a swap with someone outside it), but check the spelling',
      ],
      ['oncall.rotations.0.overrides.1', 'oncall.rotations[0] (payments).overrides[1] overlaps overrides[0] on layer primary; where both hold, this one (listed later) wins'],
      ['oncall.rotations.0.members.2', 'oncall.rotations[0] (payments): "ben" has no email; name people as git and the roster do, "Name <email>"'],
      ['oncall.rotations.0.members.3', `oncall.rotations[0] (payments): ${A} is listed twice in one member list, so is on call twice per turn`],
    ]);
    const offRoster = oncallWarnings(plan(), [A], at('2026-11-30T09:00:00Z')).map((warning) => warning.message);
    assert.deepEqual(offRoster, [
      `oncall.rotations[0] (payments): ${B} is not on the plan's roster (roles); the same person must be named the same way everywhere`,
      `oncall.rotations[0] (payments): ${C} is not on the plan's roster (roles); the same person must be named the same way everywhere`,
    ]);
  });

  it('stays bounded: 10,000 members, one-minute shifts, a one-member rotation of one-minute shifts', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => `Person ${i} <p${i}@example.com>`);
    const big = plan({ members: many, shift: '1m', handoff: '00:00', start: '2026-01-01' });
    // 2026-01-07T23:40Z is 7 days and 40 minutes (10,120 one-minute shifts) after 2026-01-01 00:00 CET (2025-12-31T23:00Z): 10,120 mod 10,000 = 120.
    const [primary, secondary] = onCallAt(big, at('2026-01-07T23:40:30Z'));
    assert.equal(primary.person, 'Person 120 <p120@example.com>');
    assert.equal(secondary.person, 'Person 121 <p121@example.com>');
    assert.equal(primary.until.toISOString(), '2026-01-07T23:41:00.000Z');
    const listed = rotationSegments(big, 'payments', at('2026-12-01T00:00:00Z'), at('2027-03-01T00:00:00Z'), 500);
    assert.equal(listed.complete, false);
    assert.equal(listed.segments.length, 1000, '500 per layer, then it stops');
    const alone = plan({ members: [A], shift: '1m', start: '2026-01-01' });
    assert.equal(onCallAt(alone, at('2026-12-01T00:00:00Z'))[0].person, A);
    const lonely = rotationSegments(alone, 'payments', at('2026-12-01T00:00:00Z'), at('2027-03-01T00:00:00Z'), 500);
    assert.equal(lonely.complete, false, 'hand-offs to oneself count against the bound');
  });
});

describe('routing: the proposed commander', () => {
  const routing = {
    ...plan(),
    severities: { SEV1: { rotation: 'payments', assign: true }, SEV2: { rotation: 'payments' } },
    intake: { rules: [{ name: 'db', rotation: 'payments' }, { name: 'other' }] },
  };
  const monday = at('2026-12-01T00:00:00Z');

  it('is the first of the chain, assigned only when the one that routes says so', () => {
    assert.deepEqual(proposedCommander(routing, { severity: 'SEV1' }, monday), {
      rotation: 'payments',
      layer: 'primary',
      person: A,
      until: at('2026-12-07T08:00:00Z'),
      assign: true,
      why: 'on call for payments (primary), per severity SEV1',
    });
    assert.equal(proposedCommander(routing, { severity: 'SEV2' }, monday)?.assign, false);
    assert.equal(proposedCommander(routing, { severity: 'SEV3' }, monday), undefined);
    // A rule that names a rotation decides (without assign: proposed only), one that does not leaves it to the severity.
    assert.deepEqual(routedRotation(routing, { severity: 'SEV1', rule: 'db' }), { rotation: 'payments', assign: false, by: 'intake rule db' });
    assert.deepEqual(routedRotation(routing, { severity: 'SEV1', rule: 'other' }), { rotation: 'payments', assign: true, by: 'severity SEV1' });
  });

  it('proposes the secondary when the primary has nobody, and nobody when the rotation is empty', () => {
    const leave = { ...routing, ...plan({ overrides: [{ from: '2026-12-01', until: '2026-12-02' }] }) };
    assert.equal(proposedCommander(leave, { severity: 'SEV1' }, at('2026-12-01T12:00:00Z'))?.person, B);
    assert.equal(proposedCommander(routing, { severity: 'SEV1' }, at('2026-11-01T00:00:00Z')), undefined, 'before the rotation starts');
  });
});

describe('the time asked about (--at)', () => {
  const now = at('2026-12-07T10:00:00Z');
  const asked = (text: string) => {
    const parsed = parseAskedTime(text, now, 'Europe/Berlin');
    return 'at' in parsed ? parsed.at.toISOString() : parsed.problem;
  };
  it('reads local dates and times in the plan zone, instants with a zone as given, and relative times', () => {
    assert.equal(asked('now'), '2026-12-07T10:00:00.000Z');
    assert.equal(asked('2026-12-24 18:00'), '2026-12-24T17:00:00.000Z');
    assert.equal(asked('2026-07-01'), '2026-06-30T22:00:00.000Z', 'midnight in summer time');
    assert.equal(asked('2026-12-24T18:00Z'), '2026-12-24T18:00:00.000Z');
    assert.equal(asked('2026-12-24T18:00+05:30'), '2026-12-24T12:30:00.000Z');
    assert.equal(asked('in 2h'), '2026-12-07T12:00:00.000Z');
    assert.equal(asked('3d ago'), '2026-12-04T10:00:00.000Z');
    assert.equal(asked('in 2 hours'), '2026-12-07T12:00:00.000Z');
    assert.equal(asked('1 week ago'), '2026-11-30T10:00:00.000Z');
    assert.equal(asked('0050-01-01T00:00Z'), '0050-01-01T00:00:00.000Z', 'a two-digit year is not read as 1950');
    assert.equal(asked('2028-02-29 12:00'), '2028-02-29T11:00:00.000Z', 'a leap day that exists');
  });
  it('says what it takes for anything else', () => {
    for (const bad of ['tomorrow', '2026-02-30', '2026-13-01', '25:00', '', '2026-12-24T18:00+25:00']) assert.match(asked(bad), /is not a time; give now, in 2h/, bad);
  });
});

describe('the oncall block refuses', () => {
  const base = { name: 'payments', members: [A], shift: '1w', start: '2026-11-30' };
  const refused = (rotation: Record<string, unknown>) => {
    const result = rotationSchema.safeParse({ ...base, ...rotation });
    return result.success ? 'accepted' : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
  };
  it('no members, too many, shifts of zero or over a year, dates that do not exist, an override that ends first', () => {
    assert.match(refused({ members: [] }), /^members: at least one member/);
    assert.match(refused({ members: Array.from({ length: 10_001 }, (_, i) => `P${i} <p${i}@x.io>`) }), /^members: /);
    for (const shift of ['0h', '0m', '53w', '1y', '', '-1d']) assert.match(refused({ shift }), /^shift: a shift length like "12h"/, shift);
    assert.equal(refused({ shift: '52w' }), 'accepted');
    assert.match(refused({ start: '2026-02-30' }), /^start: /);
    assert.match(refused({ handoff: '24:00' }), /^handoff: a 24-hour time/);
    assert.match(refused({ overrides: [{ person: A, from: '2026-13-01', until: '2027-01-01' }] }), /^overrides\.0\.from: a date that exists/);
    assert.match(refused({ overrides: [{ person: A, from: '2026-12-02T10:00', until: '2026-12-02T10:00' }] }), /^overrides\.0\.until: must come after "from"/);
    assert.match(refused({ layers: [{ name: 'primary' }, { name: 'primary' }] }), /^layers\.1\.name: layer "primary" appears twice/);
    assert.match(refused({ layers: [] }), /^layers: /);
    assert.match(refused({ members: [A], extra: true }), /Unrecognized key/);
  });
});
