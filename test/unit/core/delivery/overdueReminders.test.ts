/** Reminders that an update is overdue: when they are due, to which channels, once per due time whoever notices, and dropped when the update comes. */
import * as assert from 'node:assert/strict';
import { resolvePolicy } from '../../../../src/core/clocks/sla';
import { composeMessage } from '../../../../src/core/delivery/deliveryMessage';
import { joinDeliveries, nextDeliveryStep, withOutcome, withSending } from '../../../../src/core/delivery/deliveryRecords';
import { overdueReminders, reminderDue, reminderMessageId, reminderObsolete, withOverdueReminders, type ReminderPlan } from '../../../../src/core/delivery/overdueReminders';
import { postStatusUpdate } from '../../../../src/core/lifecycle/changes';
import { changeStatus } from '../../../../src/core/lifecycle/lifecycle';
import type { Channel } from '../../../../src/core/plan/plan';
import type { Incident } from '../../../../src/core/record/schema';
import { anIncident, ctx, minutesAfter } from '../builders';
import { channel, deliveryPlan } from './deliveryStores';

const reminding = (name: string, audience: string, extra: Partial<Channel> = {}) =>
  channel(name, audience, 'slack', { delivery: { kind: 'slack', remindOverdue: true }, ...extra });
const PLAN: ReminderPlan = {
  sla: resolvePolicy(undefined),
  channels: [reminding('incident-command', 'responders'), channel('stakeholders', 'stakeholders'), { name: 'copy-only', audience: 'responders', reach: '#copy' } as Channel],
};
const ALPHA = { machine: 'alpha', person: 'Dana Ortiz <dana@example.com>' };
const BRAVO = { machine: 'bravo', person: 'Sam Lee <sam@example.com>' };
const DUE = minutesAfter(45);

/** A SEV1 with an update at +10 min promising the next by +45 min. */
function promised(): Incident {
  return postStatusUpdate(anIncident(), { audience: 'stakeholders', text: 'Payments fail for 20% of users.', nextUpdateBy: DUE }, ctx(minutesAfter(10)));
}

