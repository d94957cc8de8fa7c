/**
 * Deliveries: one record per message and channel (a status update to
 * #stakeholders, the declaration by email), kept on the incident and joined
 * by team sync like everything else, so that every message reaches every
 * channel once, whichever machines are online.
 *
 * The protocol (each step a write to the store; "sync" is team sync when it
 * is on, nothing when this clone is the only writer):
 * 1. The machine that writes a message writes its deliveries with its own
 *    claim: nobody else can hold the record without holding the claim.
 * 2. A machine sends only while its claim is the only one of the round and
 *    fresh (younger than half of `staleMs`): it writes `sending`, syncs, and
 *    only if that sync succeeded makes the request; then writes `sent`, or
 *    `pending` with a later try, or `failed`.
 * 3. Another machine waits while any claim is fresh. A stale round is taken
 *    over with a new round's claim, synced before anything else: two machines
 *    that claim at once see each other's claim after their syncs (claims are
 *    a union) and neither sends; then the smallest claimant goes on alone.
 * 4. A `sending` mark nobody finished (a crash, a closed laptop) may have
 *    gone out: once stale it ends `failed` for a person to retry, never
 *    resent by itself. Until then it is waited for, by its own machine too:
 *    two processes of one machine (VS Code and the command line) share its id.
 * `sent` absorbs everything: a delivery marked sent is never sent again. So a
 * message is delivered at most once, and exactly once unless a machine dies
 * between its request and the next write (then a person is asked), or a
 * provider took a request it answered with an error or never answered.
 *
 * A message several machines may write on their own (a reminder that an
 * update is overdue, noticed by each) is written without a claim
 * (newUnclaimedDelivery): every machine, its writer too, claims and syncs
 * before sending, as in step 3. A message that is no longer to be sent (a
 * reminder once the update has come) is marked `obsolete`, which ends it
 * unless a copy is further on (a `sending` mark made before the obsolete
 * one was seen: that request finishes and is recorded).
 *
 * The protocol reads only the fields of `SentOnce`, so other requests that
 * must be made once across the team (an action item's issue in the team's
 * tracker, src/core/retrospective/followups.ts) keep the same fields and use
 * the same steps.
 */
import type { DeliveryRecord } from '../record/schema';

/** What the protocol reads and writes of a record: its state, rounds, claims and attempts. */
export type SentOnce = Pick<
  DeliveryRecord,
  'createdAt' | 'state' | 'round' | 'attempts' | 'claims' | 'sendingBy' | 'sendingAt' | 'sentAt' | 'sentBy' | 'response' | 'lastError' | 'uncertain' | 'budget' | 'nextAttemptAt'
>;

export const DELIVERY_TIMES = {
  /** A round's claims (or a `sending` mark) older than this are stale; a claim is fresh for half of it. */
  staleMs: 5 * 60_000,
  /** Attempts per round before the delivery is marked failed. */
  attempts: 5,
  /** The wait after a first failed attempt, doubled after each further one (at most an hour). */
  backoffMs: 30_000,
};

/**
 * Within one attempt: the mark before the request, then what came of it;
 * another machine's guess that a stale mark may have gone out ranks below
 * what the sending machine itself recorded.
 */
const STATE_RANK: Record<DeliveryRecord['state'], number> = { sending: 0, pending: 2, failed: 3, obsolete: 4, sent: 5 };
const rank = (record: SentOnce) => (record.state === 'failed' && record.uncertain ? 1 : STATE_RANK[record.state]);

const later = (a: string | undefined, b: string | undefined) => (a === undefined ? b : b === undefined ? a : a > b ? a : b);
/** The record but its claims, as text: the last tie-break, independent of the claims joined in. */
const body = ({ claims: _claims, ...rest }: SentOnce) => JSON.stringify(rest);

/**
 * Two copies of one delivery joined. Sent absorbs (the earliest sending,
 * then the smaller text). Otherwise the copy furthest on: more attempts, then
 * the later round, then the later state within the attempt (obsolete after
 * failed: a mark made on what the machine saw), then the greater text; with the union of every round's claims, each the later. Each part
 * is a maximum in a total order, so the join is commutative, associative and
 * idempotent.
 */
