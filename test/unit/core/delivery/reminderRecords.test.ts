/**
 * The exactly-once promise for a reminder, which no one machine writes: every
 * machine may notice the overdue update and write the same record (no
 * claim), any machine may post the update that makes it obsolete, and they
 * sync through one remote in any order, with clocks moving, failures and
 * deaths mid-request. Checked by simulation: never delivered twice, and
 * once everyone syncs, sent, or obsolete when the update came first.
 */
import * as assert from 'node:assert/strict';
import { newUnclaimedDelivery } from '../../../../src/core/delivery/deliveryRecords';
import { anyOp, everyRun, reminderOps, simulation } from './deliverySimulation';

const op = anyOp(['ok', 'ok', 'retryable', 'permanent', 'dies-after-request'], reminderOps);

/** Every machine notices the same overdue update and writes the same reminder, unclaimed. */
const world = () =>
  simulation({
    noticed: (machine, at) => newUnclaimedDelivery({ message: 'overdue:2026-12-07T09:45:00.000Z', event: 'overdue', channel: 'ops', createdBy: machine, origin: machine }, at),
  });

describe('a reminder noticed by several machines', () => {
  it('is never delivered twice, whoever noticed it, in any order of syncs, clocks, failures and deaths', () =>
    everyRun(world, op, {
      eachOp: (w) => assert.ok(w.sentBy.length <= 1, `sent by ${w.sentBy.join(', ')}`),
      settled: (w) => assert.ok(w.sentBy.length <= 1, `sent by ${w.sentBy.join(', ')} after settling`),
    }));

  it('ends sent once, or obsolete when the update came, or failed only after a death mid-request or a refusal', () =>
    everyRun(world, op, {
      settled: (w) => {
        const record = w.remote.record;
        if (!record) return assert.ok(w.remote.answered, 'nobody noticed only because the update came first');
        if (record.state === 'sent') return assert.equal(w.sentBy.length, 1);
        if (w.remote.answered) return assert.equal(record.state, 'obsolete', JSON.stringify(record));
        assert.equal(record.state, 'failed', JSON.stringify(record));
        assert.ok(w.excuse, `failed without a death mid-request or a refusal: ${JSON.stringify(record)}`);
      },
    }));
});
