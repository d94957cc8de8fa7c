import * as assert from 'node:assert/strict';
import { changeSeverity, assignRole } from '../../../../src/core/lifecycle/changes';
import { DomainError } from '../../../../src/core/record/errors';
import { changeStatus, isActive, offeredStatuses, stageOf } from '../../../../src/core/lifecycle/lifecycle';
import { STATUSES, type Incident, type Status } from '../../../../src/core/record/schema';
import { anIncident, ctx, minutesAfter } from '../builders';

describe('lifecycle', () => {
  it('declares an incident as detected with a declared event', () => {
    const incident = anIncident();
    assert.equal(incident.status, 'detected');
    assert.equal(incident.timeline.length, 1);
    assert.equal(incident.timeline[0].kind, 'declared');
    assert.equal(stageOf(incident.status), 'detect');
  });

  it('makes the declarer who takes command the commander, acknowledged as declared; another commander has not acknowledged yet', () => {
    const mine = anIncident({ commander: 'Dana Ortiz <dana@example.com>' });
    assert.equal(mine.roles.commander, 'Dana Ortiz <dana@example.com>');
    assert.equal(mine.acknowledgedAt, mine.declaredAt);
    assert.equal(changeStatus(mine, 'triaged', ctx(minutesAfter(2))).acknowledgedAt, mine.declaredAt);
    const theirs = anIncident({ commander: 'Sam Lee <sam@example.com>' });
    assert.equal(theirs.roles.commander, 'Sam Lee <sam@example.com>');
    assert.equal(theirs.acknowledgedAt, undefined);
    assert.equal(anIncident().acknowledgedAt, undefined);
  });

  it('says a status change in plain words on the timeline, without the stage jargon', () => {
    const triaged = changeStatus(assignRole(anIncident(), 'commander', 'Sam Lee', ctx()), 'triaged', ctx(minutesAfter(1)));
    assert.equal(triaged.timeline.at(-1)?.text, 'Status detected → triaged');
  });

  it('refuses to triage without a commander, then allows it once one is assigned', () => {
    const incident = anIncident();
    assert.throws(
      () => changeStatus(incident, 'triaged', ctx()),
      (e: unknown) => e instanceof DomainError && e.code === 'commander-required',
    );
    const withCommander = assignRole(incident, 'commander', 'Sam Lee', ctx(minutesAfter(1)));
    const triaged = changeStatus(withCommander, 'triaged', ctx(minutesAfter(5)));
    assert.equal(triaged.status, 'triaged');
    assert.equal(triaged.acknowledgedAt, minutesAfter(5).toISOString());
    assert.deepEqual(triaged.timeline.at(-1)?.data, { from: 'detected', to: 'triaged' });
    assert.equal(triaged.timeline.at(-1)?.author, 'Dana Ortiz <dana@example.com>');
  });

  it('offers only the moves changeStatus accepts: no "triaged" before a commander is assigned, and says why', () => {
    const noCommander = anIncident();
    const offered = offeredStatuses(noCommander);
    assert.deepEqual(offered.next, ['communicating', 'mitigated', 'resolved']);
    assert.deepEqual(offered.blocked, [{ status: 'triaged', reason: 'assign a commander first' }]);
    for (const to of offered.next) assert.equal(changeStatus(noCommander, to, ctx()).status, to);
    const withCommander = assignRole(noCommander, 'commander', 'Sam Lee', ctx());
    assert.deepEqual(offeredStatuses(withCommander), { next: ['triaged', 'communicating', 'mitigated', 'resolved'], blocked: [] });
  });

  it('allows exactly the documented moves between all 7 × 7 pairs of statuses', () => {
    // Written out by hand (not read from lifecycle.ts), so a change to the rules must change this table too.
    const legal: Record<Status, Status[]> = {
      detected: ['triaged', 'communicating', 'mitigated', 'resolved'],
      triaged: ['detected', 'communicating', 'mitigated', 'resolved'],
      communicating: ['triaged', 'mitigated', 'resolved'],
      mitigated: ['triaged', 'communicating', 'resolved'],
      resolved: ['triaged', 'postmortem', 'closed'],
      postmortem: ['resolved', 'closed'],
      closed: ['triaged'],
    };
    const at = (status: Status): Incident => ({ ...anIncident({ commander: 'Sam' }), status });
    for (const from of STATUSES) {
      for (const to of STATUSES) {
        if (from === to) continue;
        const allowed = legal[from].includes(to);
        if (allowed) {
          const moved = changeStatus(at(from), to, ctx(minutesAfter(5)));
          assert.equal(moved.status, to, `${from} → ${to}`);
          assert.deepEqual(moved.timeline.at(-1)?.data, { from, to }, `${from} → ${to} is written to the timeline`);
        } else {
          assert.throws(
            () => changeStatus(at(from), to, ctx()),
            (e: unknown) => e instanceof DomainError && e.message.includes(`cannot go from ${from} to ${to}`),
            `${from} → ${to} must be refused`,
          );
        }
      }
    }
  });

  it('rejects an illegal transition with a message naming the legal ones', () => {
    assert.throws(() => changeStatus(anIncident(), 'closed', ctx()), /cannot go from detected to closed; from detected it can go to triaged/);
  });

  it('stamps mitigation and resolution once, and reopening clears resolution', () => {
    let incident = anIncident({ commander: 'Sam' });
    incident = changeStatus(incident, 'mitigated', ctx(minutesAfter(20)));
    incident = changeStatus(incident, 'resolved', ctx(minutesAfter(50)));
    assert.equal(incident.mitigatedAt, minutesAfter(20).toISOString());
    assert.equal(incident.resolvedAt, minutesAfter(50).toISOString());
    assert.equal(isActive(incident), false);
    const reopened = changeStatus(incident, 'triaged', ctx(minutesAfter(90)));
    assert.equal(reopened.resolvedAt, undefined);
    assert.match(reopened.timeline.at(-1)?.text ?? '', /^Reopened/);
  });

  it('never mutates its input', () => {
    const incident = anIncident({ commander: 'Sam' });
    const frozen = JSON.stringify(incident);
    changeStatus(incident, 'triaged', ctx());
    changeSeverity(incident, 'SEV3', ctx());
    assert.equal(JSON.stringify(incident), frozen);
  });

  it('records a severity change and a role hand-over in the timeline', () => {
    let incident = changeSeverity(anIncident(), 'SEV2', ctx(minutesAfter(3)));
    incident = assignRole(incident, 'commander', 'Sam', ctx());
    incident = assignRole(incident, 'commander', 'Kim', ctx());
    assert.equal(incident.severity, 'SEV2');
    assert.deepEqual(
      incident.timeline.map((e) => e.kind),
      ['declared', 'severity', 'role', 'role'],
    );
    assert.equal(incident.timeline.at(-1)?.text, 'commander handed over from Sam to Kim');
  });
});
