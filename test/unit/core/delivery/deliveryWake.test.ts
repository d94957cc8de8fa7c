/** When the editor's delivery loop looks again: a backoff's end, a stale claim; never for what is finished or its own to send now. */
import * as assert from 'node:assert/strict';
import { DELIVERY_TIMES, newDelivery, withClaim, withOutcome, withSending } from '../../../../src/core/delivery/deliveryRecords';
import { actionable, nextDeliveryWake } from '../../../../src/core/delivery/deliveryWake';

const T = new Date('2026-12-07T10:00:00.000Z');
const after = (ms: number) => new Date(T.getTime() + ms);
const fresh = (origin = 'alpha') => newDelivery({ message: 'u1', event: 'update', channel: 'ops', createdBy: 'Dana', origin }, T);

describe('nextDeliveryWake: when to look again', () => {
  it('its own fresh claim is actionable now, so there is nothing to wait for', () => {
    assert.equal(actionable(fresh(), 'alpha', T), true);
  });

  it("another machine's claim: wait until it is stale, then take over", () => {
    const record = fresh('beta');
    assert.equal(actionable(record, 'alpha', T), false);
    const wake = nextDeliveryWake([record], 'alpha', T);
    assert.equal(wake?.toISOString(), after(DELIVERY_TIMES.staleMs + 1).toISOString());
    assert.equal(actionable(record, 'alpha', wake as Date), true);
  });

  it('a failed attempt: wake when its backoff ends', () => {
    const sending = withSending(fresh(), 'alpha', T);
    const failed = withOutcome(sending, 'alpha', { ok: false, reason: '503', retryable: true }, T);
    assert.equal(failed.state, 'pending');
    const wake = nextDeliveryWake([failed], 'alpha', T);
    assert.equal(wake?.getTime(), Date.parse(failed.nextAttemptAt as string) + 1);
  });

  it('the earliest of several; none for sent or failed records', () => {
    const sent = withOutcome(withSending(fresh(), 'alpha', T), 'alpha', { ok: true }, T);
    const lost = withOutcome(withSending(fresh(), 'alpha', T), 'alpha', { ok: false, reason: '404', retryable: false }, T);
    assert.equal(nextDeliveryWake([sent, lost], 'alpha', T), undefined);
    const later = withClaim(fresh('beta'), 'beta', 0, after(60_000));
    const wake = nextDeliveryWake([later, fresh('gamma')], 'alpha', T);
    assert.equal(wake?.toISOString(), after(DELIVERY_TIMES.staleMs + 1).toISOString());
  });
});
