/**
 * `incident intake serve` against the physical limit, on a store of 1,000
 * realistic incidents (every SEV1 a whole record), the receiver as shipped
 * (`build.mjs cli --production`, a child process on 127.0.0.1):
 *
 * - alerts accepted per second, each answered only once durably written:
 *   runs of 40 new alerts posted over HTTP (one at a time, and 4 at a time as
 *   an Alertmanager with several groups sends them), each attaching to one of
 *   10 alert-opened incidents; limit = the same number of locked
 *   read-modify-write cycles of a copy of the same store in this process
 *   (IncidentStore.mutateDocument adding one timeline event), no HTTP, no
 *   parsing of a payload, no plan. Medians, sampled in turns. Goal ≤ 1.5×.
 * - POST to a real Alertmanager → the incident in a second clone's store, with
 *   automatic sync at the default intervals: the receiver shares within 1 s of
 *   taking the alert; the second clone runs the editor's TeamSync with its
 *   defaults (every 10 s while an incident is active), so its wait for its next
 *   tick (0–10 s) is most of it. Split into Alertmanager → receiver's store →
 *   shared → second clone. Goal: median under 10 s.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { join, resolve } from 'node:path';
import { addTimelineEvent } from '../../src/core/lifecycle/timeline';
import { isActive } from '../../src/core/lifecycle/lifecycle';
import { withTeamSyncSettings } from '../../src/core/plan/syncSettings';
import { STORE_SCHEMA_VERSION, type StoreDocument } from '../../src/core/record/schema';
import { GitCommand } from '../../src/git/gitCommand';
import { IncidentStore } from '../../src/store/incidentStore';
import { formatStore } from '../../src/store/stableFormat';
import { syncStore } from '../../src/workflows/sync';
import { TeamSync } from '../../src/workflows/teamSync';
import { startAlertmanager } from '../harness/alertmanager';
import { generatedHistory } from '../unit/core/merge/generatedHistory';
import { realisticStore } from '../unit/core/realisticIncident';
import { amAlert, amBody } from '../unit/core/intake/payloads/payloadBuilders';
import { startReceiver, TOKEN, type Receiver } from '../unit/intake/receiverProcess';
import { tempRepo } from '../unit/store/tempRepo';
import { loopbackTeam } from './loopbackRemote';
import { median, timeSideBySide } from './timing';

const PROJECT_ROOT = resolve(__dirname, '..', '..', '..');
const COUNT = 1_000;
const PER_RUN = 40;
const RUNS = 7;
const GROUPS = 10;
const GOAL = 1.5;
const APPEARANCE_GOAL_S = 10;
const TRIALS = 5;
const TRIALS_BUDGET_MS = 150_000;
const STORE = join('.incidents', 'incidents.json');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function realisticTeamStore(): StoreDocument {
  const { incidents, deploys } = generatedHistory(COUNT, 27);
  const [full] = realisticStore().incidents;
  return {
    version: STORE_SCHEMA_VERSION,
    incidents: incidents.map((incident, n) => (incident.severity === 'SEV1' ? { ...full, id: incident.id, title: `${full.title} (${n + 1})` } : incident)),
    deploys,
  };
}

let alertNumber = 0;
const nextAlert = () => {
  const n = alertNumber++;
  const group = `g${n % GROUPS}`;
  return amBody([amAlert({ fingerprint: `bench-${n}`, labels: { alertname: 'BenchLoad', group, instance: `i${n}`, severity: 'warning' } })], {
    groupKey: `{}:{alertname="BenchLoad", group="${group}"}`,
  });
};

/** Connections kept open between requests, as Alertmanager's HTTP client keeps them. */
const keepAlive = new Agent({ keepAlive: true });

