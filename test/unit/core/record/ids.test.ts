import * as assert from 'node:assert/strict';
import { INCIDENT_ID_PATTERN } from '../../../../src/core/record/schema';
import { newIncidentId, newRecordId } from '../../../../src/core/record/ids';

describe('incident ids', () => {
  it('look like INC- plus 8 Crockford base32 characters', () => {
    const id = newIncidentId(new Date('2026-11-23T10:00:00Z'));
    assert.match(id, INCIDENT_ID_PATTERN);
  });

  it('differ for two responders declaring in the same minute', () => {
    const at = new Date('2026-11-23T10:00:00Z');
    const ids = new Set(Array.from({ length: 2000 }, () => newIncidentId(at)));
    // 3 random base32 characters give 32,768 codes a minute; 2,000 draws would
    // collide now and then, so assert on the clock part staying fixed and the
    // random part varying widely rather than on zero collisions.
    assert.ok(ids.size > 1900, `only ${ids.size} distinct ids out of 2000`);
    for (const id of ids) assert.equal(id.slice(0, 9), [...ids][0].slice(0, 9));
  });

  it('sort by declaration minute', () => {
    const fixed = () => new Uint8Array([0, 0, 0]);
    const earlier = newIncidentId(new Date('2026-01-01T00:00:00Z'), fixed);
    const later = newIncidentId(new Date('2026-01-01T00:01:00Z'), fixed);
    assert.ok(earlier < later, `${earlier} should sort before ${later}`);
  });

  it('record ids are 12 lowercase characters', () => {
    assert.match(newRecordId(), /^[0-9a-hjkmnp-tv-z]{12}$/);
  });
});
