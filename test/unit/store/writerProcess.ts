/**
 * A separate OS process that writes to a store, for the concurrency and crash
 * tests: `node writerProcess.js ROOT INCIDENT_ID LABEL COUNT [STALL_MS]`. It adds COUNT
 * notes "LABEL n" one locked update at a time and prints "ack LABEL n" after
 * each update has returned, i.e. once the write is durable on disk.
 *
 * WRITER_STOP_AT=STEP (a WriteStep of storeLock.ts) makes it print "stopped-at STEP" the
 * first time its write reaches that step and stop itself with SIGSTOP there, as Ctrl+Z or
 * a closing laptop lid would; the test resumes it with SIGCONT. WRITER_STALE_MS sets the
 * age after which it takes over a lock whose holder is not running.
 */
import { IncidentStore } from '../../../src/store/incidentStore';
import type { StoreLockOptions, WriteStep } from '../../../src/store/storeLock';
import { addTimelineEvent } from '../../../src/core/lifecycle/timeline';

function lockOptions(): StoreLockOptions {
  const stopAt = process.env.WRITER_STOP_AT as WriteStep | undefined;
  const staleMs = Number(process.env.WRITER_STALE_MS) || undefined;
  let stopped = false;
  const atStep = (step: WriteStep) => {
    if (step !== stopAt || stopped) return;
    stopped = true;
    // stdout is a pipe, written synchronously: the marker is out before the process stops.
    process.stdout.write(`stopped-at ${step}\n`);
    process.kill(process.pid, 'SIGSTOP');
  };
  return { ...(staleMs && { staleMs }), ...(stopAt && { atStep }) };
}

/** Blocks this process (timers and all) for `ms`, as a long pause inside a change would. */
const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

async function run(): Promise<void> {
  // STALL_MS: the first change prints "in-change" and then blocks that long, so a test can stop it while it holds the lock.
  const [root, incidentId, label, count, stallMs] = process.argv.slice(2);
  const store = new IncidentStore(root, undefined, lockOptions());
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
