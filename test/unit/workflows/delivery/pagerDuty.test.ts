/**
 * A channel of kind `pagerduty` hands the incident to a paging service:
 * PagerDuty's Events API v2, checked by a receiver on 127.0.0.1 against the
 * documented shape. One alert per incident (the dedup key), opened by the
 * declaration and resolved with the incident; the routing key is the secret
 * and shows nowhere.
 */
import * as assert from 'node:assert/strict';
import { composeMessage, composeTestMessage } from '../../../../src/core/delivery/deliveryMessage';
import { deliveryBody, type ChatDelivery } from '../../../../src/core/delivery/deliveryBody';
import { planSchema } from '../../../../src/core/plan/plan';
import type { Channel } from '../../../../src/core/plan/plan';
import { sendToChannel } from '../../../../src/workflows/delivery/sendToChannel';
import { startPagerDutyReceiver, type PagerDutyReceiver } from '../../../harness/pagerDutyReceiver';
import { anIncident, minutesAfter } from '../../core/builders';
import { deliveryPlan } from '../../core/delivery/deliveryStores';

describe('a PagerDuty channel (Events API v2) against a receiver on 127.0.0.1', function () {
  this.timeout(60_000);
  let receiver: PagerDutyReceiver;
  before(async () => {
    receiver = await startPagerDutyReceiver();
  });
  after(() => receiver.stop());

  const delivery = (): ChatDelivery => ({ kind: 'pagerduty', url: receiver.url });
  const channel = (): Channel => ({ name: 'ops-pager', audience: 'responders', reach: 'PagerDuty: payments', delivery: delivery() });
  const incident = anIncident({ severity: 'SEV1', title: 'Checkout returns 500 for EU customers' });
  const message = (event: 'declared' | 'resolved' | 'closed') => composeMessage({ incident, event, channel: channel(), plan: deliveryPlan(), now: minutesAfter(3) });
  const send = (event: 'declared' | 'resolved' | 'closed', secret = receiver.routingKey) =>
    sendToChannel(channel(), deliveryBody(delivery(), message(event), { deliveryId: `d-${event}` }), secret, { timeoutMs: 10_000 });

  it('opens one alert for the incident with the declaration and resolves it with the incident, each event as documented', async () => {
    const opened = await send('declared');
    assert.deepEqual(opened, { ok: true, status: 202, messageId: `incident-responder/${incident.id}` });
    const resolved = await send('resolved');
    assert.equal(resolved.ok, true);
    assert.deepEqual(receiver.rejected, []);
    const [trigger, resolve] = receiver.accepted.slice(-2);
    assert.deepEqual(
      [trigger.event_action, trigger.dedup_key, trigger.payload?.severity, trigger.payload?.source],
      ['trigger', `incident-responder/${incident.id}`, 'critical', 'incident-responder'],
    );
    assert.match(trigger.payload?.summary ?? '', /Checkout returns 500 for EU customers/);
    assert.deepEqual(resolve, { routing_key: receiver.routingKey, event_action: 'resolve', dedup_key: `incident-responder/${incident.id}` });
  });

  it('clips a summary to the 1024 characters PagerDuty takes, and maps SEV4 to info', async () => {
    const long = anIncident({ severity: 'SEV4', title: 'x'.repeat(480) });
    const body = deliveryBody(delivery(), composeMessage({ incident: long, event: 'declared', channel: channel(), plan: deliveryPlan(), now: minutesAfter(1) }));
    assert.ok('payload' in body && body.payload && body.payload.summary.length <= 1024 && body.payload.severity === 'info');
    const test = deliveryBody(delivery(), composeTestMessage(channel(), minutesAfter(1)));
    assert.ok('dedup_key' in test && test.dedup_key === 'incident-responder/test/ops-pager', "a test message opens its own alert, not an incident's");
  });

  it('refuses a routing key that cannot be one without sending, and retries a 429 but not a 400, naming no key', async () => {
    const before = receiver.accepted.length + receiver.rejected.length;
    const bad = await send('declared', 'https://events.pagerduty.com/not-a-key');
    assert.equal(bad.ok, false);
    assert.equal(receiver.accepted.length + receiver.rejected.length, before, 'nothing was sent');
    receiver.fail(429);
    const throttled = await send('declared');
    assert.deepEqual(throttled.ok ? undefined : [throttled.status, throttled.retryable], [429, true]);
    receiver.fail(400);
    const invalid = await send('declared');
    assert.deepEqual(invalid.ok ? undefined : [invalid.status, invalid.retryable], [400, false]);
    for (const result of [bad, throttled, invalid]) assert.ok(!JSON.stringify(result).includes(receiver.routingKey));
  });

  it('is a kind the plan takes, with an address that holds no credential', () => {
    const plan = (url?: string) =>
      planSchema.safeParse({ version: 1, channels: [{ name: 'ops-pager', audience: 'responders', reach: 'PagerDuty', delivery: { kind: 'pagerduty', ...(url ? { url } : {}) } }] });
    assert.equal(plan().success, true);
    assert.equal(plan('https://events.eu.pagerduty.com/v2/enqueue').success, true);
    assert.equal(plan('https://events.pagerduty.com/v2/enqueue?routing_key=0123456789abcdef0123456789abcdef').success, false);
  });
});
