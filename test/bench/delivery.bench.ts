/**
 * Updates out against the physical limit, in one process, on 127.0.0.1:
 * the time from posting an update (the store write that appends it with its
 * deliveries, changeIncident with the writer's deliveries, as `incident update`
 * writes it) through runDeliveries for that incident until a Slack-shaped
 * loopback receiver has the whole request, against
 *   (a) a bare HTTP POST (node:http) of the same body to the same receiver,
 *   (b) the store write alone (the same update, no deliveries).
 * Samples in turns (ours, POST, write, ours, …), medians, a real git repo
 * with a store, no team sync; a small store and a team's year of incidents.
 *
 * Between the update and the request the protocol writes the `sending` mark
 * (deliveryRecords.ts: a crash after the request must never read as "not
 * sent"), so the floor of ours is two store writes and a POST; the table
 * says how far above the first write plus the POST ours is (the goal, ≤ 1.5×)
 * and what the second write costs.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { planOf } from '../../src/cli/incidentLines';
import { cliWriter } from '../../src/cli/planNotices';
import { declareIncident } from '../../src/core/lifecycle/declare';
import { postStatusUpdate } from '../../src/core/lifecycle/changes';
import { STORE_SCHEMA_VERSION, type Incident } from '../../src/core/record/schema';
import { IncidentStore } from '../../src/store/incidentStore';
import { formatStore } from '../../src/store/stableFormat';
import { runDeliveries, type RunOptions } from '../../src/workflows/delivery/deliveryLoop';
import { changeIncident } from '../../src/workflows/incidentWrites';
import { generatedHistory } from '../unit/core/merge/generatedHistory';
import { tempRepo } from '../unit/store/tempRepo';
import { collectGarbage, median } from './timing';

const RUNS = 30;
const GOAL = 1.5;
const AUTHOR = 'Bench <bench@example.com>';
const SLACK_PATH = '/services/T0BENCH/B0BENCH/bench-token-not-a-secret';

/** A Slack-shaped receiver: answers 200 "ok" once the body is in, and says so to whoever waits for the next request. */
async function slackReceiver(): Promise<{ url: string; next(): Promise<string>; server: Server }> {
  let waiting: ((raw: string) => void) | undefined;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      if (req.url !== SLACK_PATH || !raw.startsWith('{')) res.writeHead(400).end('invalid_payload');
      else res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
      const done = waiting;
      waiting = undefined;
      done?.(raw);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${SLACK_PATH}`;
  return { url, server, next: () => new Promise<string>((resolve) => (waiting = resolve)) };
}

/** The bare POST: node:http, the same body, answered 200. */
function barePost(url: string, raw: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(raw) } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`bare POST answered ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(raw);
  });
}

/** A repository with the store (the incident to update first, then `others`) and a plan whose channel "ops-slack" takes updates to "ops". */
function repository(others: Incident[]): { root: string; id: string } {
  const root = tempRepo();
  const at = new Date();
  const incident = declareIncident({ title: 'Checkout returns 500', category: 'regression', severity: 'SEV1' }, { at, author: AUTHOR }, 'INC-BENCH000');
  mkdirSync(join(root, '.incidents'));
  writeFileSync(join(root, '.incidents', 'incidents.json'), formatStore({ version: STORE_SCHEMA_VERSION, incidents: [incident, ...others], deploys: [] }));
  const plan = { version: 1, channels: [{ name: 'ops-slack', audience: 'ops', reach: '#ops', delivery: { kind: 'slack' } }] };
  writeFileSync(join(root, '.incidents', 'plan.json'), `${JSON.stringify(plan, null, 2)}\n`);
  return { root, id: incident.id };
}

