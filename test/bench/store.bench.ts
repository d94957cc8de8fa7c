/**
 * Store cost against the physical limit, measured side by side in one run:
 * reading = validated load vs raw JSON.parse(readFileSync);
 * one change = locked read-modify-write vs raw JSON.stringify + write + rename.
 * 10,000 incidents, the scale the tree must handle.
 */
import { mkdtempSync, readFileSync, renameSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { declareIncident } from '../../src/core/lifecycle/declare';
import { newIncidentId } from '../../src/core/record/ids';
import { STORE_SCHEMA_VERSION, type Incident } from '../../src/core/record/schema';
import { addTimelineEvent } from '../../src/core/lifecycle/timeline';
import { IncidentStore } from '../../src/store/incidentStore';
import { formatStore } from '../../src/store/stableFormat';
import { parseStoreText } from '../../src/store/storeFile';
import { mergeStoreTexts } from '../../src/store/mergeFiles';
import { mergeStores } from '../../src/core/merge/merge';
import { time, timeSideBySide } from './timing';

const COUNT = 10_000;

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'incident-bench-store-'));
  const start = Date.parse('2025-01-01T00:00:00Z');
  const incidents: Incident[] = Array.from({ length: COUNT }, (_, i) => {
    const at = new Date(start + i * 3_600_000);
    let incident = declareIncident({ title: `Incident ${i}`, category: 'regression', severity: 'SEV3' }, { at, author: 'Bench <bench@example.com>' }, newIncidentId(at));
    for (let n = 0; n < 3; n++) incident = addTimelineEvent(incident, { kind: 'note', text: `note ${n}` }, { at: new Date(at.getTime() + n * 60_000), author: 'Bench' });
    return incident;
  });
  mkdirSync(join(root, '.incidents'));
  const file = join(root, '.incidents', 'incidents.json');
  writeFileSync(file, formatStore({ version: STORE_SCHEMA_VERSION, incidents, deploys: [] }));
  const bytes = readFileSync(file).length;

  const text = readFileSync(file, 'utf8');
  const rawParse = () => JSON.parse(readFileSync(file, 'utf8'));
  const [coldRead, rawRead] = await timeSideBySide(15, () => new IncidentStore(root).read(), rawParse);
  const store = new IncidentStore(root);
  store.read();
  const [warmRead, rawReadAgain] = await timeSideBySide(9, () => store.read(), rawParse);
  const target = incidents[COUNT - 1].id;
  const rawWrite = () => {
    const document = JSON.parse(readFileSync(file, 'utf8'));
    document.incidents[COUNT - 1].title = `${Math.random()}`;
    writeFileSync(`${file}.raw`, JSON.stringify(document, null, 2));
    renameSync(`${file}.raw`, `${file}.copy`);
  };
  const note = (i: Incident) => addTimelineEvent(i, { kind: 'note', text: 'bench' }, { at: new Date(), author: 'Bench' });
  const [coldUpdate, rawUpdate] = await timeSideBySide(15, () => new IncidentStore(root).update(target, note), rawWrite);
  const [warmUpdate, rawUpdateAgain] = await timeSideBySide(9, () => store.update(target, note), rawWrite);

  // Two branches, each editing 1,000 incidents (200 of them on both sides).
  const baseText = readFileSync(file, 'utf8');
  const base = parseStoreText('base', baseText).document;
  const edit = (from: number, count: number, label: string) => ({
    ...base,
    incidents: base.incidents.map((incident, i) =>
      i >= from && i < from + count ? note({ ...incident, title: `${incident.title} (${label})`, updatedAt: new Date().toISOString() }) : incident,
    ),
  });
  const ours = edit(0, 1000, 'ours');
  const theirs = edit(800, 1000, 'theirs');
  const [oursText, theirsText] = [formatStore(ours), formatStore(theirs)];
  const merge = await time(7, () => mergeStores(base, ours, theirs));
  // The strictest reading: every one of the 10,000 incidents edited on both branches.
  const [allOurs, allTheirs] = [edit(0, COUNT, 'ours'), edit(0, COUNT, 'theirs')];
  const mergeAll = await time(5, () => mergeStores(base, allOurs, allTheirs));
  const [driver, rawDriver] = await timeSideBySide(
    5,
    () => mergeStoreTexts(baseText, oursText, theirsText),
    () => {
      const parsed = [baseText, oursText, theirsText].map((t) => JSON.parse(t));
      return JSON.stringify(parsed[1], null, 2);
    },
  );

  console.log(`store of ${COUNT.toLocaleString('en')} incidents, ${(bytes / 1e6).toFixed(1)} MB (${text.length.toLocaleString('en')} characters)`);
  console.log('operation                                       ours (ms)   limit (ms)   ratio');
  const row = (name: string, ours: number, limit: number) =>
    console.log(`${name.padEnd(47)} ${ours.toFixed(1).padStart(9)}   ${limit.toFixed(1).padStart(10)}   ${(ours / limit).toFixed(2).padStart(5)}x`);
  row('load + validate (cold) vs JSON.parse', coldRead, rawRead);
  row('re-read of unchanged bytes vs JSON.parse', warmRead, rawReadAgain);
  row('locked update (cold) vs parse+write+rename', coldUpdate, rawUpdate);
  row('locked update (warm) vs parse+write+rename', warmUpdate, rawUpdateAgain);
  row('merge driver (3 texts) vs 3 parses + 1 write', driver, rawDriver);
  console.log(`3-way merge of two 1,000-incident edits: ${merge.toFixed(1)} ms (goal 300 ms)`);
  console.log(`3-way merge of two edits of all ${COUNT.toLocaleString('en')} incidents: ${mergeAll.toFixed(1)} ms (goal 300 ms)`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