export function joinDeliveries<R extends SentOnce>(a: R, b: R): R {
  if (a.state === 'sent' || b.state === 'sent') {
    if (a.state !== 'sent') return b;
    if (b.state !== 'sent') return a;
    if ((a.sentAt ?? '') !== (b.sentAt ?? '')) return (a.sentAt ?? '') < (b.sentAt ?? '') ? a : b;
    return body(a) <= body(b) ? a : b;
  }
  const order = (record: R) => [record.attempts, record.round, rank(record)];
  const [x, y] = [order(a), order(b)];
  const differs = x.findIndex((value, i) => value !== y[i]);
  const ahead = differs >= 0 ? (x[differs] > y[differs] ? a : b) : body(a) >= body(b) ? a : b;
  const keys = [...new Set([...Object.keys(a.claims ?? {}), ...Object.keys(b.claims ?? {})])].sort();
  const { claims: _claims, ...rest } = ahead;
  return (keys.length ? { ...rest, claims: Object.fromEntries(keys.map((key) => [key, later(a.claims?.[key], b.claims?.[key]) as string])) } : rest) as R;
}

/** What this machine should do about a delivery now, after its latest sync (another process of this machine may have a request in flight: its mark is waited for). */
export type DeliveryStep =
  /** Write `sending`, sync, and on success make the request. */
  | { do: 'send' }
  /** Write this claim (for `round`) and sync before asking again. */
  | { do: 'claim'; round: number }
  /** A `sending` mark nobody finished: it may have gone out; mark it failed for a person. */
  | { do: 'give-up-uncertain' }
  | { do: 'wait' }
  | { do: 'nothing' };

export function nextDeliveryStep(record: SentOnce, machine: string, now: Date, times = DELIVERY_TIMES): DeliveryStep {
  if (record.state === 'sent' || record.state === 'failed' || record.state === 'obsolete') return { do: 'nothing' };
  const at = now.getTime();
  const age = (iso: string | undefined) => at - Date.parse(iso ?? record.createdAt);
  // Its own machine's mark too waits until it is stale: another process of this machine (VS Code beside the command line) may have its request in flight.
  if (record.state === 'sending') return age(record.sendingAt) >= times.staleMs ? { do: 'give-up-uncertain' } : { do: 'wait' };
  if (record.nextAttemptAt && at < Date.parse(record.nextAttemptAt)) return { do: 'wait' };
  const claims = roundClaims(record);
  const claimants = Object.keys(claims).sort();
  // Its own claim grown old is renewed in a new round, never in the same one: a machine that took the old round
  // over meanwhile claimed that new round too, so the two see each other after their syncs (a renewal in the old
  // round would not count against the takeover, and both would send).
  if (claimants.length === 1 && claimants[0] === machine) return age(claims[machine]) < times.staleMs / 2 ? { do: 'send' } : { do: 'claim', round: record.round + 1 };
  if (!claimants.length) return { do: 'claim', round: record.round };
  if (Math.min(...claimants.map((claimant) => age(claims[claimant]))) < times.staleMs) return { do: 'wait' };
  // A stale round: the smallest of its claimants goes on alone; a machine that did not claim it may try too.
  return claimants[0] === machine || !claimants.includes(machine) ? { do: 'claim', round: record.round + 1 } : { do: 'wait' };
}

/** A claim's key: the round, then the machine (`2/alpha`): claims of every round are kept, so copies join by union. */
const claimKey = (round: number, machine: string) => `${round}/${machine}`;

/** The claims of the record's round, by machine. */
export function roundClaims(record: SentOnce): Record<string, string> {
  const prefix = `${record.round}/`;
  return Object.fromEntries(
    Object.entries(record.claims ?? {})
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, at]) => [key.slice(prefix.length), at]),
  );
}

