/**
 * The exactly-once promise of deliveries, checked by simulation: machines
 * that sync through one remote in any order, with clocks moving, requests
 * that fail or time out, and machines that die mid-request, never deliver a
 * message twice; and once they all keep syncing, every message is delivered
 * (or, after a death mid-request or a permanent failure, marked failed for a
 * person).
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  DELIVERY_TIMES,
  joinDeliveries,
  newDelivery,
  newUnclaimedDelivery,
  nextDeliveryStep,
  retried,
  withClaim,
  withObsolete,
  withOutcome,
  withSending,
  withUncertain,
} from '../../../../src/core/delivery/deliveryRecords';
import { anyOp, everyRun, MACHINES, simulation } from './deliverySimulation';

const op = anyOp(['ok', 'ok', 'ok', 'retryable', 'retryable', 'permanent', 'dies-after-request', 'dies-before-request']);

/** One message by alpha to one channel, and a world of three machines and a remote. */
const world = () => simulation({ initial: { alpha: (at) => newDelivery({ message: 'upd-1', event: 'update', channel: 'stakeholders', createdBy: 'Dana', origin: 'alpha' }, at) } });

describe('deliveries across machines', () => {
  it('never deliver a message twice, whatever the order of syncs, clocks, failures and deaths', () =>
    everyRun(world, op, {
      eachOp: (w) => assert.ok(w.sentBy.length <= 1, `delivered ${w.sentBy.length} times`),
      settled: (w) => assert.ok(w.sentBy.length <= 1, `delivered ${w.sentBy.length} times after settling`),
    }));

  it('deliver every message once all machines keep syncing, unless a machine died mid-request or the provider refused for good', () =>
    everyRun(world, op, {
      settled: (w) => {
        const record = w.remote.record;
        assert.ok(record, 'alpha synced the message');
        if (record.state === 'sent') assert.equal(w.sentBy.length, 1, 'sent means delivered');
        else {
          assert.equal(record.state, 'failed', `settled, not ${record.state}`);
          const exhausted = record.attempts >= (record.budget ?? DELIVERY_TIMES.attempts);
          assert.ok(w.excuse || exhausted, `failed without a death mid-request, a refusal or exhausted attempts: ${JSON.stringify(record)}`);
        }
      },
    }));

  it('join as a semilattice: commutative, associative, idempotent', () => {
    const at = (minutes: number) => new Date(Date.parse('2026-12-07T10:00:00Z') + minutes * 60_000);
    // The writer's record, and the same reminder written without a claim by any machine at any time.
    const base = fc.oneof(
      fc.constant(newDelivery({ message: 'upd-1', event: 'update', channel: 'c', createdBy: 'Dana', origin: 'alpha' }, at(0))),
      fc
        .tuple(fc.constantFrom(...MACHINES), fc.integer({ min: 0, max: 3 }))
        .map(([machine, minutes]) => newUnclaimedDelivery({ message: 'upd-1', event: 'overdue', channel: 'c', createdBy: machine, origin: machine }, at(minutes))),
    );
    const record = fc
      .tuple(
        base,
        fc.constantFrom(...MACHINES),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 9 }),
        fc.constantFrom('unclaimed', 'claim', 'sending', 'sent', 'retry', 'failed', 'person', 'obsolete', 'obsolete-failed', 'obsolete-sending'),
      )
      .map(([first, machine, round, minutes, what]) => {
        if (what === 'unclaimed') return first;
        const claimed = withClaim(first, machine, round, at(minutes));
        if (what === 'claim') return claimed;
        if (what === 'obsolete') return withObsolete(claimed, `answered at ${minutes}`);
        const sending = withSending(claimed, machine, at(minutes));
        if (what === 'sending') return sending;
        if (what === 'obsolete-sending') return withObsolete(sending, 'answered');
        if (what === 'person') return retried(withUncertain(sending), machine, at(minutes));
        const outcome = withOutcome(sending, machine, what === 'sent' ? { ok: true } : { ok: false, reason: 'x', retryable: what === 'retry' }, at(minutes));
        return what === 'obsolete-failed' ? withObsolete(outcome, 'answered') : outcome;
      });
    fc.assert(
      fc.property(record, record, record, (a, b, c) => {
        assert.deepEqual(joinDeliveries(a, b), joinDeliveries(b, a));
        assert.deepEqual(joinDeliveries(joinDeliveries(a, b), c), joinDeliveries(a, joinDeliveries(b, c)));
        assert.deepEqual(joinDeliveries(a, a), a);
      }),
      { numRuns: 800 },
    );
  });

  it('let the writing machine send at once on its own claim, and another machine only after that claim went stale', () => {
    const created = new Date('2026-12-07T10:00:00Z');
    const record = newDelivery({ message: 'upd-1', event: 'update', channel: 'c', createdBy: 'Dana', origin: 'alpha' }, created);
    assert.deepEqual(nextDeliveryStep(record, 'alpha', created), { do: 'send' });
    const later = (ms: number) => new Date(created.getTime() + ms);
    assert.deepEqual(nextDeliveryStep(record, 'bravo', later(DELIVERY_TIMES.staleMs - 1)), { do: 'wait' });
    assert.deepEqual(nextDeliveryStep(record, 'bravo', later(DELIVERY_TIMES.staleMs)), { do: 'claim', round: 1 });
    assert.deepEqual(nextDeliveryStep(record, 'alpha', later(DELIVERY_TIMES.staleMs / 2)), { do: 'claim', round: 1 }, 'its own claim renewed, in a new round, once half stale');
    // The writer renewing while another machine takes the stale round over: the same round, so neither sends.
    const at = later(DELIVERY_TIMES.staleMs);
    const claimed = (machine: string) => {
      const step = nextDeliveryStep(record, machine, at);
      assert.equal(step.do, 'claim', machine);
      return withClaim(record, machine, step.do === 'claim' ? step.round : -1, at);
    };
    const [renewed, takenOver] = [claimed('alpha'), claimed('bravo')];
    for (const machine of ['alpha', 'bravo']) assert.deepEqual(nextDeliveryStep(joinDeliveries(renewed, takenOver), machine, at), { do: 'wait' }, machine);
    const sent = withOutcome(withSending(record, 'alpha', created), 'alpha', { ok: true, response: 'ok' }, created);
    assert.deepEqual(nextDeliveryStep(joinDeliveries(sent, withClaim(record, 'bravo', 1, later(DELIVERY_TIMES.staleMs))), 'bravo', later(DELIVERY_TIMES.staleMs)), {
      do: 'nothing',
    });
  });
});
