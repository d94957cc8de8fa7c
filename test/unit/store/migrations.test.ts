import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { STORE_SCHEMA_VERSION } from '../../../src/core/record/schema';
import { resolvePolicy, slaClocks } from '../../../src/core/clocks/sla';
import { addTimelineEvent } from '../../../src/core/lifecycle/timeline';
import { IncidentStore } from '../../../src/store/incidentStore';
import { migrateRaw, type MigrationStep } from '../../../src/store/migrations';
import { mergeStoreTexts } from '../../../src/store/mergeFiles';
import { anIncident, ctx, minutesAfter, T0 } from '../core/builders';
import { tempRepo } from './tempRepo';

/** A store as version 1 of the extension wrote it: SLA targets in minutes. */
function versionOneText(): string {
  const incident = anIncident({ severity: 'SEV2' });
  const policy = {
    timeZone: 'Europe/Berlin',
    businessDays: [1, 2, 3, 4, 5],
    businessHours: { start: '09:00', end: '17:00' },
    targets: {
      SEV1: { responseMinutes: 10, resolutionMinutes: 90, businessHours: false, updateEveryMinutes: 20 },
      SEV2: { responseMinutes: 45, resolutionMinutes: 480, businessHours: false },
      SEV4: { responseMinutes: 480, resolutionMinutes: 2400, businessHours: true },
    },
  };
  return `${JSON.stringify({ version: 1, policy, incidents: [incident], deploys: [] }, null, 2)}\n`;
}

function storeWith(text: string): IncidentStore {
  const root = tempRepo();
  mkdirSync(join(root, '.incidents'));
  writeFileSync(join(root, '.incidents', 'incidents.json'), text);
  return new IncidentStore(root);
}

describe('store migrations', () => {
  it('reads a version 1 store as the current version without touching the file', () => {
    const text = versionOneText();
    const store = storeWith(text);
    const read = store.read();
    assert.ok(read.kind === 'loaded', 'a v1 store loads');
    assert.deepEqual(read.problems, []);
    assert.equal(read.document.version, STORE_SCHEMA_VERSION);
    assert.deepEqual(read.document.policy?.targets, {
      SEV1: { response: '10m', resolution: '90m', updateEvery: '20m' },
      SEV2: { response: '45m', resolution: '8h' },
      SEV4: { response: '8bh', resolution: '40bh' },
    });
    assert.deepEqual(read.document.policy?.holidays, []);
    assert.equal(readFileSync(store.file, 'utf8'), text, 'reading never writes');
  });

  it('writes the upgraded version with the next change, and the clocks mean what they meant', async () => {
    const store = storeWith(versionOneText());
    const before = store.read();
    assert.ok(before.kind === 'loaded');
    const incident = before.document.incidents[0];
    // SEV2 here was 45 min / 8 h in calendar minutes; the migrated durations must keep those deadlines.
    const clocks = slaClocks(incident, resolvePolicy(before.document.policy), T0);
    assert.deepEqual(
      clocks.map((c) => c.deadline.toISOString()),
      [minutesAfter(45).toISOString(), minutesAfter(480).toISOString()],
    );

    await store.update(incident.id, (i) => addTimelineEvent(i, { kind: 'note', text: 'after the upgrade' }, ctx(minutesAfter(1))));
    const written = JSON.parse(readFileSync(store.file, 'utf8'));
    assert.equal(written.version, STORE_SCHEMA_VERSION);
    assert.deepEqual(written.policy.targets.SEV2, { response: '45m', resolution: '8h' });
    assert.equal(written.incidents[0].timeline.at(-1).text, 'after the upgrade');
  });

  it('merges a version 1 side with a current one (the merge driver during an upgrade)', async () => {
    const base = versionOneText();
    const store = storeWith(base);
    const incidentId = JSON.parse(base).incidents[0].id as string;
    await store.update(incidentId, (i) => addTimelineEvent(i, { kind: 'note', text: 'ours, upgraded' }, ctx(minutesAfter(2))));
    const ours = readFileSync(store.file, 'utf8');
    const theirsDocument = JSON.parse(base);
    theirsDocument.incidents[0].title = 'Renamed on the other branch';
    theirsDocument.incidents[0].updatedAt = minutesAfter(5).toISOString();
    const merged = JSON.parse(mergeStoreTexts(base, ours, JSON.stringify(theirsDocument)));
    assert.equal(merged.version, STORE_SCHEMA_VERSION);
    assert.equal(merged.incidents[0].title, 'Renamed on the other branch');
    assert.ok(merged.incidents[0].timeline.some((e: { text: string }) => e.text === 'ours, upgraded'));
  });

  it('reports a v1 value the upgrade cannot read by record, and does not write', async () => {
    const broken = JSON.parse(versionOneText());
    broken.policy.targets.SEV1.responseMinutes = 'soon';
    const text = JSON.stringify(broken);
    const store = storeWith(text);
    const read = store.read();
    // A policy that cannot be read makes the store unusable: no clock is computed with the defaults instead.
    assert.ok(read.kind === 'unusable');
    assert.match(read.error.message, /policy\.targets\.SEV1\.response is "soon"; expected a duration like "15m"/);
    await assert.rejects(
      store.update(broken.incidents[0].id, (i) => i),
      /policy\.targets\.SEV1\.response/,
    );
    assert.equal(readFileSync(store.file, 'utf8'), text);
  });

  it('runs the steps in order from the file version, and refuses a gap or a step that lies about its result', () => {
    const steps: MigrationStep[] = [
      { from: 1, describe: 'add a', migrate: (raw) => ({ ...raw, version: 2, trail: [...((raw.trail as string[]) ?? []), 'a'] }) },
      { from: 2, describe: 'add b', migrate: (raw) => ({ ...raw, version: 3, trail: [...(raw.trail as string[]), 'b'] }) },
    ];
    assert.deepEqual(migrateRaw({ version: 1 }, 3, steps), { version: 3, trail: ['a', 'b'] });
    assert.deepEqual(migrateRaw({ version: 2, trail: [] }, 3, steps), { version: 3, trail: ['b'] });
    const current = { version: 3 };
    assert.equal(migrateRaw(current, 3, steps), current);
    assert.throws(() => migrateRaw({ version: 1 }, 3, [steps[0]]), /no migration from store version 2/);
    assert.throws(() => migrateRaw({ version: 1 }, 2, [{ from: 1, describe: 'bad', migrate: (raw) => raw }]), /did not produce version 2/);
  });
});
