import * as assert from 'node:assert/strict';
import { STORE_SCHEMA_VERSION, type StoreDocument } from '../../../src/core/record/schema';
import { addTimelineEvent } from '../../../src/core/lifecycle/timeline';
import { canonicalBytes, canonicalDocument, canonicalText, formatStore } from '../../../src/store/stableFormat';
import { parseStoreText } from '../../../src/store/storeFile';
import { generatedHistory } from '../core/merge/generatedHistory';
import { realisticStore } from '../core/realisticIncident';

/** What the store's text is defined as. */
const byStringify = (canonical: StoreDocument) => `${JSON.stringify(canonical, null, 2)}\n`;

function assertWrittenAsStringify(canonical: StoreDocument, what: string): void {
  const text = canonicalText(canonical);
  assert.equal(text, byStringify(canonical), what);
  assert.ok(canonicalBytes(canonical).equals(Buffer.from(text, 'utf8')), `${what}: the bytes are the text's UTF-8`);
}

describe('canonicalText and canonicalBytes: the store text assembled from each record', () => {
  it('is JSON.stringify with 2 spaces, byte for byte, for stores of every shape', () => {
    const { incidents, deploys } = generatedHistory(40, 7);
    const hostile = 'line one\nline two\r\n\t"quoted" \\ \u2028 \u{1F525} ünïcode';
    const [whole] = realisticStore().incidents;
    const shapes: Array<[string, StoreDocument]> = [
      ['empty', { version: STORE_SCHEMA_VERSION, incidents: [], deploys: [] }],
      ['realistic', realisticStore()],
      ['generated', { version: STORE_SCHEMA_VERSION, incidents, deploys }],
      ['only deploys', { version: STORE_SCHEMA_VERSION, incidents: [], deploys }],
      ['strings with line breaks and astral characters', { version: STORE_SCHEMA_VERSION, incidents: [{ ...whole, title: hostile, summary: hostile }], deploys: [] }],
      [
        'a policy, stamps and keys of a newer version',
        {
          ...realisticStore(),
          policy: { timeZone: 'Europe/Berlin', holidays: ['2026-12-25'] },
          changedAt: { policy: '2026-01-01T00:00:00.000Z' },
          futureField: { nested: ['a', { b: 1 }], empty: [], none: null },
        } as unknown as StoreDocument,
      ],
    ];
    for (const [what, document] of shapes) assertWrittenAsStringify(canonicalDocument(document), what);
  });

  it('writes a changed record anew and the others as before, after reading the store back (records remembered by identity)', () => {
    const text = formatStore(realisticStore());
    const { document } = parseStoreText('test', text);
    const read = canonicalDocument(document);
    assertWrittenAsStringify(read, 'as read');
    const changed = {
      ...read,
      incidents: read.incidents.map((incident, n) =>
        n === 0 ? addTimelineEvent(incident, { kind: 'note', text: 'a new "note"\nover two lines' }, { at: new Date('2026-12-01T00:00:00Z'), author: 'Ana' }) : incident,
      ),
    };
    const canonical = canonicalDocument(changed);
    assertWrittenAsStringify(canonical, 'after one change');
    assert.match(canonicalBytes(canonical).toString('utf8'), /a new \\"note\\"\\nover two lines/);
    assert.notEqual(canonicalBytes(canonical).toString('utf8'), canonicalBytes(read).toString('utf8'));
  });
});