async function measure(label: string, others: Incident[]): Promise<void> {
  const { root, id } = repository(others);
  const store = new IncidentStore(root);
  // Ours writes the update with its delivery, as `incident update` does; the store write alone is the same write without deliveries.
  const writer = { ...cliWriter(store), deliveries: { plan: () => planOf(store), machine: () => 'bench' } };
  const plainWriter = { store, plan: () => planOf(store) };
  const receiver = await slackReceiver();
  const options: RunOptions = { machine: 'bench', plan: planOf(store), secrets: () => receiver.url, now: () => new Date(), timeoutMs: 10_000, incidents: [id] };
  let n = 0;
  const update = (current: Incident, at: Date) =>
    postStatusUpdate(current, { audience: 'ops', text: `Rolling back the 14:02 deploy; error rate falling (${n++})` }, { at, author: AUTHOR });

  /** Ours: the update written with its delivery, then the loop, until the receiver has the request; the loop's last write is not timed. */
  let lastBody = '';
  const ours = async () => {
    const received = receiver.next();
    const t0 = performance.now();
    await changeIncident(writer, id, (current, ctx) => update(current, ctx.at), { at: new Date(), author: AUTHOR });
    const written = performance.now();
    const run = runDeliveries({ store }, options);
    lastBody = await received;
    const t1 = performance.now();
    const summary = await run;
    if (summary.sent.length !== 1) throw new Error(`not delivered: ${JSON.stringify(summary)}`);
    return { total: t1 - t0, write: written - t0 };
  };
  const post = async () => {
    const received = receiver.next();
    const t0 = performance.now();
    await Promise.all([barePost(receiver.url, lastBody), received]);
    return performance.now() - t0;
  };
  const writeAlone = async () => {
    const t0 = performance.now();
    await changeIncident(plainWriter, id, (current, ctx) => update(current, ctx.at), { at: new Date(), author: AUTHOR });
    return performance.now() - t0;
  };

  try {
    for (let warm = 0; warm < 3; warm++) {
      await ours();
      await post();
      await writeAlone();
    }
    const samples = { ours: [] as number[], oursWrite: [] as number[], post: [] as number[], write: [] as number[] };
    for (let i = 0; i < RUNS; i++) {
      collectGarbage();
      const o = await ours();
      samples.ours.push(o.total);
      samples.oursWrite.push(o.write);
      collectGarbage();
      samples.post.push(await post());
      collectGarbage();
      samples.write.push(await writeAlone());
    }
    const [total, postMs, writeMs, oursWrite] = [median(samples.ours), median(samples.post), median(samples.write), median(samples.oursWrite)];
    const bytes = statSync(join(root, '.incidents', 'incidents.json')).size;
    const ms = (value: number) => `${value.toFixed(2).padStart(7)} ms`;
    const goal = (total - writeMs) / postMs;
    const times = (value: number) => `${value.toFixed(2).padStart(7)}×`;
    console.log(`\n${label}: store ${(bytes / 1e6).toFixed(2)} MB, Slack-shaped receiver on 127.0.0.1, body ${Buffer.byteLength(lastBody)} B; medians of ${RUNS}, in turns`);
    console.log(`  ours: post an update → receiver has it     ${ms(total)}   (update written ${ms(oursWrite)}, then the loop ${ms(total - oursWrite)})`);
    console.log(`  (a) bare POST of the same body             ${ms(postMs)}`);
    console.log(`  (b) the store write alone                  ${ms(writeMs)}`);
    console.log(`  (ours − b) / a                             ${times(goal)}  (goal ≤ 1.5×, ours ≤ 1.5×a + b: ${goal <= GOAL ? 'met' : 'NOT met'})`);
    console.log(`  ours / (a + b)                             ${times(total / (postMs + writeMs))}`);
    console.log(
      `  (ours − 2b) / a                            ${times((total - 2 * writeMs) / postMs)}  (less the sending mark's store write too: composing, the loop's reads, the Slack library)`,
    );
  } finally {
    await new Promise<void>((resolve) => receiver.server.close(() => resolve()));
  }
}

async function main(): Promise<void> {
  await measure('one incident', []);
  const { incidents } = generatedHistory(1_000, 28);
  await measure('a team store of 1,000 incidents', incidents);
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
