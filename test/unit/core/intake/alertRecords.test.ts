import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { joinAlertRecords, withNotification, newAlertRecord } from '../../../../src/core/intake/alertRecords';
import type { ReceivedAlert } from '../../../../src/core/intake/receivedAlert';
import type { AlertRecord } from '../../../../src/core/record/schema';

const minute = (n: number) => new Date(Date.UTC(2026, 11, 7, 4, n)).toISOString();
const record: fc.Arbitrary<AlertRecord> = fc
  .record({
    state: fc.constantFrom('firing' as const, 'resolved' as const),
    start: fc.integer({ min: 0, max: 5 }),
    length: fc.integer({ min: 0, max: 5 }),
    summary: fc.constantFrom('a', 'b'),
    notifications: fc.integer({ min: 1, max: 9 }),
    changes: fc.integer({ min: 0, max: 9 }),
  })
  .map(({ state, start, length, summary, notifications, changes }) => ({
    id: 'alertmanager:f1',
    source: 'alertmanager' as const,
    fingerprint: 'f1',
    groupKey: 'g',
    name: 'HighErrorRate',
    state,
    startsAt: minute(start),
    ...(state === 'resolved' ? { endsAt: minute(start + length) } : {}),
    labels: {},
    annotations: { summary },
    links: [],
    notifications,
    changes,
  }));

describe('alert records', () => {
  it('join as a semilattice: commutative, associative, idempotent (so every replica converges, in any order of syncs)', () => {
    fc.assert(
      fc.property(record, record, record, (a, b, c) => {
        assert.deepEqual(joinAlertRecords(a, b), joinAlertRecords(b, a));
        assert.deepEqual(joinAlertRecords(joinAlertRecords(a, b), c), joinAlertRecords(a, joinAlertRecords(b, c)));
        assert.deepEqual(joinAlertRecords(a, a), a);
      }),
      { numRuns: 2000 },
    );
  });

  it('keep the state reached later by the monitoring clock, and the larger counts', () => {
    const firing = { ...fc.sample(record, 1)[0], state: 'firing' as const, startsAt: minute(1), notifications: 5, changes: 0 };
    delete (firing as { endsAt?: string }).endsAt;
    const resolved = { ...firing, state: 'resolved' as const, endsAt: minute(3), notifications: 2, changes: 1 };
    assert.deepEqual(joinAlertRecords(firing, resolved), { ...resolved, notifications: 5, changes: 1 });
    const refired = { ...firing, startsAt: minute(4), notifications: 1, changes: 2 };
    assert.equal(joinAlertRecords(resolved, refired).state, 'firing');
  });

  it('count a late retry of an older state without going back to it', () => {
    const alert = (state: 'firing' | 'resolved', startsAt: string, endsAt?: string): ReceivedAlert => ({
      source: 'alertmanager',
      fingerprint: 'f1',
      state,
      startsAt,
      ...(endsAt ? { endsAt } : {}),
      labels: { alertname: 'HighErrorRate' },
      annotations: {},
      links: [],
      fields: {},
    });
    const resolved = withNotification(newAlertRecord(alert('firing', minute(1)), 'g'), alert('resolved', minute(1), minute(3)));
    assert.deepEqual([resolved.changed, resolved.record.state], [true, 'resolved']);
    const late = withNotification(resolved.record, alert('firing', minute(1)));
    assert.deepEqual([late.changed, late.record.state, late.record.notifications], [false, 'resolved', 3]);
  });
});
