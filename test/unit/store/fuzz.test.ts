import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { addTimelineEvent } from '../../../src/core/lifecycle/timeline';
import { IncidentStore } from '../../../src/store/incidentStore';
import { formatStore } from '../../../src/store/stableFormat';
import { anIncident, ctx, minutesAfter } from '../core/builders';
import { seededRandom } from '../seededRandom';
import { tempRepo } from './tempRepo';

const ODD_VALUES: unknown[] = [null, 42, -1, 1e308, '', 'x', 'SEV9', 'INC-0', '2026-13-45T99:00:00Z', true, [], {}, [1, 2], { __proto__: { polluted: true } }, '<script>'];

function mutate(text: string, next: () => number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const at = Math.floor(next() * text.length);
  switch (Math.floor(next() * 8)) {
    case 0: // flip one character
      return text.slice(0, at) + String.fromCharCode(32 + Math.floor(next() * 95)) + text.slice(at + 1);
    case 1: // cut a slice out
      return text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 200));
    case 2: // truncate (a torn write)
      return text.slice(0, at);
    case 3: // duplicate a slice
      return text.slice(0, at) + text.slice(at, at + Math.floor(next() * 300)) + text.slice(at);
    case 4: // a conflict marker line
      return `${text.slice(0, text.indexOf('\n', at) + 1)}${pick(['<<<<<<< HEAD', '=======', '>>>>>>> theirs'])}\n${text.slice(text.indexOf('\n', at) + 1)}`;
    case 5: // a wrong-typed or wrong-valued field, still valid JSON
    case 6: {
      const document = JSON.parse(text);
      let node: Record<string, unknown> = document;
      for (let depth = 0; depth < 6; depth++) {
        const keys = Object.keys(node);
        if (!keys.length) break;
        const key = pick(keys);
        const child = node[key];
        if (child === null || typeof child !== 'object' || next() < 0.25) {
          node[key] = pick(ODD_VALUES);
          break;
        }
        node = child as Record<string, unknown>;
      }
      return JSON.stringify(document, null, next() < 0.5 ? 2 : 0);
    }
    default: // another version
      return text.replace(/"version": \d+/, `"version": ${pick([0, -1, 1.5, 3, 99, '"2"', 'null'])}`);
  }
}

describe('a fuzzed store file', function () {
  this.timeout(300_000);

  it('never crashes the reader and is never rewritten when it is unusable or has bad records (10,000 files)', async () => {
    const store = new IncidentStore(tempRepo());
    await store.add(anIncident());
    await store.update('INC-1A2B3C4D', (i) => addTimelineEvent(i, { kind: 'evidence', text: 'p99 latency 4 s', data: { file: 'src/pay.ts', line: 12 } }, ctx(minutesAfter(3))));
    await store.mutateDocument((d) => ({
      ...d,
      policy: {
        timeZone: 'Europe/Berlin',
        businessDays: [1, 2, 3, 4, 5],
        businessHours: { start: '09:00', end: '17:00' },
        holidays: ['2026-12-25'],
        targets: { SEV1: { response: '10m', resolution: '1h' } },
      },
    }));
    const loaded = store.read();
    assert.ok(loaded.kind === 'loaded');
    const valid = formatStore(loaded.document);
    const next = seededRandom(20261124);
    const outcomes = { unusable: 0, badRecords: 0, loaded: 0 };
    let writesAttempted = 0;
    for (let n = 0; n < 10_000; n++) {
      const text = mutate(valid, next);
      writeFileSync(store.file, text);
      const read = store.read(); // throws (fails the test) on anything but a clean verdict
      if (read.kind === 'missing') assert.fail('the file exists');
      const refused = read.kind === 'unusable' || read.problems.length > 0;
      if (read.kind === 'unusable') {
        outcomes.unusable++;
        assert.match(read.error.message, /incidents\.json/, 'the error names the file');
      } else if (read.problems.length) outcomes.badRecords++;
      else outcomes.loaded++;
      if (refused && n % 5 === 0) {
        writesAttempted++;
        await assert.rejects(
          store.mutateDocument((d) => ({ ...d, incidents: [] })),
          `file ${n} should be refused`,
        );
        assert.equal(readFileSync(store.file, 'utf8'), text, `file ${n} was rewritten`);
      }
    }
    // The mutations reach every verdict, so the test exercises all three paths.
    assert.ok(outcomes.unusable > 1000 && outcomes.badRecords > 500 && outcomes.loaded > 50, JSON.stringify(outcomes));
    assert.ok(writesAttempted > 1000);
  });
});
