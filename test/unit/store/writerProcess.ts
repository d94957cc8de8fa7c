/**
 * A separate OS process that writes to a store, for the concurrency and crash
 * tests: `node writerProcess.js ROOT INCIDENT_ID LABEL COUNT`. It adds COUNT
 * notes "LABEL n" one locked update at a time and prints "ack LABEL n" after
 * each update has returned, i.e. once the write is durable on disk.
 */
import { IncidentStore } from '../../../src/store/incidentStore';
import { addTimelineEvent } from '../../../src/core/timeline';

async function run(): Promise<void> {
  const [root, incidentId, label, count] = process.argv.slice(2);
  const store = new IncidentStore(root);
  for (let n = 0; n < Number(count); n++) {
    await store.update(incidentId, (incident) => addTimelineEvent(incident, { kind: 'note', text: `${label} ${n}` }, { at: new Date(), author: label }));
    process.stdout.write(`ack ${label} ${n}\n`);
  }
}

run().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
