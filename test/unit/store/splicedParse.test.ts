import * as assert from 'node:assert/strict';
import { STORE_SCHEMA_VERSION, type StoreDocument } from '../../../src/core/record/schema';
import { addTimelineEvent } from '../../../src/core/lifecycle/timeline';
import { formatStore } from '../../../src/store/stableFormat';
import { parseStoreBytes, parseStoreText, StoreUnusableError } from '../../../src/store/storeFile';
import { generatedHistory } from '../core/merge/generatedHistory';
import { realisticStore } from '../core/realisticIncident';

const FILE = 'origin/incident-log:.incidents/incidents.json';
const at = new Date('2026-12-01T10:00:00Z');

/** A store as a sync finds it: read once (the copy pushed last), then changed by someone else and written out again. */
function knownAndChanged(): { known: StoreDocument; changed: string; changedIds: string[] } {
  const { incidents, deploys } = generatedHistory(60, 3);
  const [whole] = realisticStore().incidents;
  const base = formatStore({ version: STORE_SCHEMA_VERSION, incidents: [...incidents, { ...whole, id: 'INC-1A2B3C4D' }], deploys });
  const known = parseStoreText(FILE, base).document;
  const changedIds = [known.incidents[5].id, 'INC-1A2B3C4D'];
  const edited = known.incidents.map((incident) =>
    changedIds.includes(incident.id) ? addTimelineEvent(incident, { kind: 'note', text: `from Bo: "quoted"\nand ünïcode ✓` }, { at, author: 'Bo' }) : incident,
  );
  return { known, changed: formatStore({ ...known, incidents: edited }), changedIds };
}

/** The document as plain JSON values, to compare a splice with a whole parse. */
const plain = (document: StoreDocument) => JSON.parse(JSON.stringify(document)) as unknown;

describe('parseStoreBytes: a copy that differs in a few records', () => {
  it('reads what a whole parse reads, keeps the records it already held and parses only the changed ones', () => {
    const { known, changed, changedIds } = knownAndChanged();
    const spliced = parseStoreBytes(FILE, Buffer.from(changed), [known]);
    const whole = parseStoreText(FILE, changed);
    assert.deepEqual(plain(spliced.document), plain(whole.document));
    assert.deepEqual(spliced.problems, []);
    const held = new Set<object>(known.incidents);
    for (const incident of spliced.document.incidents) {
      assert.equal(held.has(incident), !changedIds.includes(incident.id), `${incident.id}: held when unchanged, new when changed`);
    }
    assert.ok(
      spliced.document.deploys.every((deploy) => known.deploys.includes(deploy)),
      'every deploy held',
    );
    assert.equal(formatStore(spliced.document), changed, 'writes back as the same text');
  });

  it('refuses a copy with a value nested thousands deep, saying where, as a whole parse does (never a stack overflow)', () => {
    const { known, changed } = knownAndChanged();
    const deep = changed.replace('"title": ', `"deep": ${'['.repeat(50_000)}${']'.repeat(50_000)},\n      "title": `);
    const line = deep.slice(0, deep.indexOf('"deep": ')).split('\n').length;
    const refusal = (error: unknown) =>
      error instanceof StoreUnusableError &&
      error.kind === 'malformed' &&
      error.details[0] === `arrays and objects are nested more than 256 deep at line ${line}, column ${6 + 8 + 254}`;
    assert.throws(() => parseStoreBytes(FILE, Buffer.from(deep), [known]), refusal);
    assert.throws(() => parseStoreText(FILE, deep), refusal);
  });

  it('reads a copy laid out otherwise, with a byte-order mark, or changed by hand exactly as a whole parse does', () => {
    const { known, changed } = knownAndChanged();
    const compact = JSON.stringify(JSON.parse(changed));
    const reindented = changed.replace(/\n {4}\{/, '\n     {');
    const spacedValue = changed.replace('"title": ', '"title":  ');
    const hostile = [compact, `\ufeff${changed}`, reindented, spacedValue, changed.replace(/\n$/, '')];
    for (const text of hostile) {
      const spliced = parseStoreBytes(FILE, Buffer.from(text), [known]);
      assert.deepEqual(plain(spliced.document), plain(parseStoreText(FILE, text).document), JSON.stringify(text.slice(0, 80)));
    }
  });

  it('takes the last of two "incidents" lists, as JSON.parse does, and reports a bad record as a whole parse does', () => {
    const { known, changed } = knownAndChanged();
    const twice = changed.replace(/\n}\n$/, ',\n  "incidents": []\n}\n');
    assert.equal(parseStoreBytes(FILE, Buffer.from(twice), [known]).document.incidents.length, 0);
    const bad = changed.replace(/"severity": "SEV\d"/, '"severity": "SEV9"');
    const spliced = parseStoreBytes(FILE, Buffer.from(bad), [known]);
    const whole = parseStoreText(FILE, bad);
    assert.equal(spliced.problems.length, 1);
    assert.deepEqual(spliced.problems, whole.problems);
    assert.deepEqual(plain(spliced.document), plain(whole.document));
  });

  it('refuses what a whole parse refuses: not JSON, a newer version', () => {
    const { known, changed } = knownAndChanged();
    assert.throws(() => parseStoreBytes(FILE, Buffer.from(changed.replace('"title"', '"title" "')), [known]), /not valid JSON/);
    assert.throws(() => parseStoreBytes(FILE, Buffer.from(changed.replace(/"version": \d+/, '"version": 99')), [known]), /newer/);
  });
});
