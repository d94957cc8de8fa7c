import * as assert from 'node:assert/strict';
import { alertIncidentId, earliestAlert, fnv1a64 } from '../../../../src/core/intake/alertIncidentId';
import { decideAlert } from '../../../../src/core/intake/intakeRules';
import { INCIDENT_ID_PATTERN } from '../../../../src/core/record/recordValues';
import { incidentIdSchema } from '../../../../src/core/record/schema';
import { aNotification, anAlert, aPlan } from './alertBuilders';

const first = anAlert({ fingerprint: 'a1', startsAt: '2026-11-23T10:00:00.000Z' });
const second = anAlert({ fingerprint: 'a2', startsAt: '2026-11-23T10:05:00.000Z', labels: { alertname: 'HighLatency' } });

describe("an alert-opened incident's id (src/core/intake/alertIncidentId.ts)", () => {
  it('is the same for the same notification on any machine, in any alert order, and pinned across versions', () => {
    const notification = aNotification([first, second]);
    const id = alertIncidentId(notification);
    assert.match(id, INCIDENT_ID_PATTERN);
    assert.equal(incidentIdSchema.safeParse(id).success, true);
    // Two receivers of different versions must agree: this value may never change.
    assert.equal(id, 'INC-XMRPVDVK');
    assert.equal(alertIncidentId(structuredClone(notification)), id);
    assert.equal(alertIncidentId(aNotification([second, first])), id, 'the earliest alert counts, not the first listed');
    assert.equal(decideAlert(notification, aPlan()).incident.id, id);
    const later = aNotification([first, { ...second, startsAt: '2026-11-23T11:00:00.000Z', state: 'resolved' }]);
    assert.equal(alertIncidentId(later), id, 'a later alert of the group, or its state, does not move the id');
  });

  it('hashes with 64-bit FNV-1a over UTF-8, as its published test vectors say', () => {
    const hex = (text: string) => fnv1a64(text).toString(16).padStart(16, '0');
    assert.deepEqual([hex(''), hex('a'), hex('foobar')], ['cbf29ce484222325', 'af63dc4c8601ec8c', '85944171f73967e8']);
    // Computed apart, over Buffer.from(text, 'utf8'): two- to four-byte characters and a lone surrogate (U+FFFD).
    assert.equal(hex('é€😀\ud800x'), '3c02a5824dc43cf1');
  });

  it('differs when the source, the group key or the start of the earliest alert differs', () => {
    const base = aNotification([first, second]);
    const id = alertIncidentId(base);
    const variants = [
      aNotification([first, second], { source: 'grafana' }),
      aNotification([first, second], { groupKey: '{}:{alertname="HighLatency"}' }),
      aNotification([{ ...first, startsAt: '2026-11-23T10:00:00.001Z' }, second]),
      aNotification([second]),
    ];
    const ids = variants.map(alertIncidentId);
    for (const other of ids) assert.notEqual(other, id);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('gives 20,000 distinct groups 20,000 distinct valid ids', () => {
    const ids = new Set<string>();
    for (let n = 0; n < 20_000; n++) {
      const id = alertIncidentId(aNotification([first], { groupKey: `{}:{alertname="A${n}"}` }));
      assert.match(id, INCIDENT_ID_PATTERN);
      ids.add(id);
    }
    assert.equal(ids.size, 20_000);
  });

  it('takes the earliest start as a time, whatever the precision or order, and keeps text order for equal times', () => {
    const nanos = anAlert({ fingerprint: 'n', startsAt: '2026-11-23T09:59:59.999999999Z' });
    assert.equal(earliestAlert([first, nanos])?.fingerprint, 'n');
    const zone = anAlert({ fingerprint: 'z', startsAt: '2026-11-23T11:00:00+02:00' });
    assert.equal(earliestAlert([first, zone])?.fingerprint, 'z', '09:00 UTC');
    const a = anAlert({ fingerprint: 'x', startsAt: '2026-11-23T10:00:00Z' });
    const b = anAlert({ fingerprint: 'y', startsAt: '2026-11-23T10:00:00.000Z' });
    assert.equal(earliestAlert([a, b])?.fingerprint, earliestAlert([b, a])?.fingerprint, 'the same choice in either order');
    assert.equal(earliestAlert([]), undefined);
  });
});