describe('reminders that an update is overdue', () => {
  it('one per reminding team channel once the promised time has passed, named by the due time, pending with no claim', () => {
    assert.deepEqual(overdueReminders(promised(), PLAN, ALPHA, minutesAfter(44)), [], 'not yet due');
    const [reminder, ...more] = overdueReminders(promised(), PLAN, ALPHA, minutesAfter(50));
    assert.deepEqual(more, [], 'only the channel that asks for reminders, never one without delivery');
    assert.equal(reminder.id, `overdue:${DUE.toISOString()}|incident-command`);
    assert.equal(reminder.message, reminderMessageId(DUE));
    assert.equal(reminderDue(reminder.message), DUE.toISOString());
    assert.deepEqual([reminder.event, reminder.state, reminder.origin, reminder.createdBy, reminder.claims], ['overdue', 'pending', 'alpha', ALPHA.person, undefined]);
    assert.equal(overdueReminders(promised(), PLAN, ALPHA, DUE).length, 1, 'due at the very time promised');
  });

  it("follows the editor's clock when no update promised a time: the severity's cadence from the declaration", () => {
    const cadence = PLAN.sla.targets.SEV1?.updateEvery;
    assert.equal(cadence, '30m');
    const [reminder] = overdueReminders(anIncident(), PLAN, ALPHA, minutesAfter(31));
    assert.equal(reminderDue(reminder.message), minutesAfter(30).toISOString());
    assert.deepEqual(overdueReminders(anIncident(), PLAN, ALPHA, minutesAfter(29)), []);
  });

  it('none for a resolved or closed incident, a drill, a plan without reminding channels, or a channel read outside the team', () => {
    const late = minutesAfter(120);
    const incident = promised();
    let resolved = changeStatus({ ...incident, roles: { ...incident.roles, commander: 'Ana Lima <ana@example.com>' } }, 'triaged', ctx(minutesAfter(11)));
    resolved = changeStatus(resolved, 'resolved', ctx(minutesAfter(12)));
    assert.equal(resolved.status, 'resolved');
    assert.deepEqual(overdueReminders(resolved, PLAN, ALPHA, late), []);
    assert.deepEqual(overdueReminders({ ...promised(), status: 'closed' }, PLAN, ALPHA, late), []);
    assert.deepEqual(overdueReminders({ ...promised(), drill: true }, PLAN, ALPHA, late), []);
    assert.deepEqual(overdueReminders(promised(), { ...PLAN, channels: deliveryPlan().channels }, ALPHA, late), []);
    const outside = [reminding('customers-chat', 'customers'), reminding('acme-shared', 'acme', { public: true }), reminding('status page', 'everyone')];
    assert.deepEqual(overdueReminders(promised(), { ...PLAN, channels: outside }, ALPHA, late), []);
  });

  it('adds nothing the second time, and two machines that notice write the same record, which the claims then decide', () => {
    const once = withOverdueReminders(promised(), PLAN, ALPHA, minutesAfter(50));
    assert.equal(once.deliveries?.length, 1);
    assert.equal(withOverdueReminders(once, PLAN, ALPHA, minutesAfter(55)), once, 'unchanged, the same object: nothing to write');
    const [mine] = overdueReminders(promised(), PLAN, ALPHA, minutesAfter(50));
    const [theirs] = overdueReminders(promised(), PLAN, BRAVO, minutesAfter(52));
    assert.equal(mine.id, theirs.id);
    const joined = joinDeliveries(mine, theirs);
    assert.deepEqual(joined, joinDeliveries(theirs, mine));
    // Nobody holds it: the writer too claims (and syncs) before sending.
    for (const machine of ['alpha', 'bravo']) assert.deepEqual(nextDeliveryStep(joined, machine, minutesAfter(53)), { do: 'claim', round: 0 });
  });

  it('a reminder still waiting is marked obsolete, with why, once the update comes; the next due time gets its own', () => {
    const waiting = withOverdueReminders(promised(), PLAN, ALPHA, minutesAfter(50));
    const answered = postStatusUpdate(waiting, { audience: 'stakeholders', text: 'Fix deployed.', nextUpdateBy: minutesAfter(90) }, ctx(minutesAfter(52)));
    const after = withOverdueReminders(answered, PLAN, ALPHA, minutesAfter(53));
    assert.deepEqual(
      after.deliveries?.map((record) => [record.state, record.lastError]),
      [['obsolete', "an update was posted at 2026-11-23 10:52 UTC, after the reminder's due time (2026-11-23 10:45 UTC)"]],
    );
    assert.equal(withOverdueReminders(after, PLAN, ALPHA, minutesAfter(60)), after);
    const next = withOverdueReminders(after, PLAN, ALPHA, minutesAfter(91));
    assert.deepEqual(
      next.deliveries?.map((record) => [record.message, record.state]),
      [
        [reminderMessageId(DUE), 'obsolete'],
        [reminderMessageId(minutesAfter(90)), 'pending'],
      ],
    );
    assert.equal(reminderObsolete(next, next.deliveries![1], PLAN.sla), undefined, 'the current one stands');
    assert.match(reminderObsolete({ ...next, status: 'resolved' }, next.deliveries![1], PLAN.sla) ?? '', /^no update is due: the incident is resolved$/);
  });

  it('leaves a reminder being sent to finish, and never touches one sent; a failed one is dropped too', () => {
    const [reminder] = overdueReminders(promised(), PLAN, ALPHA, minutesAfter(50));
    const sending = withSending(reminder, 'alpha', minutesAfter(50));
    const sent = withOutcome(sending, 'alpha', { ok: true }, minutesAfter(50));
    const failed = withOutcome(sending, 'alpha', { ok: false, reason: '404', retryable: false }, minutesAfter(50));
    const answered = (record: typeof reminder) =>
      postStatusUpdate({ ...promised(), deliveries: [record] }, { audience: 'stakeholders', text: 'Fixed.', nextUpdateBy: minutesAfter(120) }, ctx(minutesAfter(52)));
    for (const [record, state] of [
      [sending, 'sending'],
      [sent, 'sent'],
      [failed, 'obsolete'],
    ] as const)
      assert.equal(withOverdueReminders(answered(record), PLAN, ALPHA, minutesAfter(53)).deliveries?.[0].state, state);
  });

  it('tells the team the time it was about, not the latest promise', () => {
    const [reminder] = overdueReminders(promised(), PLAN, ALPHA, minutesAfter(50));
    const input = { incident: promised(), event: 'overdue' as const, channel: PLAN.channels[0], plan: deliveryPlan(), now: minutesAfter(50) };
    const message = composeMessage({ ...input, dueBy: reminderDue(reminder.message) });
    assert.equal(message.headline, 'Update overdue: [SEV1] Checkout returns 500 (INC-1A2B3C4D)');
    assert.deepEqual(
      message.facts.find((fact) => fact.label === 'Update was due by'),
      { label: 'Update was due by', value: '2026-11-23 10:45 UTC' },
    );
    assert.match(message.paragraphs[0], /^The next update was due by 2026-11-23 10:45 UTC \(5 min ago\) and none has been posted since\.$/);
    const cadence = composeMessage({ ...input, incident: anIncident(), dueBy: minutesAfter(30).toISOString(), now: minutesAfter(40) });
    assert.match(cadence.paragraphs[0], /was due by 2026-11-23 10:30 UTC \(10 min ago\)/, 'a due time no update promised (the cadence) is said too');
    assert.equal(reminderDue('overdue:not a time'), undefined);
    assert.equal(reminderDue('upd-1'), undefined);
  });
});
