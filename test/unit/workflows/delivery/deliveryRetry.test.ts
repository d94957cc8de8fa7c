/** A person's Retry: only the failed deliveries chosen become pending again, on this machine's claim, in a new round. */
import * as assert from 'node:assert/strict';
import { declareIncident } from '../../../../src/core/lifecycle/declare';
import { newDelivery } from '../../../../src/core/delivery/deliveryRecords';
import type { Incident } from '../../../../src/core/record/schema';
import { retryFailedDeliveries } from '../../../../src/workflows/delivery/deliveryRetry';
import { IncidentStore } from '../../../../src/store/incidentStore';
import { tempRepo } from '../../store/tempRepo';
import { ctx } from '../../core/builders';

const T = new Date('2026-12-07T10:00:00.000Z');
const record = (message: string, state: 'failed' | 'sent' | 'pending') => ({
  ...newDelivery({ message, event: 'update' as const, channel: 'ops', createdBy: 'Dana', origin: 'beta' }, T),
  state,
  attempts: 5,
});

describe('retryFailedDeliveries', () => {
  it('retries the chosen failed delivery only, on this machine, and leaves sent and pending ones alone', async () => {
    const store = new IncidentStore(tempRepo());
    const incident = await store.declare(
      (id) => ({
        ...declareIncident({ title: 'Checkout down', category: 'regression', severity: 'SEV2' }, ctx(T), id),
        deliveries: [record('u1', 'failed'), record('u2', 'failed'), record('u3', 'sent'), record('u4', 'pending')],
      }),
      () => 'INC-RETRY001',
    );
    assert.equal(await retryFailedDeliveries(store, { incidentId: incident.id, deliveryId: 'u1|ops' }, 'alpha', T), 1);
    const after = () => (store.read() as { document: { incidents: Incident[] } }).document.incidents[0].deliveries ?? [];
    assert.deepEqual(
      after().map((d) => [d.id, d.state]),
      [
        ['u1|ops', 'pending'],
        ['u2|ops', 'failed'],
        ['u3|ops', 'sent'],
        ['u4|ops', 'pending'],
      ],
    );
    const retried = after()[0];
    assert.equal(retried.round, 1);
    assert.ok(Object.keys(retried.claims ?? {}).includes('1/alpha'), 'claimed by this machine in the new round');
    assert.equal(await retryFailedDeliveries(store, {}, 'alpha', T), 1, 'then every other failed one');
    assert.equal(await retryFailedDeliveries(store, {}, 'alpha', T), 0, 'and nothing is left to retry');
  });
});
