/**
 * Generated incident histories for the related-incidents tests and benchmark.
 *
 * `familyHistory`: families of incidents that share distinctive words and
 * files in known amounts, buried in noise that shares only everyday incident
 * words, so the right ranking is known in advance.
 *
 * `realisticHistory`: many incidents with timelines, root causes and changed
 * files drawn from a realistic vocabulary, for timing.
 */
import type { RelatedExtras } from '../../../../src/core/search/relatedIncidents';
import type { Incident, TimelineEvent } from '../../../../src/core/record/schema';
import { seededRandom } from '../../seededRandom';
import { anIncident, crockfordCode } from '../builders';

const DAY = 86_400_000;
const START = Date.parse('2026-01-05T09:00:00Z');

/** Words every incident uses: they must not make two incidents look alike. */
const EVERYDAY =
  'service error errors users reported alert paged on-call engineer investigated dashboard metrics latency spike rollback deploy deployed restarted pods logs graph customers impact mitigated monitoring noticed'.split(
    ' ',
  );
const SERVICES = ['checkout', 'search', 'billing', 'ledger', 'auth', 'notifications', 'inventory', 'shipping', 'profile', 'recommendations', 'media', 'reports'];
const FAILURES = ['timeout', 'deadlock', 'leak', 'overflow', 'stale', 'crash', 'throttling', 'corruption', 'retries', 'saturation', 'misconfiguration', 'expiry'];
const PARTS = ['gateway', 'client', 'worker', 'cache', 'queue', 'scheduler', 'resolver', 'parser', 'adapter', 'pool', 'index', 'token'];

let n = 0;
export function historyIncident(title: string, at: number, notes: readonly string[], rootCause?: string, drill = false): Incident {
  const base = anIncident({ title }, new Date(at));
  const timeline: TimelineEvent[] = notes.map((text, i) => ({ id: `ev${n}-${i}`, at: new Date(at + (i + 1) * 60_000).toISOString(), author: 'Dana Ortiz', kind: 'note', text }));
  return {
    ...base,
    id: `INC-${crockfordCode(++n)}`,
    ...(drill && { drill: true }),
    timeline: [...base.timeline, ...timeline],
    retrospective: { ...base.retrospective, ...(rootCause && { rootCause }) },
  };
}

function everyday(next: () => number, count: number): string {
  return Array.from({ length: count }, () => EVERYDAY[Math.floor(next() * EVERYDAY.length)]).join(' ');
}

export interface FamilyHistory {
  incidents: Incident[];
  extras: Map<string, RelatedExtras>;
  /** The incident asked about, and its family in the order they must rank. */
  query: Incident;
  expected: string[];
  drill: Incident;
}

/**
 * The query names four distinctive words (ledgerRounding, invoice_totals,
 * cents, drift) and changed two files. Its family members share, in order:
 * all four words and both files; two words and one file; one word only.
 * A drill shares everything. Noise shares only everyday words and files.
 */
export function familyHistory(noise = 200, seed = 18): FamilyHistory {
  const next = seededRandom(seed);
  const incidents: Incident[] = [];
  const extras = new Map<string, RelatedExtras>();
  const add = (incident: Incident, files: string[] = [], postmortem?: string) => {
    incidents.push(incident);
    extras.set(incident.id, { changedFiles: files, ...(postmortem && { postmortem }) });
    return incident;
  };
  // No noise about the ledger: the family's words must be its own, so the answer is known.
  const services = SERVICES.filter((service) => service !== 'ledger');
  for (let i = 0; i < noise; i++) {
    const service = services[i % services.length];
    add(historyIncident(`${service} ${everyday(next, 3)}`, START + i * DAY, [everyday(next, 12), everyday(next, 12)], `${everyday(next, 6)} in ${service}`), [
      `${service}/${PARTS[i % PARTS.length]}.ts`,
    ]);
  }
  const strong = add(
    historyIncident('Invoice totals drift by a few cents', START + 10 * DAY, ['ledgerRounding mismatch on invoice_totals', everyday(next, 10)], 'cents lost in rounding'),
    ['billing/ledger/rounding.ts', 'billing/ledger/totals.ts'],
    'drift again',
  );
  const middle = add(historyIncident('Ledger rounding alert', START + 20 * DAY, [everyday(next, 10), 'the rounding job paged'], undefined), [
    'billing/ledger/rounding.ts',
    'billing/export.ts',
  ]);
  const weak = add(historyIncident('Cents missing in a report', START + 30 * DAY, [everyday(next, 10)]), ['reports/monthly.ts']);
  const drill = add(historyIncident('Drill: invoice totals drift by cents', START + 40 * DAY, ['ledgerRounding invoice_totals cents drift'], 'rounding', true), [
    'billing/ledger/rounding.ts',
    'billing/ledger/totals.ts',
  ]);
  const query = add(historyIncident('Invoice totals drift', START + 50 * DAY, ['ledger rounding drift seen by finance', everyday(next, 12)], 'cents rounding in invoice_totals'), [
    'billing/ledger/rounding.ts',
    'billing/ledger/totals.ts',
  ]);
  return { incidents, extras, query, expected: [strong.id, middle.id, weak.id], drill };
}

/** `count` incidents with 4–12 notes each, a root cause for most, and changed files for about half. */
export function realisticHistory(count: number, seed = 7): { incidents: Incident[]; extras: Map<string, RelatedExtras> } {
  const next = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const incidents: Incident[] = [];
  const extras = new Map<string, RelatedExtras>();
  for (let i = 0; i < count; i++) {
    const [service, failure, part] = [pick(SERVICES), pick(FAILURES), pick(PARTS)];
    const camel = `${part}${failure[0].toUpperCase()}${failure.slice(1)}`;
    const notes = Array.from(
      { length: 4 + Math.floor(next() * 9) },
      () => `${everyday(next, 6)} ${pick([service, failure, part, camel, `${service}/${part}.ts`])} ${everyday(next, 6)} ${pick(FAILURES)}`,
    );
    const incident = historyIncident(
      `${service} ${failure} in ${part}`,
      START + Math.floor(next() * 365 * DAY),
      notes,
      next() < 0.7 ? `${camel} in ${service}/${part}.ts under load` : undefined,
      next() < 0.05,
    );
    incidents.push(incident);
    extras.set(incident.id, next() < 0.5 ? { changedFiles: [`${service}/${part}.ts`, `${service}/${pick(PARTS)}.ts`] } : {});
  }
  return { incidents, extras };
}
