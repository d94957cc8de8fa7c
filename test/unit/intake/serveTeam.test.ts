/**
 * Receivers share through team sync. Two `incident intake serve` processes
 * on two clones of one bare remote (served by git daemon on 127.0.0.1), one
 * real Alertmanager sending every notification to both: each receiver opens
 * the same incident on its own (the id comes from the alert), shares it
 * within seconds, a burst of alerts is a few syncs, not one per alert, and a
 * sync of both clones leaves one incident, byte for byte the same, with each
 * alert event once. With the remote stopped, accepted alerts stay in the
 * receiver's store, through a restart too, and are shared when it returns.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Incident, StoreDocument } from '../../../src/core/record/schema';
import { syncStore } from '../../../src/workflows/sync';
import { startAlertmanager, type RunningAlertmanager } from '../../harness/alertmanager';
import { runGit } from '../../harness/gitServers';
import { incident } from '../cli/runCli';
import { amAlert, amBody } from '../core/intake/payloads/payloadBuilders';
import { OPTIONS, type Team, team } from '../sync/syncTeam';
import { buildCli, STORE, startReceiver, TOKEN, type Receiver } from './receiverProcess';

const SHARED = / sync origin\/incident-log: shared [0-9a-f]{8}, received \d+ record\(s\)$/;
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const storeOf = (dir: string): StoreDocument => JSON.parse(readFileSync(join(dir, STORE), 'utf8')) as StoreDocument;
/** The store on the remote's sync branch. */
const remoteStore = async (bare: string): Promise<StoreDocument> => JSON.parse(await runGit(bare, ['show', `incident-log:${STORE.split('\\').join('/')}`])) as StoreDocument;

