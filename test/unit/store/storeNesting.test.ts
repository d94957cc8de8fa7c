/**
 * The store's depth check happens on the parsed value, where each part is
 * walked, instead of on every character of the text. Whatever part of the
 * file a deep value sits in, the read must refuse exactly the texts the
 * whole-text scan refuses, at the same place, and never overflow the stack.
 */
import * as assert from 'node:assert/strict';
import { MAX_JSON_DEPTH, tooDeepOffset } from '../../../src/core/text/jsonNesting';
import { STORE_SCHEMA_VERSION } from '../../../src/core/record/schema';
import { addTimelineEvent } from '../../../src/core/lifecycle/timeline';
import { recordDeploy } from '../../../src/core/lifecycle/deploys';
import { formatStore } from '../../../src/store/stableFormat';
import { parseStoreText, StoreUnusableError } from '../../../src/store/storeFile';
import { anIncident, ctx } from '../core/builders';

const FILE = '.incidents/incidents.json';
const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

function storeText(): string {
  const incident = addTimelineEvent(anIncident(), { kind: 'evidence', text: 'seen', data: { file: 'src/a.ts' } }, ctx());
  const document = recordDeploy(
    { version: STORE_SCHEMA_VERSION, incidents: [incident], deploys: [] },
    { environment: 'prod', ref: 'v1', sha: 'a'.repeat(40), status: 'succeeded', incidentIds: [] },
    ctx(),
  ).document;
  return formatStore(document);
}

/** Each place a value may sit, as a text edit that puts `value` there. */
const PLACES: Record<string, (text: string, value: string) => string> = {
  'an unknown top-level key': (text, value) => text.replace('{\n', `{\n  "fromLater": ${value},\n`),
  'the incidents key, not a list': (text, value) => text.replace(/"incidents": \[[\s\S]*?\n {2}\],?\n/, `"incidents": {"x": ${value}},\n`),
  'an unknown field of an incident': (text, value) => text.replace('"title": ', `"fromLater": ${value},\n      "title": `),
  "a timeline event's data (read as any value on the fast path)": (text, value) => text.replace('"data": {', `"data": {"deep": ${value}, `),
  'an unknown field of a deploy': (text, value) => text.replace('"environment": ', `"fromLater": ${value},\n      "environment": `),
};

describe('the depth of a store read from a file', () => {
  for (const [place, put] of Object.entries(PLACES)) {
    it(`refuses exactly what the whole-text scan refuses, saying where, for ${place}`, () => {
      const base = storeText();
      assert.notEqual(put(base, '0'), base, 'the edit finds its place');
      for (const levels of [1, MAX_JSON_DEPTH - 8, MAX_JSON_DEPTH - 4, MAX_JSON_DEPTH - 3, MAX_JSON_DEPTH - 2, MAX_JSON_DEPTH - 1, MAX_JSON_DEPTH, 50_000]) {
        const text = put(base, nested(levels));
        const offset = tooDeepOffset(text);
        if (offset === undefined) {
          assert.doesNotThrow(() => parseStoreText(FILE, text), `${levels} levels are within the limit there`);
          continue;
        }
        assert.throws(
          () => parseStoreText(FILE, text),
          (error: unknown) =>
            error instanceof StoreUnusableError &&
            error.kind === 'malformed' &&
            /^arrays and objects are nested more than 256 deep at line \d+, column \d+$/.test(error.details[0]),
          `${levels} levels refused there`,
        );
      }
    });
  }

  it('reaches both sides of the limit at every place (the test above checks each way)', () => {
    for (const put of Object.values(PLACES)) {
      const verdicts = new Set([1, 50_000].map((levels) => tooDeepOffset(put(storeText(), nested(levels))) === undefined));
      assert.equal(verdicts.size, 2);
    }
  });
});
