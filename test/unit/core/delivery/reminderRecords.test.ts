/**
 * The exactly-once promise for a reminder, which no one machine writes: every
 * machine may notice the overdue update and write the same record (no
 * claim), any machine may post the update that makes it obsolete, and they
 * sync through one remote in any order, with clocks moving, failures and
 * deaths mid-request. Checked by simulation: never delivered twice, and
 * once everyone syncs, sent, or obsolete when the update came first.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  joinDeliveries,
  newUnclaimedDelivery,
  nextDeliveryStep,
  withClaim,
  withObsolete,
  withOutcome,
  withSending,
  withUncertain,
} from '../../../../src/core/delivery/deliveryRecords';
import type { DeliveryRecord } from '../../../../src/core/record/schema';

const MACHINES = ['alpha', 'bravo', 'charlie'] as const;
type Machine = (typeof MACHINES)[number];
type Outcome = 'ok' | 'retryable' | 'permanent' | 'dies-after-request';
type Op =
  | { kind: 'notice' | 'answer' | 'sync'; machine: Machine }
  | { kind: 'step'; machine: Machine; outcome: Outcome }
  | { kind: 'tick'; minutes: number }
  | { kind: 'offline'; machine: Machine; offline: boolean };

const machine = fc.constantFrom(...MACHINES);
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('notice' as const), machine }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('answer' as const), machine }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('sync' as const), machine }) },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('step' as const), machine, outcome: fc.constantFrom<Outcome>('ok', 'ok', 'retryable', 'permanent', 'dies-after-request') }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('tick' as const), minutes: fc.integer({ min: 0, max: 8 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('offline' as const), machine, offline: fc.boolean() }) },
);

const join = (a: DeliveryRecord | undefined, b: DeliveryRecord | undefined) => (a && b ? joinDeliveries(a, b) : (a ?? b));

/** A machine's copy: the reminder's record (once noticed or synced) and whether it has seen the update that answers it. */
interface Copy {
  record?: DeliveryRecord;
  answered: boolean;
}

function world() {
  let now = Date.parse('2026-12-07T10:00:00Z');
  const local = new Map<Machine, Copy>(MACHINES.map((m) => [m, { answered: false }]));
  let remote: Copy = { answered: false };
  const dead = new Set<Machine>();
  const offline = new Set<Machine>();
  const sentBy: Machine[] = [];
  let excuse = false;

  const set = (m: Machine, record: DeliveryRecord | undefined): void => void local.set(m, { ...local.get(m)!, record });
  const sync = (m: Machine): boolean => {
    if (dead.has(m) || offline.has(m)) return false;
    const mine = local.get(m)!;
    remote = { record: join(remote.record, mine.record), answered: remote.answered || mine.answered };
    local.set(m, { ...remote });
    return true;
  };
  /** One pass of the delivery loop on machine m: drop the reminder if answered (the reminder pass), else the protocol's step. */
  const step = (m: Machine, outcome: Outcome): void => {
    const { record, answered } = local.get(m)!;
    if (!record || dead.has(m)) return;
    const at = new Date(now);
    if (answered && (record.state === 'pending' || record.state === 'failed')) return set(m, withObsolete(record, 'answered'));
    const next = nextDeliveryStep(record, m, at);
    if (next.do === 'claim') {
      set(m, withClaim(record, m, next.round, at));
      sync(m);
    } else if (next.do === 'give-up-uncertain') set(m, withUncertain(record));
    else if (next.do === 'send') {
      const marked = withSending(record, m, at);
      set(m, marked);
      if (!sync(m)) return set(m, record);
      // The sync may have brought the update: the loop looks again before the request.
      if (local.get(m)!.answered) return set(m, withObsolete(local.get(m)!.record!, 'answered'));
      // Delivered when the provider took it: answered ok, or the machine died after the request went out.
      if (outcome === 'ok' || outcome === 'dies-after-request') sentBy.push(m);
      if (outcome === 'dies-after-request') {
        excuse = true;
        dead.add(m);
        return;
      }
      if (outcome === 'permanent') excuse = true;
      const result = outcome === 'ok' ? { ok: true as const } : { ok: false as const, reason: '500', retryable: outcome === 'retryable' };
      set(m, withOutcome(local.get(m)!.record!, m, result, at));
    }
  };
  const notice = (m: Machine) => {
    const copy = local.get(m)!;
    if (dead.has(m) || copy.record || copy.answered) return;
    set(m, newUnclaimedDelivery({ message: 'overdue:2026-12-07T09:45:00.000Z', event: 'overdue', channel: 'ops', createdBy: m, origin: m }, new Date(now)));
  };
  return {
    run(o: Op) {
      if (o.kind === 'notice') notice(o.machine);
      else if (o.kind === 'answer') {
        if (!dead.has(o.machine)) local.set(o.machine, { ...local.get(o.machine)!, answered: true });
      } else if (o.kind === 'sync') sync(o.machine);
      else if (o.kind === 'step') step(o.machine, o.outcome);
      else if (o.kind === 'tick') now += o.minutes * 60_000;
      else if (o.kind === 'offline' && o.offline) offline.add(o.machine);
      else if (o.kind === 'offline') offline.delete(o.machine);
    },
    /** Everyone alive back online, noticing, syncing and stepping with every request answered, until nothing changes. */
    settle() {
      offline.clear();
      for (let round = 0; round < 200; round++) {
        for (const m of MACHINES) {
          sync(m);
          notice(m);
          step(m, 'ok');
          sync(m);
        }
        now += 60_000;
      }
    },
    /** The machines whose request the provider took. */
    get sentBy() {
      return sentBy;
    },
    get remote() {
      return remote;
    },
    get excuse() {
      return excuse;
    },
  };
}

describe('a reminder noticed by several machines', () => {
  it('is never delivered twice, whoever noticed it, in any order of syncs, clocks, failures and deaths', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const w = world();
        for (const o of ops) {
          w.run(o);
          assert.ok(w.sentBy.length <= 1, `sent by ${w.sentBy.join(', ')}`);
        }
        w.settle();
        assert.ok(w.sentBy.length <= 1, `sent by ${w.sentBy.join(', ')} after settling`);
      }),
      { numRuns: 800 },
    );
  });

  it('ends sent once, or obsolete when the update came, or failed only after a death mid-request or a refusal', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const w = world();
        for (const o of ops) w.run(o);
        w.settle();
        const record = w.remote.record;
        if (!record) return assert.ok(w.remote.answered, 'nobody noticed only because the update came first');
        if (record.state === 'sent') return assert.equal(w.sentBy.length, 1);
        if (w.remote.answered) return assert.equal(record.state, 'obsolete', JSON.stringify(record));
        assert.equal(record.state, 'failed', JSON.stringify(record));
        assert.ok(w.excuse, `failed without a death mid-request or a refusal: ${JSON.stringify(record)}`);
      }),
      { numRuns: 800 },
    );
  });
});
