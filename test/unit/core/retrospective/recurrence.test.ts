import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderPostmortem } from '../../../../src/core/retrospective/postmortem';
import { findRecurrence, ordinal, recurrenceLine } from '../../../../src/core/retrospective/recurrence';
import { historyIncident } from '../search/relatedHistory';
import { realisticStore } from '../realisticIncident';

const GOLDEN = resolve(__dirname, '..', '..', '..', '..', '..', 'test', 'fixtures', 'postmortem', 'INC-1A2B3C4D.md');
const DAY = 86_400_000;
const NOW = Date.parse('2026-06-01T12:00:00Z');

describe('recurrence', () => {
  // Each incident: days before NOW, files its cause/fix commits changed, drill or not.
  const build = (specs: { daysBefore: number; files: string[]; drill?: boolean }[]) => {
    const incidents = specs.map((spec, i) => historyIncident(`incident ${i}`, NOW - spec.daysBefore * DAY, [], undefined, spec.drill));
    const files = new Map(incidents.map((incident, i) => [incident.id, specs[i].files]));
    return { incidents, files: (id: string) => files.get(id) };
  };

  it('counts the earlier incidents in 90 days touching the same folder, at the depth they share', () => {
    const { incidents, files } = build([
      { daysBefore: 0, files: ['payments/gateway/retry.ts', 'README.md'] },
      { daysBefore: 10, files: ['payments/gateway/client.ts'] },
      { daysBefore: 40, files: ['payments/refunds.ts'] },
      { daysBefore: 89, files: ['payments/ledger.ts'] },
      { daysBefore: 91, files: ['payments/gateway/old.ts'] }, // outside the window
      { daysBefore: 5, files: ['payments/gateway/x.ts'], drill: true }, // a drill
      { daysBefore: -3, files: ['payments/gateway/later.ts'] }, // after it
      { daysBefore: 20, files: ['search/index.ts'] },
    ]);
    const recurrence = findRecurrence(incidents[0], incidents, files);
    assert.deepEqual(recurrence, { folder: 'payments/', earlier: [incidents[3].id, incidents[2].id, incidents[1].id], windowDays: 90 });
    assert.equal(
      recurrenceLine(recurrence!),
      `**Recurrence:** the fourth incident touching \`payments/\` in 90 days (after ${incidents[3].id}, ${incidents[2].id}, ${incidents[1].id}).`,
    );
  });

  it('prefers the deeper folder when it holds as many incidents, and says nothing without an earlier one', () => {
    const { incidents, files } = build([
      { daysBefore: 0, files: ['payments/gateway/retry.ts'] },
      { daysBefore: 3, files: ['payments/gateway/client.ts'] },
      { daysBefore: 4, files: ['top-level.ts'] },
    ]);
    assert.equal(findRecurrence(incidents[0], incidents, files)?.folder, 'payments/gateway/');
    assert.equal(findRecurrence(incidents[1], incidents, files), undefined, 'the earliest has no earlier one');
    assert.equal(findRecurrence(incidents[2], incidents, files), undefined, 'a top-level file has no folder');
  });

  it('names ordinals in words up to ten, then with suffixes', () => {
    assert.deepEqual([2, 3, 10, 11, 12, 13, 21, 22, 23, 101, 111].map(ordinal), ['second', 'third', 'tenth', '11th', '12th', '13th', '21st', '22nd', '23rd', '101st', '111th']);
  });

  it('puts one line in the postmortem summary and leaves the document byte-identical without it', () => {
    const document = realisticStore();
    const incident = document.incidents[0];
    const generatedAt = new Date('2026-11-24T09:00:00.000Z');
    const golden = readFileSync(GOLDEN, 'utf8');
    assert.equal(renderPostmortem(incident, document.deploys, { generatedAt, recurrence: undefined }), golden);
    const recurrence = { folder: 'payments/`odd`/', earlier: ['INC-0000000A', 'INC-0000000B'], windowDays: 90 };
    const withLine = renderPostmortem(incident, document.deploys, { generatedAt, recurrence });
    const line = '**Recurrence:** the third incident touching `` payments/`odd`/ `` in 90 days (after INC-0000000A, INC-0000000B).';
    const summary = withLine.slice(withLine.indexOf('## Summary'), withLine.indexOf('## Impact'));
    assert.ok(summary.includes(`\n${line}\n\n| `), 'in the summary, before its table');
    assert.equal(withLine.replace(`${line}\n\n`, ''), golden, 'the only change');
  });
});