async function until<T>(what: string, find: () => Promise<T | undefined> | T | undefined, logs: Receiver[], timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms\n${logs.map((r) => r.log.join('\n')).join('\n---\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Timeline events about alerts, by alert and state: each must appear once. */
const alertEventKeys = (incident: Incident) =>
  incident.timeline
    .filter((event) => (event.data as { alert?: string } | undefined)?.alert)
    .map((event) => `${(event.data as { alert: string }).alert} ${(event.data as { state?: string }).state}`);

describe('intake serve with team sync', function () {
  this.timeout(600_000);
  let t: Team | undefined;
  let am: RunningAlertmanager | undefined;
  const receivers: Receiver[] = [];
  before(() => buildCli());
  afterEach(async () => {
    await am?.stop();
    await Promise.all(receivers.splice(0).map((receiver) => receiver.stop('SIGKILL')));
    await t?.server.stop();
  });

  /** Two clones of the team's remote with team sync turned on in the store. */
  async function twoClones() {
    t = await team();
    const [ana, bo] = await Promise.all([t.clone('ana'), t.clone('bo')]);
    assert.equal((await incident(ana.dir, 'sync', '--enable')).code, 0);
    await syncStore(ana.store, ana.git, OPTIONS);
    await syncStore(bo.store, bo.git, OPTIONS);
    return [ana, bo] as const;
  }

  it('two receivers behind one Alertmanager open one incident; each shares it at once; a burst is a few syncs; a sync leaves both clones the same, each alert event once', async () => {
    const [ana, bo] = await twoClones();
    const [a, b] = await Promise.all([startReceiver(ana.dir), startReceiver(bo.dir)]);
    receivers.push(a, b);
    am = await startAlertmanager({
      receivers: [
        { url: `${a.url}/alertmanager`, bearerToken: TOKEN },
        { url: `${b.url}/alertmanager`, bearerToken: TOKEN },
      ],
    });
    const labels = { alertname: 'HighErrorRate', service: 'checkout', severity: 'critical' };
    await am.postAlerts([{ labels: { ...labels, instance: 'web-1' }, startsAt: minutesAgo(2) }]);
    const declared = await Promise.all([a, b].map((r) => r.waitForLog(/ POST \/alertmanager 200 declared INC-\S+ \d+ms$/, 90_000)));
    const [idA, idB] = declared.map((line) => /declared (INC-\S+)/.exec(line)![1]);
    assert.equal(idA, idB, 'both receivers derive the same incident from the alert');
    await am.postAlerts([{ labels: { ...labels, instance: 'web-2' }, startsAt: minutesAgo(1) }]);
    await Promise.all([a, b].map((r) => r.waitForLog(new RegExp(` POST /alertmanager 200 attached ${idA} `), 90_000)));
    // Shared by the receivers themselves, without anyone running a sync.
    await until('both alerts on the remote', async () => ((await remoteStore(t!.bare)).incidents.find((i) => i.id === idA)?.alerts?.length === 2 ? true : undefined), [a, b]);

    // A burst of 20 changes straight to one receiver: shared in a few syncs, not twenty.
    const syncsBefore = a.log.filter((line) => SHARED.test(line)).length;
    for (let n = 0; n < 20; n++) {
      const body = amBody([amAlert({ fingerprint: `burst-${n}`, labels: { alertname: 'Burst', instance: `b${n}` } })], { groupKey: '{}:{alertname="Burst"}' });
      assert.equal((await a.post('/alertmanager', body)).status, 200);
    }
    await until(
      'the burst on the remote',
      async () => ((await remoteStore(t!.bare)).incidents.find((i) => i.alerts?.some((x) => x.name === 'Burst'))?.alerts?.length === 20 ? true : undefined),
      [a],
    );
    const burstSyncs = a.log.filter((line) => SHARED.test(line)).length - syncsBefore;
    assert.ok(burstSyncs >= 1 && burstSyncs <= 8, `20 changes shared in ${burstSyncs} sync(s)`);

    for (const clone of [ana, bo, ana]) await syncStore(clone.store, clone.git, OPTIONS);
    const [textA, textB] = [ana.dir, bo.dir].map((dir) => readFileSync(join(dir, STORE), 'utf8'));
    assert.equal(textA, textB, 'both clones hold the same store');
    const both = storeOf(ana.dir).incidents.filter((i) => i.id === idA);
    assert.equal(both.length, 1, 'one incident');
    const keys = alertEventKeys(both[0]);
    assert.equal(keys.length, 2);
    assert.deepEqual([...new Set(keys)], keys, 'each alert event once');
    assert.deepEqual(both[0].alerts?.map((x) => x.labels.instance).sort(), ['web-1', 'web-2']);
  });

  it('with the remote stopped, accepted alerts stay in the store, through a restart too, and are shared when it returns', async () => {
    const [ana, bo] = await twoClones();
    let a = await startReceiver(ana.dir);
    receivers.push(a);
    await a.waitForLog(/ sync origin\/incident-log: /);
    await t!.server.stop();
    const post = async (receiver: Receiver, name: string) => {
      const answer = await receiver.post('/alertmanager', amBody([amAlert({ fingerprint: name, labels: { alertname: name } })], { groupKey: `{}:{alertname="${name}"}` }));
      assert.equal(answer.status, 200, answer.text);
      return JSON.parse(answer.text).incident as string;
    };
    const first = await post(a, 'offline1');
    await a.waitForLog(/ sync origin\/incident-log failed \(1 in a row; next try in 1 s; accepted alerts stay in the store\): /);
    assert.ok(
      storeOf(ana.dir).incidents.some((i) => i.id === first),
      'in the local store',
    );
    // Stopped while the remote is away: the last try fails, the alert stays.
    assert.deepEqual(await a.stop('SIGTERM'), { code: 0, signal: null });
    assert.match(a.log.join('\n'), /failed \(\d+ in a row; not shared yet: the next sync of this clone shares it/);
    a = await startReceiver(ana.dir);
    receivers.push(a);
    const second = await post(a, 'offline2');
    await a.waitForLog(/ sync origin\/incident-log failed \(2 in a row; next try in 2 s/);
    await t!.server.start();
    await a.waitForLog(SHARED);
    await syncStore(bo.store, bo.git, OPTIONS);
    const ids = storeOf(bo.dir).incidents.map((i) => i.id);
    assert.ok(ids.includes(first) && ids.includes(second), `both reached the other clone: ${ids.join(', ')}`);
  });
});