/** A message's delivery to one channel, as the machine that wrote the message writes it: pending, on its own claim. */
export function newDelivery(input: Pick<DeliveryRecord, 'message' | 'event' | 'channel' | 'createdBy' | 'origin'>, now: Date): DeliveryRecord {
  const at = now.toISOString();
  return { id: `${input.message}|${input.channel}`, ...input, createdAt: at, state: 'pending', round: 0, attempts: 0, claims: { [claimKey(0, input.origin)]: at } };
}

/**
 * A message more than one machine may write on its own, under the same id
 * (a reminder each notices): pending with no claim, so even its writer
 * claims and syncs before sending, and two writers that claim at once see
 * each other and neither sends until one goes on alone.
 */
export function newUnclaimedDelivery(input: Pick<DeliveryRecord, 'message' | 'event' | 'channel' | 'createdBy' | 'origin'>, now: Date): DeliveryRecord {
  const { claims: _claims, ...record } = newDelivery(input, now);
  return record;
}

/** A delivery no longer to be sent (`why`: one line), unless a copy further on says otherwise (see joinDeliveries). */
export function withObsolete(record: DeliveryRecord, why: string): DeliveryRecord {
  const { nextAttemptAt: _next, sendingBy: _by, sendingAt: _at, uncertain: _uncertain, ...rest } = record;
  return { ...rest, state: 'obsolete', lastError: why };
}

/** A `sending` mark nobody finished, failed for a person to decide. */
export const withUncertain = <R extends SentOnce>(record: R): R => ({
  ...record,
  state: 'failed',
  uncertain: true,
  lastError: 'the request may have gone out: a machine started it and never recorded how it ended; retry to send again',
});

/** The record with this machine's claim for `round`, which becomes the record's round. */
export function withClaim<R extends SentOnce>(record: R, machine: string, round: number, now: Date): R {
  const claims = { ...record.claims, [claimKey(round, machine)]: now.toISOString() };
  return { ...record, round, claims: Object.fromEntries(Object.entries(claims).sort(([x], [y]) => (x < y ? -1 : 1))) };
}

/** Marked before the request goes out, so a crash in between is never taken for "not sent". */
export const withSending = <R extends SentOnce>(record: R, machine: string, now: Date): R => ({
  ...record,
  state: 'sending',
  sendingBy: machine,
  sendingAt: now.toISOString(),
  attempts: record.attempts + 1,
});

export type DeliveryOutcome = { ok: true; response?: string } | { ok: false; reason: string; retryable: boolean };

/** The record after an attempt: sent; or pending again with a later try (backoff) while attempts remain and the failure may pass; else failed. */
export function withOutcome<R extends SentOnce>(record: R, machine: string, outcome: DeliveryOutcome, now: Date, times = DELIVERY_TIMES): R {
  const { sendingBy: _by, sendingAt: _at, nextAttemptAt: _next, lastError: _error, ...rest } = record;
  if (outcome.ok) return { ...rest, state: 'sent', sentAt: now.toISOString(), sentBy: machine, ...(outcome.response ? { response: outcome.response } : {}) } as unknown as R;
  const retry = outcome.retryable && record.attempts < (record.budget ?? times.attempts);
  const backoff = Math.min(60 * 60_000, times.backoffMs * 2 ** Math.max(0, record.attempts - 1));
  return {
    ...rest,
    state: retry ? 'pending' : 'failed',
    lastError: outcome.reason,
    ...(retry ? { nextAttemptAt: new Date(now.getTime() + backoff).toISOString() } : {}),
  } as unknown as R;
}

/** A person's retry of a failed (or uncertain) delivery: a new round with attempts of its own, pending at once, on this machine's claim. */
export function retried<R extends SentOnce>(record: R, machine: string, now: Date, times = DELIVERY_TIMES): R {
  const { nextAttemptAt: _next, sendingBy: _by, sendingAt: _at, uncertain: _uncertain, ...rest } = record;
  return withClaim({ ...rest, state: 'pending', budget: record.attempts + times.attempts } as unknown as R, machine, record.round + 1, now);
}
