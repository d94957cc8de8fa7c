import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { STORE_SCHEMA_VERSION } from '../../../src/core/record/schema';
import { addTimelineEvent } from '../../../src/core/lifecycle/timeline';
import { IncidentStore, UnknownIncidentError } from '../../../src/store/incidentStore';
import { StoreUnusableError } from '../../../src/store/storeFile';
import { formatStore } from '../../../src/store/stableFormat';
import { anIncident, ctx, minutesAfter } from '../core/builders';
import { tempRepo } from './tempRepo';

describe('IncidentStore', () => {
  it('creates the store on the first incident and reads it back', async () => {
    const store = new IncidentStore(tempRepo());
    assert.equal(store.read().kind, 'missing');
    await store.add(anIncident());
    const read = store.read();
    assert.equal(read.kind, 'loaded');
    assert.equal(read.kind === 'loaded' && read.document.incidents[0].id, 'INC-1A2B3C4D');
  });

  it('declares under a fresh id when the id drawn is already taken, so two declares in one minute never clash', async () => {
    const store = new IncidentStore(tempRepo());
    await store.add(anIncident());
    const drawn = ['INC-1A2B3C4D', 'INC-1A2B3C4D', 'INC-1A2B3C4E'];
    const made = await store.declare(
      (id) => ({ ...anIncident({ title: 'Second' }), id }),
      () => drawn.shift()!,
    );
    assert.equal(made.id, 'INC-1A2B3C4E');
    const read = store.read();
    assert.ok(read.kind === 'loaded');
    assert.deepEqual(
      read.document.incidents.map((i) => [i.id, i.title]),
      [
        ['INC-1A2B3C4D', 'Checkout returns 500'],
        ['INC-1A2B3C4E', 'Second'],
      ],
    );
  });

  it('writes stable formatting: 2 spaces, sorted, trailing newline, and an unchanged save changes no byte', async () => {
    const store = new IncidentStore(tempRepo());
    await store.add(anIncident({}, minutesAfter(0)));
    await store.update('INC-1A2B3C4D', (i) => addTimelineEvent(i, { kind: 'note', text: 'later' }, ctx(minutesAfter(9))));
    await store.update('INC-1A2B3C4D', (i) => addTimelineEvent(i, { kind: 'note', text: 'earlier' }, ctx(minutesAfter(3))));
    const text = readFileSync(store.file, 'utf8');
    assert.ok(text.endsWith('}\n'));
    assert.match(text, new RegExp(`^\\{\\n  "version": ${STORE_SCHEMA_VERSION},\\n  "incidents": \\[`));
    const read = store.read();
    assert.ok(read.kind === 'loaded');
    assert.deepEqual(
      read.document.incidents[0].timeline.map((e) => e.text.slice(0, 7)),
      ['Declare', 'earlier', 'later'],
    );
    assert.equal(formatStore(read.document), text);
    await store.mutateDocument((document) => document);
    assert.equal(readFileSync(store.file, 'utf8'), text);
  });

  it('re-reads under the lock, so a change made on disk meanwhile is kept', async () => {
    const root = tempRepo();
    const mine = new IncidentStore(root);
    await mine.add(anIncident());
    const other = new IncidentStore(root); // another window or the CLI
    await other.update('INC-1A2B3C4D', (i) => addTimelineEvent(i, { kind: 'note', text: 'from the other window' }, ctx()));
    await mine.update('INC-1A2B3C4D', (i) => addTimelineEvent(i, { kind: 'note', text: 'from this window' }, ctx()));
    const read = mine.read();
    assert.ok(read.kind === 'loaded');
    assert.deepEqual(
      read.document.incidents[0].timeline
        .filter((e) => e.kind === 'note')
        .map((e) => e.text)
        .sort(),
      ['from the other window', 'from this window'],
    );
  });

  it('loses nothing when many writers in this process race', async () => {
    const store = new IncidentStore(tempRepo());
    await store.add(anIncident());
    await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        new IncidentStore(store.root).update('INC-1A2B3C4D', (i) => addTimelineEvent(i, { kind: 'note', text: `note ${n}` }, { at: new Date(), author: 'x' })),
      ),
    );
    const read = store.read();
    assert.ok(read.kind === 'loaded');
    assert.equal(read.document.incidents[0].timeline.filter((e) => e.kind === 'note').length, 20);
  });

  it('throws UnknownIncidentError for an id it does not hold', async () => {
    const store = new IncidentStore(tempRepo());
    await store.add(anIncident());
    await assert.rejects(
      store.update('INC-ZZZZZZZZ', (i) => i),
      UnknownIncidentError,
    );
  });

  const badFiles: Array<[string, string, RegExp]> = [
    ['malformed JSON', '{\n  "version": 1,\n  "incidents": [\n}', /not valid JSON at line 4/],
    ['conflict markers', '{\n<<<<<<< HEAD\n  "version": 1\n=======\n  "version": 1\n>>>>>>> other\n}\n', /conflict marker "<<<<<<<" at line 2/],
    ['a newer version', '{ "version": 99, "incidents": [] }\n', /schema version 99 is newer/],
  ];
  for (const [what, text, message] of badFiles) {
    it(`never rewrites a store with ${what}, and says where and what to do`, async () => {
      const root = tempRepo();
      mkdirSync(join(root, '.incidents'));
      writeFileSync(join(root, '.incidents', 'incidents.json'), text);
      const store = new IncidentStore(root);
      const read = store.read();
      assert.equal(read.kind, 'unusable');
      assert.match(read.kind === 'unusable' ? read.error.message : '', message);
      await assert.rejects(store.add(anIncident()), StoreUnusableError);
      assert.equal(readFileSync(store.file, 'utf8'), text);
    });
  }

  it('loads the valid records, reports the invalid one by id, and stays read-only', async () => {
    const root = tempRepo();
    const good = anIncident();
    const bad = { ...anIncident(), id: 'INC-2B3C4D5E', severity: 'SEV9' };
    const text = JSON.stringify({ version: 1, incidents: [good, bad], deploys: [] }, null, 2);
    mkdirSync(join(root, '.incidents'));
    writeFileSync(join(root, '.incidents', 'incidents.json'), text);
    const store = new IncidentStore(root);
    const read = store.read();
    assert.ok(read.kind === 'loaded');
    assert.deepEqual(
      read.document.incidents.map((i) => i.id),
      ['INC-1A2B3C4D'],
    );
    assert.match(read.problems[0], /^incident INC-2B3C4D5E: severity:/);
    await assert.rejects(
      store.update('INC-1A2B3C4D', (i) => i),
      /read-only/,
    );
    assert.equal(readFileSync(store.file, 'utf8'), text);
  });
});
