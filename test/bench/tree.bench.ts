/**
 * The Active Incidents view over 10,000 stored incidents: what VS Code asks
 * for first (the groups, then the rows of the expanded active groups with
 * their SLA clocks, and the first page of the collapsed closed group), timed
 * against the physical limit of reading the same file (JSON.parse).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STORE_SCHEMA_VERSION } from '../../src/core/record/schema';
import { resolvePolicy } from '../../src/core/clocks/sla';
import { IncidentStore } from '../../src/store/incidentStore';
import { formatStore } from '../../src/store/stableFormat';
import { groupIncidents } from '../../src/ui/views/incidentGroups';
import { incidentRow } from '../../src/ui/views/incidentRows';
import { generatedHistory } from '../unit/core/merge/generatedHistory';
import { timeSync } from './timing';

const root = mkdtempSync(join(tmpdir(), 'incident-bench-tree-'));
mkdirSync(join(root, '.incidents'));
const { incidents, deploys } = generatedHistory(10_000, 11);
const file = join(root, '.incidents', 'incidents.json');
writeFileSync(file, formatStore({ version: STORE_SCHEMA_VERSION, incidents, deploys }));

let rows = 0;
function firstScreen(store: IncidentStore): void {
  const read = store.read();
  if (read.kind !== 'loaded') throw new Error('the bench store did not load');
  const policy = resolvePolicy(read.document.policy);
  const now = new Date();
  rows = 0;
  for (const group of groupIncidents(read.document.incidents, 'severity')) {
    // Active groups are expanded; the closed group shows its first page only when opened.
    for (const incident of group.closedGroup ? [] : group.incidents) {
      incidentRow(incident, policy, now);
      rows++;
    }
  }
}

const raw = timeSync(7, () => JSON.parse(readFileSync(file, 'utf8')));
const cold = timeSync(7, () => firstScreen(new IncidentStore(root)));
const warmStore = new IncidentStore(root);
firstScreen(warmStore);
const warm = timeSync(7, () => firstScreen(warmStore));
const grouping = timeSync(7, () => groupIncidents(incidents, 'status'));

console.log(`10,000 incidents (${rows} active rows with SLA clocks on the first screen)`);
console.log('operation                                       ours (ms)   limit (ms)   ratio');
const row = (name: string, ours: number) =>
  console.log(`${name.padEnd(47)} ${ours.toFixed(1).padStart(9)}   ${raw.toFixed(1).padStart(10)}   ${(ours / raw).toFixed(2).padStart(5)}x`);
row('first screen, store just changed (cold read)', cold);
row('first screen, store unchanged (re-read)', warm);
row('grouping alone, by status', grouping);
