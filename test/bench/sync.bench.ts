/**
 * Team sync against the physical limit, measured side by side in one run on
 * one `git daemon` on 127.0.0.1 (started and stopped here), with a store of
 * 1,000 realistic incidents. What each printed figure is held against:
 *
 * - sync round trip: `syncStore` on clone A after B and A each changed one
 *   incident (B synced, so A's fetch brings a commit and its push adds one);
 *   limit = raw `git fetch` + `git push` of a same-size branch on the same
 *   daemon from the same clone, a commit each way: git's negotiation and pack
 *   transfer, which no sync can avoid. Medians, sampled in turns.
 * - ratio: sync over raw fetch + push; goal ≤ 1.3×.
 * - phases (SyncOptions.timings, laps that cover the whole sync), each beside its own limit:
 *   - check target: none (raw git checks no names); `git remote` is read again only when a config file changed.
 *   - fetch: the raw `git fetch` of the same run; the last copy seen is read beside it (from memory
 *     when the private ref, read from its file, still points at it).
 *   - remote copy: JSON.parse of the store text, the floor of reading a new text whole. The sync
 *     reads the fetched blob from its loose object (git leaves a small fetch unpacked; a packed one
 *     goes through `git cat-file`), and parses only the records whose bytes differ from the copy it
 *     read last (store/splicedParse.ts), so it can come in under what a whole parse would cost.
 *   - lock + re-read: readFileSync of the store (unchanged bytes are neither decoded nor parsed again).
 *   - join: none measured (computation over both documents; shown for its share).
 *   - store write: JSON.stringify + writeFileSync + renameSync of the same document, plus the
 *     commit's objects, written in this process from the same bytes: the floor of those is
 *     deflating the text (zlib level 1, git's for loose objects) and hashing it once. The store
 *     keeps each unchanged record's bytes, so it writes out the changed records, not the whole.
 *   - push: the raw `git push` of the same run (the private ref then moves in its file).
 * - git processes per sync: limit 2 (the raw fetch and push); beside it, what one
 *   costs (a `git config --get` through GitCommand): no limit, a unit to multiply.
 * - parse + validate of the store text: limit = JSON.parse of the same text: what reading a
 *   text never seen before costs (a new clone's first sync, a copy rewritten by hand).
 * - change-to-appearance, median and max over 5 trials (fewer past 60 s), A and B each running
 *   TeamSync every 5 s: limit = the schedule itself, debounce 3 s (or A's own
 *   tick if sooner) + A's sync + B's wait for its next tick (which comes 5 s
 *   after B's previous sync ended: 0–5 s, or one more cycle when B was mid-sync)
 *   + B's sync; no ratio, the split shows which part is which.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { STORE_SCHEMA_VERSION, type Incident, type StoreDocument } from '../../src/core/record/schema';
import { addTimelineEvent } from '../../src/core/lifecycle/timeline';
import { GitCommand } from '../../src/git/gitCommand';
import { gitProcessesStarted } from '../../src/git/processCount';
import { DEFAULT_STORE_PATH } from '../../src/core/record/storePath';
import { IncidentStore } from '../../src/store/incidentStore';
import { formatStore } from '../../src/store/stableFormat';
import { parseStoreText } from '../../src/store/storeFile';
import { syncStore, type SyncOptions, type SyncPhase, type SyncTimings } from '../../src/workflows/sync';
import { generatedHistory } from '../unit/core/merge/generatedHistory';
import { realisticStore } from '../unit/core/realisticIncident';
import { loopbackTeam, rawFetchPushSample, type RawFetchPushOptions } from './loopbackRemote';
import { INTERVAL_SECONDS, measureAppearance } from './syncLatency';
import { collectGarbage, median, timeSync } from './timing';

const COUNT = 1_000;
const RUNS = 7;
const TRIALS = 5;
const GOAL = 1.3;
const OPTIONS: SyncOptions = { remote: 'origin', branch: 'incident-log', timeoutMs: 15_000 };
/** The raw side's own branch on the same remote, seeded with the same store, so raw commits never reach the sync's store. */
const RAW_BRANCH = 'incident-log-raw';
const AUTHOR = 'Bench <bench@example.com>';

/**
 * A year of `count` incidents as generatedHistory spreads them (severities,
 * open and resolved, deploys), where every SEV1 carries a whole record like
 * realisticIncident's (timeline, roles, commits, status updates, retrospective):
 * about 1 in 10, and most of the bytes.
 */
function realisticTeamStore(count: number): StoreDocument {
  const { incidents, deploys } = generatedHistory(count, 15);
  const [full] = realisticStore().incidents;
  return {
    version: STORE_SCHEMA_VERSION,
    incidents: incidents.map((incident, n) => (incident.severity === 'SEV1' ? { ...full, id: incident.id, title: `${full.title} (${n + 1})` } : incident)),
    deploys,
  };
}

