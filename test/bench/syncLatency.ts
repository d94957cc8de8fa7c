/**
 * Change-to-appearance latency for the sync benchmark: clones A and B each run
 * the editor's TeamSync (the Node-side class, as the extension drives it) with
 * automatic sync on, every 5 s, an incident active. A change is made on A the
 * way a command makes it (IncidentStore, then storeChanged()), and the clock
 * runs until B's store file holds it. Not a benchmark by itself (no `.bench.ts`).
 */
import { readFileSync, statSync } from 'node:fs';
import { addTimelineEvent } from '../../src/core/lifecycle/timeline';
import { IncidentStore } from '../../src/store/incidentStore';
import { TeamSync, type SyncStatus } from '../../src/workflows/teamSync';

export const INTERVAL_SECONDS = 5;
const APPEARANCE_LIMIT_MS = 60_000;
/** The trials stop starting after this (at least 3 run), so a busy machine keeps the bench bounded. */
const TRIALS_BUDGET_MS = 60_000;
const POLL_MS = 10;

export interface AppearanceTrial {
  /** From the change on A until B's file holds it. */
  totalMs: number;
  /** From the change until A's sync that shared it finished (debounce or A's own tick, plus A's sync). */
  sharedMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function teamSyncOf(root: string, store: IncidentStore, onShared: () => void): TeamSync {
  return new TeamSync({
    root,
    store: () => store,
    gitPath: () => undefined,
    trusted: () => true,
    settings: () => ({ enabled: true, remote: 'origin', branch: 'incident-log', intervalSeconds: INTERVAL_SECONDS }),
    hasActiveIncident: () => true,
    author: async () => 'Bench <bench@example.com>',
    afterSync: () => undefined,
    // TeamSync logs "…, shared <sha>" after a sync that pushed.
    log: (_level, line) => /, shared [0-9a-f]+$/.test(line) && onShared(),
  });
}

/** Resolves when `file`'s text contains `marker`, polling its mtime (reading only when it moved); rejects after the limit. */
async function appearance(file: string, marker: string): Promise<void> {
  const deadline = performance.now() + APPEARANCE_LIMIT_MS;
  let seen = -1;
  while (performance.now() < deadline) {
    const mtime = statSync(file).mtimeMs;
    if (mtime !== seen) {
      seen = mtime;
      if (readFileSync(file, 'utf8').includes(marker)) return;
    }
    await sleep(POLL_MS);
  }
  throw new Error(`the change did not reach B within ${APPEARANCE_LIMIT_MS} ms`);
}

/** Waits until a TeamSync is not in the middle of a sync (after dispose() nothing starts another). */
async function notSyncing(sync: TeamSync): Promise<void> {
  while (sync.status.phase === 'syncing') await sleep(POLL_MS);
}

/** Waits for a TeamSync's first successful sync (its schedule starts with one); bounded. */
async function firstSync(sync: TeamSync): Promise<void> {
  const deadline = performance.now() + APPEARANCE_LIMIT_MS;
  while (sync.status.phase !== 'synced') {
    if (performance.now() > deadline) throw new Error(`team sync did not start: ${JSON.stringify(sync.status)}`);
    await sleep(POLL_MS);
  }
}

/**
 * `trials` changes on A, each to the incident `incidentId`, with a random pause of
 * up to one interval before each so B's tick falls anywhere in its cycle.
 * Both TeamSyncs are disposed and idle when this returns.
 */
export async function measureAppearance(
  a: { root: string; store: IncidentStore },
  b: { root: string; store: IncidentStore },
  incidentId: string,
  trials: number,
): Promise<AppearanceTrial[]> {
  /** When A's syncs that pushed something finished. */
  const pushes: number[] = [];
  const syncA = teamSyncOf(a.root, a.store, () => pushes.push(performance.now()));
  const syncB = teamSyncOf(b.root, b.store, () => undefined);
  const failures: SyncStatus[] = [];
  for (const sync of [syncA, syncB]) sync.onDidChange((status) => status.phase === 'failed' && failures.push(status));
  const results: AppearanceTrial[] = [];
  try {
    syncA.refresh();
    syncB.refresh();
    await Promise.all([firstSync(syncA), firstSync(syncB)]);
    const start = performance.now();
    for (let trial = 0; trial < trials && (trial < 3 || performance.now() - start < TRIALS_BUDGET_MS); trial++) {
      await sleep(Math.random() * INTERVAL_SECONDS * 1000);
      const marker = `latency trial ${trial} ${Math.random().toString(36).slice(2)}`;
      const changedAt = performance.now();
      await a.store.update(incidentId, (incident) => addTimelineEvent(incident, { kind: 'note', text: marker }, { at: new Date(), author: 'Bench <bench@example.com>' }));
      syncA.storeChanged();
      await appearance(b.store.file, marker);
      const totalMs = performance.now() - changedAt;
      if (failures.length) throw new Error(`a sync failed during the latency trials: ${failures[0].failure?.message}`);
      const sharedAt = pushes.find((at) => at > changedAt);
      results.push({ totalMs, sharedMs: sharedAt === undefined ? Number.NaN : sharedAt - changedAt });
    }
  } finally {
    syncA.dispose();
    syncB.dispose();
    await Promise.all([notSyncing(syncA), notSyncing(syncB)]);
  }
  return results;
}
