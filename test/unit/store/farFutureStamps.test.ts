/**
 * A change stamp from a clock set far ahead (9999-12-31, synced in from a
 * teammate) must not freeze its field: read, it is dropped with a warning,
 * and the field changes again, also after a join with a copy that still
 * holds the stamp.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { changeSeverity } from '../../../src/core/lifecycle/changes';
import { declareIncident } from '../../../src/core/lifecycle/declare';
import { stampChanges, stampHorizon, stampsOf, withoutFarFutureStamps } from '../../../src/core/merge/fieldStamps';
import { joinStores } from '../../../src/core/merge/merge';
import type { Incident, StoreDocument } from '../../../src/core/record/schema';
import { IncidentStore } from '../../../src/store/incidentStore';
import { parseStoreText } from '../../../src/store/storeFile';
import { incident } from '../cli/runCli';
import { tempRepo } from './tempRepo';

const FAR = '9999-12-31T23:59:59.999Z';
const ID = 'INC-1A2B3C4D';
const ctx = (at: string, author = 'Ana') => ({ at: new Date(at), author });

/** A store whose incident has its severity and title stamped by a clock set to the year 9999, and a severity event dated so. */
function storeWithFarStamps(repo: string): IncidentStore {
  const store = new IncidentStore(repo);
  const declared = declareIncident({ title: 'Queue stuck', category: 'regression', severity: 'SEV2' }, ctx('2026-12-01T10:00:00.000Z'), ID);
  const event = { id: 'ev-far', at: FAR, author: 'Wrong clock', kind: 'severity' as const, text: 'SEV2 → SEV3', data: { from: 'SEV2', to: 'SEV3' } };
  const record: Incident = { ...declared, severity: 'SEV3', changedAt: { severity: FAR, title: FAR }, timeline: [...declared.timeline, event] };
  writeFileSync(store.file, `${JSON.stringify({ version: 2, incidents: [record], deploys: [], changedAt: { policy: FAR } }, null, 2)}\n`);
  return store;
}

describe('change stamps dated far in the future (a clock set wrong)', () => {
  it('are dropped when the store is read, each said once as a warning, the rest of the record kept', () => {
    const repo = tempRepo();
    mkdirSync(join(repo, '.incidents'), { recursive: true });
    const store = storeWithFarStamps(repo);
    const { document, warnings } = parseStoreText(store.file, readFileSync(store.file, 'utf8'));
    assert.equal(document.incidents[0].changedAt, undefined);
    assert.equal((document as { changedAt?: unknown }).changedAt, undefined);
    assert.equal(document.incidents[0].severity, 'SEV3');
    assert.deepEqual(warnings, [
      `incident ${ID}: ignored change stamps of severity, title dated more than a day ahead (a clock set wrong); the next change to them is stamped anew`,
      'the store: ignored change stamps of policy dated more than a day ahead (a clock set wrong); the next change to them is stamped anew',
    ]);
    assert.equal(stampsOf(document.incidents[0]).severity, undefined, 'the event dated 9999 is no stamp either');
  });

  it('keep a stamp a few hours ahead (a clock that drifted), which the next change goes past', () => {
    const soon = new Date(Date.now() + 3 * 60 * 60 * 1000).toISOString();
    const record = { changedAt: { severity: soon, title: FAR } };
    assert.deepEqual(withoutFarFutureStamps(record, stampHorizon()), { record: { changedAt: { severity: soon } }, dropped: ['title'] });
    const same = { changedAt: { severity: soon } };
    assert.equal(withoutFarFutureStamps(same, stampHorizon()).record, same);
  });

  it('the command line changes the field again (exit 0), warns, and a join with a copy still holding the stamp keeps the new value', async () => {
    const repo = tempRepo();
    mkdirSync(join(repo, '.incidents'), { recursive: true });
    const store = storeWithFarStamps(repo);
    const stale = JSON.parse(readFileSync(store.file, 'utf8')) as StoreDocument;
    const changed = await incident(repo, 'severity', ID, 'SEV1');
    assert.equal(changed.code, 0, changed.stderr);
    assert.match(changed.stderr, /^incident: warning: incident INC-1A2B3C4D: ignored change stamps of severity, title dated more than a day ahead/m);
    const after = store.read();
    assert.equal(after.kind, 'loaded');
    assert.equal(after.incident(ID)?.severity, 'SEV1');
    assert.ok((after.incident(ID)?.changedAt?.severity ?? '') < stampHorizon(), 'stamped now, not after the year 9999');
    const written = JSON.parse(readFileSync(store.file, 'utf8')) as { changedAt?: object; incidents: Incident[] };
    assert.deepEqual(
      Object.values({ ...written.changedAt, ...written.incidents[0].changedAt }).filter((at) => at === FAR),
      [],
      'no stamp of 9999 is written back',
    );
    // The teammate's copy with the stamp, read as every copy is read, joined in: the new severity stays.
    const theirs = parseStoreText('theirs', `${JSON.stringify(stale)}\n`).document;
    const mine = after.kind === 'loaded' ? after.document : stale;
    assert.equal(joinStores(mine, theirs).incidents[0].severity, 'SEV1');
    assert.equal(joinStores(theirs, mine).incidents[0].severity, 'SEV1');
    // And again: the field never freezes.
    const again = await incident(repo, 'severity', ID, 'SEV2');
    assert.equal(again.code, 0, again.stderr);
    assert.equal(store.read().incident(ID)?.severity, 'SEV2');
  });

  it('a change to a record whose severity event is dated 9999 is stamped at its own time, never after the year 9999', () => {
    const declared = declareIncident({ title: 'Queue stuck', category: 'regression', severity: 'SEV2' }, ctx('2026-12-01T10:00:00.000Z'), ID);
    const event = { id: 'ev-far', at: FAR, author: 'Wrong clock', kind: 'severity' as const, text: 'SEV2 → SEV3', data: { from: 'SEV2', to: 'SEV3' } };
    const record: Incident = { ...declared, timeline: [...declared.timeline, event] };
    const at = '2026-12-07T10:00:00.000Z';
    const next = stampChanges(record, changeSeverity(record, 'SEV1', ctx(at)), at);
    assert.equal(next.changedAt?.severity, at);
  });
});