const note = (text: string) => (incident: Incident) => addTimelineEvent(incident, { kind: 'note', text }, { at: new Date(), author: AUTHOR });

interface Clone {
  root: string;
  store: IncidentStore;
  git: GitCommand;
}

interface SyncSample {
  ms: number;
  timings: SyncTimings;
  gitProcesses: number;
}

/** B changes one incident and syncs, A changes another (all untimed); then A's sync, timed. */
async function syncSample(a: Clone, b: Clone, ids: { ours: string; theirs: string }, run: number): Promise<SyncSample> {
  await b.store.update(ids.theirs, note(`B change ${run}`));
  await syncStore(b.store, b.git, OPTIONS);
  await a.store.update(ids.ours, note(`A change ${run}`));
  const timings: SyncTimings = {};
  const processesBefore = gitProcessesStarted();
  collectGarbage();
  const start = performance.now();
  const result = await syncStore(a.store, a.git, { ...OPTIONS, timings });
  const ms = performance.now() - start;
  if (!result.received || !result.pushed || result.rounds !== 1) throw new Error(`the timed sync did not fetch one change and push one in one round: ${JSON.stringify(result)}`);
  return { ms, timings, gitProcesses: gitProcessesStarted() - processesBefore };
}

type PhaseLimits = Record<'parse' | 'read' | 'write' | 'objects' | 'gitProcess' | 'parseStore', number>;

/** The floors of the phases, on A's store as it is now, and two costs the phases are made of. */
async function phaseLimits(store: IncidentStore, git: GitCommand): Promise<PhaseLimits> {
  const timed = (work: () => unknown) => timeSync(1, work);
  collectGarbage();
  const gitStart = performance.now();
  await git.run(['config', '--default=', '--get', 'user.name']);
  const gitProcess = performance.now() - gitStart;
  const text = readFileSync(store.file, 'utf8');
  const document = JSON.parse(text) as StoreDocument;
  // Beside the store on the same disk, but where nothing reads the store folder.
  const scratch = join(store.root, '.git', 'bench-store-copy.json');
  return {
    parse: timed(() => JSON.parse(text)),
    read: timed(() => readFileSync(store.file, 'utf8')),
    write: timed(() => {
      writeFileSync(`${scratch}.tmp`, JSON.stringify(document, null, 2));
      renameSync(`${scratch}.tmp`, scratch);
    }),
    objects: timed(() => {
      const bytes = Buffer.from(text, 'utf8');
      deflateSync(bytes, { level: 1 });
      createHash('sha1').update(bytes).digest();
    }),
    gitProcess,
    parseStore: timed(() => parseStoreText('bench', text)),
  };
}

const PHASES: readonly SyncPhase[] = [
  'check target',
  // The fetch lap includes reading the last copy seen, which runs beside it.
  'fetch',
  'remote copy',
  'lock + re-read',
  'join',
  'store write',
  'push',
  'retry pause',
];

