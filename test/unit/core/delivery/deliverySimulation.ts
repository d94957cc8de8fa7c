/**
 * A simulated team for the delivery records protocol: three machines, each
 * with its own copy of one delivery record, syncing through one remote (a
 * join) in any order, with a clock that moves, machines that go offline, and
 * requests that succeed, fail, or kill the machine before or after they go
 * out. A copy also knows whether its machine has seen the update that
 * answers a reminder: a machine that has drops a pending or failed record as
 * obsolete instead of sending it. What starts the record is the caller's:
 * a record already on one machine (`initial`), or one any machine writes
 * when it notices the need (`noticed`, the reminder case).
 */
import fc from 'fast-check';
import { joinDeliveries, nextDeliveryStep, withClaim, withObsolete, withOutcome, withSending, withUncertain } from '../../../../src/core/delivery/deliveryRecords';
import type { DeliveryRecord } from '../../../../src/core/record/schema';

export const MACHINES = ['alpha', 'bravo', 'charlie'] as const;
export type Machine = (typeof MACHINES)[number];
/** What becomes of a request: the provider takes it, refuses it for now or for good, or the machine dies after or before it goes out. */
export type Outcome = 'ok' | 'retryable' | 'permanent' | 'dies-after-request' | 'dies-before-request';
export type Op =
  | { kind: 'notice' | 'answer' | 'sync'; machine: Machine }
  | { kind: 'step'; machine: Machine; outcome: Outcome }
  | { kind: 'tick'; minutes: number }
  | { kind: 'offline'; machine: Machine; offline: boolean };

const machine = fc.constantFrom(...MACHINES);

/** A random op: `before` first (weighted arbitraries of the caller's own ops), then syncs, steps with `outcomes`, ticks and going offline or back. */
export function anyOp(outcomes: Outcome[], before: { weight: number; arbitrary: fc.Arbitrary<Op> }[] = []): fc.Arbitrary<Op> {
  return fc.oneof(
    ...before,
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('sync' as const), machine }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('step' as const), machine, outcome: fc.constantFrom(...outcomes) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('tick' as const), minutes: fc.integer({ min: 0, max: 8 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('offline' as const), machine, offline: fc.boolean() }) },
  );
}

/** The ops only a reminder has: a machine notices the overdue update, or sees the update that answers it. */
export const reminderOps = [
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('notice' as const), machine }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('answer' as const), machine }) },
];

/** A machine's copy: the record (once written or synced) and whether it has seen the update that answers it. */
export interface Copy {
  record?: DeliveryRecord;
  answered: boolean;
}

export interface SimulationOptions {
  /** The records on some machines at the start (the writer's own delivery). */
  initial?: Partial<Record<Machine, (at: Date) => DeliveryRecord>>;
  /** The record a machine writes when it notices the need: only while alive, with no copy yet and not answered. Without it, `notice` does nothing. */
  noticed?: (machine: Machine, at: Date) => DeliveryRecord;
}

export interface Simulation {
  run(op: Op): void;
  /** Everyone alive back online, syncing, noticing and stepping with every request answered, until nothing changes. */
  settle(): void;
  /** The machines whose request the provider took. */
  readonly sentBy: readonly Machine[];
  readonly remote: Copy;
  /** A machine died mid-request or the provider refused for good: a failed record is then allowed. */
  readonly excuse: boolean;
}

/**
 * The simulation's property, over 800 random runs of up to 80 ops each: `eachOp` holds after every op (when given),
 * and `settled` once everyone has settled.
 */
export function everyRun(world: () => Simulation, op: fc.Arbitrary<Op>, check: { eachOp?: (w: Simulation) => void; settled: (w: Simulation) => void }): void {
  fc.assert(
    fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
      const w = world();
      for (const o of ops) {
        w.run(o);
        check.eachOp?.(w);
      }
      w.settle();
      check.settled(w);
    }),
    { numRuns: 800 },
  );
}

const join = (a: DeliveryRecord | undefined, b: DeliveryRecord | undefined) => (a && b ? joinDeliveries(a, b) : (a ?? b));

export function simulation(options: SimulationOptions = {}): Simulation {
  let now = Date.parse('2026-12-07T10:00:00Z');
  const local = new Map<Machine, Copy>(MACHINES.map((m) => [m, { record: options.initial?.[m]?.(new Date(now)), answered: false }]));
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
  /** One pass of the delivery loop on machine m: drop the record if answered (the reminder pass), else the protocol's step. */
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
      set(m, withSending(record, m, at));
      // The request goes out only after the sending mark reached the remote.
      if (!sync(m)) return set(m, record);
      // The sync may have brought the update: the loop looks again before the request.
      if (local.get(m)!.answered) return set(m, withObsolete(local.get(m)!.record!, 'answered'));
      if (outcome === 'dies-before-request' || outcome === 'dies-after-request') {
        // Delivered when the request went out, though the machine never learns it.
        if (outcome === 'dies-after-request') sentBy.push(m);
        excuse = true;
        dead.add(m);
        return;
      }
      if (outcome === 'ok') sentBy.push(m);
      if (outcome === 'permanent') excuse = true;
      const result = outcome === 'ok' ? { ok: true as const } : { ok: false as const, reason: '500 from the receiver', retryable: outcome === 'retryable' };
      set(m, withOutcome(local.get(m)!.record!, m, result, at));
    }
  };
  const notice = (m: Machine): void => {
    const copy = local.get(m)!;
    if (!options.noticed || dead.has(m) || copy.record || copy.answered) return;
    set(m, options.noticed(m, new Date(now)));
  };
  /** Machine m sees the update that answers the reminder (it posted it, or read it). */
  const answer = (m: Machine): void => {
    if (!dead.has(m)) local.set(m, { ...local.get(m)!, answered: true });
  };
  return {
    run(o: Op) {
      if (o.kind === 'notice') notice(o.machine);
      else if (o.kind === 'answer') answer(o.machine);
      else if (o.kind === 'sync') sync(o.machine);
      else if (o.kind === 'step') step(o.machine, o.outcome);
      else if (o.kind === 'tick') now += o.minutes * 60_000;
      else if (o.kind === 'offline') {
        if (o.offline) offline.add(o.machine);
        else offline.delete(o.machine);
      }
    },
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
