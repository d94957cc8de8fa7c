/**
 * A separate OS process that writes to a store, for the concurrency and crash
 * tests: `node writerProcess.js ROOT INCIDENT_ID LABEL COUNT [STALL_MS]`. It adds COUNT
 * notes "LABEL n" one locked update at a time and prints "ack LABEL n" after
 * each update has returned, i.e. once the write is durable on disk.
 */
import { IncidentStore } from '../../../src/store/incidentStore';
import { addTimelineEvent } from '../../../src/core/timeline';

/** Blocks this process (timers and all) for `ms`, as a long pause inside a change would. */
const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

async function run(): Promise<void> {
  // STALL_MS: the first change prints "in-change" and then blocks that long, so a test can stop it while it holds the lock.
  const [root, incidentId, label, count, stallMs] = process.argv.slice(2);
  const store = new IncidentStore(root);
  let stalled = false;
  for (let n = 0; n < Number(count); n++) {
    await store.update(incidentId, (incident) => {
      if (stallMs && !stalled) {
        stalled = true;
        process.stdout.write('in-change\n');
        pause(Number(stallMs));
      }
      return addTimelineEvent(incident, { kind: 'note', text: `${label} ${n}` }, { at: new Date(), author: label });
    });
    process.stdout.write(`ack ${label} ${n}\n`);
  }
}

run().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