async function main(): Promise<void> {
  const document = realisticTeamStore(COUNT);
  const baseText = formatStore(document);
  const { problems } = parseStoreText('bench', baseText);
  if (problems.length) throw new Error(`the generated store has problems: ${problems[0]}`);
  const ids = document.incidents.map((incident) => incident.id);
  const full = document.incidents.filter((incident) => incident.severity === 'SEV1').length;
  const rawText = (run: number, side: 'ours' | 'theirs') => {
    const index = (run * 2 + (side === 'ours' ? 0 : 1)) % COUNT;
    return formatStore({ ...document, incidents: document.incidents.map((incident, i) => (i === index ? note(`raw ${side} ${run}`)(incident) : incident)) });
  };
  const rawOptions: RawFetchPushOptions = { branch: RAW_BRANCH, path: DEFAULT_STORE_PATH, text: rawText };

  const team = await loopbackTeam({ branch: RAW_BRANCH, path: DEFAULT_STORE_PATH, text: baseText, count: 2 });
  try {
    const [a, b]: Clone[] = team.clones.map((root) => ({ root, store: new IncidentStore(root), git: new GitCommand(root) }));
    // A shares the store first (the sync branch now exists), B adopts it.
    mkdirSync(dirname(a.store.file), { recursive: true });
    writeFileSync(a.store.file, baseText);
    await syncStore(a.store, a.git, OPTIONS);
    await syncStore(b.store, b.git, OPTIONS);

    const syncs: SyncSample[] = [];
    const raws: { fetchMs: number; pushMs: number }[] = [];
    const limits: PhaseLimits[] = [];
    // Run 0 warms up both sides and is not counted; the order alternates, so a busy spell falls on both.
    for (let run = 0; run <= RUNS; run++) {
      const pair = { ours: ids[(run * 37) % COUNT], theirs: ids[(run * 37 + COUNT / 2) % COUNT] };
      const rawRun = () => (collectGarbage(), rawFetchPushSample(team, rawOptions, run));
      const syncFirst = run % 2 === 1;
      const sync = syncFirst ? await syncSample(a, b, pair, run) : undefined;
      const raw = await rawRun();
      const syncAfter = sync ?? (await syncSample(a, b, pair, run));
      limits.push(await phaseLimits(a.store, a.git));
      if (run === 0) continue;
      syncs.push(syncAfter);
      raws.push(raw);
    }

    const trials = await measureAppearance(a, b, ids[COUNT - 1], TRIALS);

    const syncMs = median(syncs.map((s) => s.ms));
    const rawMs = median(raws.map((r) => r.fetchMs + r.pushMs));
    const limit = (pick: (l: PhaseLimits) => number) => median(limits.slice(1).map(pick));
    const phaseLimit: Partial<Record<SyncPhase, number>> = {
      'check target': 0,
      fetch: median(raws.map((r) => r.fetchMs)),
      'remote copy': limit((l) => l.parse),
      'lock + re-read': limit((l) => l.read),
      'store write': limit((l) => l.write + l.objects),
      push: median(raws.map((r) => r.pushMs)),
    };
    const ms = (value: number) => value.toFixed(1).padStart(8);

    const [one, five, fifteen] = loadavg();
    console.log(
      `store of ${COUNT.toLocaleString('en')} incidents (${full} with a whole record), ${(baseText.length / 1e6).toFixed(2)} MB; git daemon on 127.0.0.1; ${RUNS} runs a side`,
    );
    console.log(`machine: ${cpus().length} cores, load average ${one.toFixed(2)} ${five.toFixed(2)} ${fifteen.toFixed(2)} at the end`);
    console.log(`\nsync round trip (syncStore on A)        ${ms(syncMs)} ms`);
    console.log(`raw git fetch + git push (same remote)  ${ms(rawMs)} ms`);
    console.log(`ratio                                   ${(syncMs / rawMs).toFixed(2).padStart(8)}x   (goal ≤ ${GOAL}x: ${syncMs / rawMs <= GOAL ? 'met' : 'NOT met'})`);

    console.log(`\nphase            median (ms)   share   limit (ms)`);
    for (const phase of PHASES) {
      const samples = syncs.map((s) => s.timings[phase] ?? 0);
      const value = median(samples);
      if (phase === 'retry pause' && !samples.some(Boolean)) continue;
      const floor = phaseLimit[phase];
      console.log(`${phase.padEnd(16)} ${ms(value)}      ${((value / syncMs) * 100).toFixed(0).padStart(3)}%   ${floor === undefined ? '       —' : ms(floor)}`);
    }
    const phaseSum = median(syncs.map((s) => Object.values(s.timings).reduce((sum, value) => sum + value, 0)));
    console.log(`(phases add up to ${phaseSum.toFixed(1)} ms in the median run)`);
    const processes = median(syncs.map((s) => s.gitProcesses));
    const gitProcess = limit((l) => l.gitProcess);
    console.log(
      `git processes per sync: ${processes} (raw: 2); one costs ${gitProcess.toFixed(1)} ms (git config --get through GitCommand), ${processes} ≈ ${(processes * gitProcess).toFixed(0)} ms`,
    );
    console.log(`parse + validate of the store text (parseStoreText): ${limit((l) => l.parseStore).toFixed(1)} ms, JSON.parse alone ${limit((l) => l.parse).toFixed(1)} ms`);

    const totals = trials.map((t) => t.totalMs);
    const shared = median(trials.map((t) => t.sharedMs).filter(Number.isFinite));
    console.log(`\nchange on A → in B's store file, TeamSync every ${INTERVAL_SECONDS} s with an active incident, ${trials.length} trials:`);
    console.log(
      `  median ${(median(totals) / 1000).toFixed(2)} s, max ${(Math.max(...totals) / 1000).toFixed(2)} s  (trials: ${totals.map((t) => (t / 1000).toFixed(2)).join(', ')} s)`,
    );
    console.log(`  of which A shared it after ${(shared / 1000).toFixed(2)} s (median; debounce 3 s or A's own tick, + A's sync)`);
    console.log(`  and B took ${((median(totals) - shared) / 1000).toFixed(2)} s more (its next tick, ${INTERVAL_SECONDS} s after its last sync ended, + B's sync)`);
  } finally {
    await team.stop();
    rmSync(dirname(team.bare), { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