/** Posts `count` new alerts, `parallel` at a time; each must be answered 200. */
async function postAlerts(receiver: Receiver, count: number, parallel: number): Promise<void> {
  let left = count;
  const worker = async () => {
    while (left-- > 0) {
      const answer = await receiver.post('/alertmanager', nextAlert(), { agent: keepAlive });
      if (answer.status !== 200) throw new Error(`the receiver answered ${answer.status}: ${answer.text}`);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}

async function throughput(text: string): Promise<void> {
  const [served, raw] = [tempRepo(), tempRepo()];
  for (const repo of [served, raw]) {
    mkdirSync(join(repo, '.incidents'));
    writeFileSync(join(repo, STORE), text);
  }
  const receiver = await startReceiver(served);
  const floorStore = new IncidentStore(raw);
  const ids = floorStore
    .read()
    .incidents.slice(0, GROUPS)
    .map((incident) => incident.id);
  let cycle = 0;
  const floor = async () => {
    for (let n = 0; n < PER_RUN; n++, cycle++) {
      const id = ids[cycle % GROUPS];
      await floorStore.mutateDocument((document) => ({
        ...document,
        incidents: document.incidents.map((incident) =>
          incident.id === id ? addTimelineEvent(incident, { kind: 'note', text: `cycle ${cycle}` }, { at: new Date(), author: 'Bench <bench@example.com>' }) : incident,
        ),
      }));
    }
  };
  try {
    // The 10 incidents opened first, and both sides warm.
    await postAlerts(receiver, GROUPS * 2, 1);
    await floor();
    const [oneAtATime, floorA] = await timeSideBySide(RUNS, () => postAlerts(receiver, PER_RUN, 1), floor);
    const [fourAtATime, floorB] = await timeSideBySide(RUNS, () => postAlerts(receiver, PER_RUN, 4), floor);
    const bytes = statSync(join(served, STORE)).size;
    const perSecond = (ms: number) => ((PER_RUN / ms) * 1000).toFixed(0).padStart(8);
    console.log(`store of ${COUNT.toLocaleString('en')} incidents, ${(bytes / 1e6).toFixed(1)} MB; runs of ${PER_RUN} alerts, medians of ${RUNS}`);
    console.log('alerts accepted, each durably written        ours (/s)   limit (/s)   ratio');
    for (const [label, ours, limit] of [
      ['over HTTP one at a time', oneAtATime, floorA],
      ['over HTTP four at a time', fourAtATime, floorB],
    ] as const) {
      const ratio = ours / limit;
      console.log(`${label.padEnd(44)} ${perSecond(ours)}   ${perSecond(limit)}   ${ratio.toFixed(2)}× ${ratio <= GOAL ? '(goal ≤ 1.5×: met)' : '(goal ≤ 1.5×: NOT met)'}`);
    }
  } finally {
    keepAlive.destroy();
    await receiver.stop();
  }
}

async function appearance(document: StoreDocument): Promise<void> {
  const team = await loopbackTeam({ branch: 'incident-log', path: '.incidents/incidents.json', text: formatStore(withTeamSyncSettings(document, { enabled: true })), count: 2 });
  const [a, b] = team.clones.map((root) => ({ root, store: new IncidentStore(root), git: new GitCommand(root) }));
  for (const clone of [a, b]) await syncStore(clone.store, clone.git, { remote: 'origin', branch: 'incident-log', timeoutMs: 15_000 });
  const receiver = await startReceiver(a.root);
  const am = await startAlertmanager({ webhookUrl: `${receiver.url}/alertmanager`, bearerToken: TOKEN });
  const syncB = new TeamSync({
    root: b.root,
    store: () => b.store,
    gitPath: () => undefined,
    trusted: () => true,
    settings: () => ({}),
    hasActiveIncident: () => b.store.read().incidents.some(isActive),
    author: async () => 'Bench <bench@example.com>',
    afterSync: () => undefined,
    log: () => undefined,
  });
  const rows: { total: number; received: number; shared: number }[] = [];
  try {
    syncB.refresh();
    const start = performance.now();
    for (let trial = 0; trial < TRIALS && (trial < 3 || performance.now() - start < TRIALS_BUDGET_MS); trial++) {
      // B's tick falls anywhere in its cycle.
      await sleep(Math.random() * 20_000);
      const name = `BenchAppear${trial}x${Math.random().toString(36).slice(2, 8)}`;
      const sharedBefore = receiver.log.filter((line) => / sync origin\/incident-log: shared /.test(line)).length;
      const posted = performance.now();
      const postedWall = Date.now();
      await am.postAlerts([{ labels: { alertname: name, severity: 'critical' }, startsAt: new Date(Date.now() - 120_000).toISOString() }]);
      let received = Number.NaN;
      for (;;) {
        if (Number.isNaN(received) && readFileSync(join(a.root, STORE), 'utf8').includes(name)) received = performance.now() - posted;
        if (readFileSync(join(b.root, STORE), 'utf8').includes(name)) break;
        if (performance.now() - posted > 120_000) throw new Error(`${name} did not reach the second clone within 120 s`);
        await sleep(20);
      }
      const total = performance.now() - posted;
      const sharedLine = receiver.log.filter((line) => / sync origin\/incident-log: shared /.test(line))[sharedBefore];
      // The log line starts with its ISO time.
      const shared = sharedLine ? Date.parse(sharedLine.slice(0, 24)) - postedWall : Number.NaN;
      rows.push({ total, received, shared });
    }
  } finally {
    syncB.dispose();
    await am.stop();
    await receiver.stop();
    await team.stop();
  }
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const totals = rows.map((row) => row.total);
  console.log(`\nPOST to Alertmanager → incident in a second clone (default intervals; ${rows.length} trials)`);
  console.log(`  median ${s(median(totals))}, max ${s(Math.max(...totals))} ${median(totals) < APPEARANCE_GOAL_S * 1000 ? '(goal < 10 s: met)' : '(goal < 10 s: NOT met)'}`);
  console.log(
    `  split (medians): Alertmanager → receiver's store ${s(median(rows.map((r) => r.received)))}; → shared ${s(median(rows.map((r) => r.shared)))}; → second clone ${s(median(totals))}`,
  );
  console.log("  the second clone's wait for its next tick (every 10 s while an incident is active) is most of it; a receiver in that clone too would take it at once");
}

async function main(): Promise<void> {
  execFileSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'build.mjs'), 'cli', '--production'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  const document = realisticTeamStore();
  await throughput(formatStore(document));
  await appearance(document);
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
