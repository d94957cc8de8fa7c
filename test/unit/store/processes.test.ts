import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { IncidentStore } from '../../../src/store/incidentStore';
import { WRITE_STEPS, type WriteStep } from '../../../src/store/storeLock';
import { parseStoreText } from '../../../src/store/storeFile';
import { addTimelineEvent } from '../../../src/core/lifecycle/timeline';
import { anIncident, crockfordCode } from '../core/builders';
import { tempRepo } from './tempRepo';

const WRITER = join(__dirname, 'writerProcess.js');

interface Writer {
  child: ChildProcess;
  acked: string[];
  /** Resolves when the writer prints `line`; rejects when it exits first. */
  saw: (line: string) => Promise<void>;
  done: Promise<number | null>;
}

function startWriter(root: string, label: string, count: number, options: { stallMs?: number; env?: Record<string, string> } = {}): Writer {
  const args = [WRITER, root, 'INC-1A2B3C4D', label, String(count), ...(options.stallMs ? [String(options.stallMs)] : [])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
  const acked: string[] = [];
  const lines: string[] = [];
  const waiting: (() => void)[] = [];
  let pending = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const parts = (pending + chunk.toString()).split('\n');
    pending = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      if (line.startsWith('ack ')) acked.push(line.slice(4));
    }
    for (const wake of waiting.splice(0)) wake();
  });
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      if (code) process.stderr.write(`${label} exited ${code}: ${stderr}`);
      resolve(code);
      for (const wake of waiting.splice(0)) wake();
    }),
  );
  const saw = async (line: string) => {
    while (!lines.includes(line)) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${label} ended before printing "${line}": ${stderr}`);
      await new Promise<void>((wake) => waiting.push(wake));
    }
  };
  return { child, acked, saw, done };
}

function notesOnDisk(file: string): Set<string> {
  const { document, problems } = parseStoreText(file, readFileSync(file, 'utf8'));
  assert.deepEqual(problems, []);
  return new Set(document.incidents[0].timeline.filter((e) => e.kind === 'note').map((e) => e.text));
}

describe('the store under several OS processes', function () {
  this.timeout(240_000);

  it('keeps all 1,000 notes when two processes each make 500 changes at once', async () => {
    const store = new IncidentStore(tempRepo());
    await store.add(anIncident());
    const writers = [startWriter(store.root, 'left', 500), startWriter(store.root, 'right', 500)];
    assert.deepEqual(await Promise.all(writers.map((w) => w.done)), [0, 0]);
    const notes = notesOnDisk(store.file);
    assert.equal(notes.size, 1000);
    for (const label of ['left', 'right']) for (let n = 0; n < 500; n++) assert.ok(notes.has(`${label} ${n}`), `${label} ${n} is missing`);
  });

  it('leaves a parseable file holding every acknowledged write when a writer is killed with SIGKILL, 30 times', async () => {
    const store = new IncidentStore(tempRepo());
    await store.add(anIncident());
    // Some bulk so a write takes long enough to be interrupted part-way.
    await store.mutateDocument((document) => ({ ...document, incidents: [...document.incidents, ...Array.from({ length: 300 }, (_, i) => anIncidentWithId(i))] }));
    const acknowledged: string[] = [];
    for (let round = 0; round < 30; round++) {
      const writer = startWriter(store.root, `round${round}`, 10_000);
      // Let it get going (process start-up takes a while), then kill it at a varying moment mid-stream.
      while (!writer.acked.length && writer.child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 5));
      await new Promise((resolve) => setTimeout(resolve, (round * 7) % 45));
      writer.child.kill('SIGKILL');
      await writer.done;
      acknowledged.push(...writer.acked);
      const notes = notesOnDisk(store.file); // throws if the file is torn
      for (const note of acknowledged) assert.ok(notes.has(note), `acknowledged "${note}" was lost`);
      // The killed writer may have died holding the lock; its staleness recovery is not what this test is about.
      rmSync(`${store.file}.lock`, { recursive: true, force: true });
    }
    await store.update('INC-1A2B3C4D', (i) => i);
    assert.deepEqual(
      readdirSync(dirname(store.file)).filter((name) => name.endsWith('.tmp')),
      [],
      'the next write clears temp files of killed writers',
    );
    // At least one acknowledged write per round (a writer that died before its first would leave fewer); how many more depends on the machine's load.
    assert.ok(acknowledged.length >= 30, `the writers made progress before each kill (${acknowledged.length} acknowledged writes)`);
  });

  it('keeps both changes when a writer is stopped past the stale time while holding the lock (Ctrl+Z, a sleeping laptop)', async () => {
    const store = new IncidentStore(tempRepo());
    await store.add(anIncident());
    const paused = startWriter(store.root, 'paused', 1, { stallMs: 1_500 });
    await paused.saw('in-change');
    paused.child.kill('SIGSTOP');
    try {
      // The lock goes stale after 5 s without a refresh; this writer takes it over and writes.
      await store.update('INC-1A2B3C4D', (incident) => addTimelineEvent(incident, { kind: 'note', text: 'while the other slept' }, { at: new Date(), author: 'awake' }));
    } finally {
      paused.child.kill('SIGCONT');
    }
    assert.equal(await paused.done, 0, 'the paused writer re-read and re-applied its change');
    const notes = notesOnDisk(store.file);
    assert.ok(notes.has('while the other slept'), 'the change made while the first writer was stopped is kept');
    assert.ok(notes.has('paused 0'), "the paused writer's own change is kept too");
  });

  it('waits for a holder that is running but too busy to refresh its lock (a very large store), instead of taking it over', async function () {
    if (!existsSync('/proc/self/stat')) this.skip();
    const store = new IncidentStore(tempRepo());
    await store.add(anIncident());
    const lockModule = join(__dirname, '..', '..', '..', 'src', 'store', 'storeLock.js');
    // Holds the lock, then computes for 7 s without yielding (no refresh timer can run), then says whether the lock is still its own.
    const busy = spawn(
      process.execPath,
      [
        '-e',
        `require(${JSON.stringify(lockModule)}).StoreLock.acquire(${JSON.stringify(store.file)}).then((lock) => { console.log('held'); const end = Date.now() + 7000; while (Date.now() < end); console.log(lock.stillHeld() ? 'still mine' : 'taken over'); lock.release(); })`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    const closed = new Promise((resolve) => busy.on('close', resolve));
    busy.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    await new Promise<void>((resolve) => busy.stdout.once('data', () => resolve()));
    await store.update('INC-1A2B3C4D', (incident) => addTimelineEvent(incident, { kind: 'note', text: 'after the busy one' }, { at: new Date(), author: 'patient' }));
    await closed;
    assert.match(out, /still mine/);
    assert.ok(notesOnDisk(store.file).has('after the busy one'));
  });

  it('takes over the lock of a writer that died holding it', async () => {
    const store = new IncidentStore(tempRepo());
    await store.add(anIncident());
    const lock = `${store.file}.lock`;
    mkdirSync(lock);
    const aMinuteAgo = new Date(Date.now() - 60_000);
    utimesSync(lock, aMinuteAgo, aMinuteAgo);
    await store.update('INC-1A2B3C4D', (i) => ({ ...i, title: 'written after the takeover' }));
    assert.equal(JSON.parse(readFileSync(store.file, 'utf8')).incidents[0].title, 'written after the takeover');
  });
});

/**
 * Stops writer "first" at `step` (it stops itself there with SIGSTOP), lets
 * writer "second" take its lock over once stale and write, then resumes
 * first. With `secondStopsAt`, second stops there in turn (still holding the
 * lock it took) before first is resumed, and is resumed once first is done.
 */
async function stoppedWriters(step: WriteStep, secondStopsAt?: WriteStep): Promise<void> {
  const store = new IncidentStore(tempRepo());
  await store.add(anIncident());
  // A stopped holder is not running, so its lock is taken over once 1 s old (5 s in use).
  const first = startWriter(store.root, 'first', 1, { env: { WRITER_STOP_AT: step, WRITER_STALE_MS: '1000' } });
  let second: Writer | undefined;
  try {
    await first.saw(`stopped-at ${step}`);
    second = startWriter(store.root, 'second', 1, { env: { WRITER_STALE_MS: '1000', ...(secondStopsAt && { WRITER_STOP_AT: secondStopsAt }) } });
    if (secondStopsAt) await second.saw(`stopped-at ${secondStopsAt}`);
    else assert.equal(await second.done, 0, 'the second writer succeeds while the first is stopped');
    first.child.kill('SIGCONT');
    assert.equal(await first.done, 0, 'the stopped writer, resumed, notices it lost its lock, re-reads and applies its change again');
  } finally {
    first.child.kill('SIGCONT');
    second?.child.kill('SIGCONT');
  }
  assert.equal(await second.done, 0);
  const notes = notesOnDisk(store.file);
  assert.ok(notes.has('second 0'), `the change made while the first writer was stopped is kept, no stale file renamed over it: ${[...notes].join(', ')}`);
  assert.ok(notes.has('first 0'), `the stopped writer's own change is kept too: ${[...notes].join(', ')}`);
  assert.deepEqual(
    readdirSync(dirname(store.file)).filter((name) => name !== 'incidents.json'),
    [],
    'no lock folder or temp file is left behind',
  );
}

describe('a writer stopped at any step of its write while another process takes its lock over (Ctrl+Z, a laptop lid)', function () {
  this.timeout(120_000);

  for (const step of WRITE_STEPS) {
    it(`keeps both changes, and neither fails, when the first is stopped at "${step}" until the second has written`, () => stoppedWriters(step));
  }

  for (const step of WRITE_STEPS) {
    it(`keeps both changes when the first is stopped at "${step}" and resumed while the second, its change renamed in, is stopped holding the lock`, () =>
      stoppedWriters(step, 'renamed'));
  }

  it('keeps both changes when the taker is stopped right before its rename in turn and the first, resumed, takes the lock back', () =>
    stoppedWriters('before-rename', 'before-rename'));
});

/** Bulk incidents with ids that sort after INC-1A2B3C4D, which stays first in the file (notesOnDisk reads incidents[0]). */
function anIncidentWithId(i: number) {
  return { ...anIncident({ title: `Bulk ${i}` }), id: `INC-${crockfordCode(9 * 32 ** 7 + i)}` };
}
