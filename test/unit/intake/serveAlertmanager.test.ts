/**
 * A real Prometheus Alertmanager sends its webhooks to `incident intake serve`
 * (dist/cli.js, a child process in a temp repository) with a bearer token;
 * alerts go in through Alertmanager's own API. One problem's whole life: the
 * firing alert opens one incident with the plan rule's severity and title,
 * Alertmanager's repeats only count, a second alert of the group attaches,
 * the resolution is recorded without moving the status, and the alert firing
 * again after the incident was resolved (through mitigated, by the CLI)
 * opens a new incident that names the old one. Waits are bounded.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Incident, StoreDocument } from '../../../src/core/record/schema';
import { startAlertmanager, type PostableAlert, type RunningAlertmanager } from '../../harness/alertmanager';
import { incident } from '../cli/runCli';
import { emptyRepo } from '../git/repoBuilder';
import { buildCli, startReceiver, storeBytes, TOKEN, type Receiver } from './receiverProcess';

const WAIT_MS = 90_000;
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

const PLAN = {
  version: 1,
  intake: {
    rules: [{ name: 'checkout-errors', match: { 'labels.service': 'checkout' }, severity: 'SEV2', title: 'Checkout failing: {{labels.alertname}} ({{labels.severity}})' }],
  },
};

function alert(instance: string, startsAt: string, endsAt?: string): PostableAlert {
  return {
    labels: { alertname: 'HighErrorRate', service: 'checkout', severity: 'critical', instance },
    annotations: { summary: `5xx above 5% on ${instance}`, runbook_url: 'https://runbooks.example/high-error-rate' },
    startsAt,
    ...(endsAt && { endsAt }),
    generatorURL: 'http://prometheus.example:9090/graph?g0.expr=up',
  };
}

const storeOf = (repo: string): StoreDocument => JSON.parse(storeBytes(repo)?.toString('utf8') ?? '{"incidents":[]}') as StoreDocument;

/** Polls the store until `test` holds (bounded); a time-out quotes both logs. */
async function until<T>(repo: string, test: (document: StoreDocument) => T | false | undefined, what: string, receiver: Receiver, am: RunningAlertmanager): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const found = test(storeOf(repo));
    if (found !== undefined && found !== false) return found as T;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${WAIT_MS} ms\nreceiver:\n${receiver.log.join('\n')}\nAlertmanager:\n${am.outputTail()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const alertEvents = (incident: Incident) => incident.timeline.filter((event) => (event.data as { alert?: string } | undefined)?.alert);

describe('intake serve behind a real Alertmanager', function () {
  this.timeout(600_000);
  let repo: string;
  let receiver: Receiver;
  let am: RunningAlertmanager;

  before(async () => {
    buildCli();
    repo = emptyRepo();
    mkdirSync(join(repo, '.incidents'));
    writeFileSync(join(repo, '.incidents', 'plan.json'), JSON.stringify(PLAN, null, 2));
    receiver = await startReceiver(repo);
    // A repeat every few seconds, as Alertmanager re-sends a group still firing after repeat_interval.
    am = await startAlertmanager({ webhookUrl: `${receiver.url}/alertmanager`, bearerToken: TOKEN, groupWait: '1s', groupInterval: '2s', repeatInterval: '4s' });
  });
  after(async () => {
    await am?.stop();
    await receiver?.stop();
  });

  it('opens one incident, counts repeats, attaches the group, records the resolution, and opens a new incident naming the old when it fires again', async () => {
    const firstStart = minutesAgo(3);
    await am.postAlerts([alert('web-1', firstStart)]);
    const opened = await until(repo, (d) => d.incidents[0], 'the incident opened', receiver, am);
    assert.equal(opened.severity, 'SEV2', "the plan rule's severity, not the default rule's SEV1 for critical");
    assert.equal(opened.title, 'Checkout failing: HighErrorRate (critical)');
    assert.equal(opened.declaredAt, new Date(firstStart).toISOString(), 'detected when the alert started');
    assert.match(await receiver.waitForLog(new RegExp(`POST /alertmanager 200 declared ${opened.id} \\d+ms$`)), /^\d{4}-\d\d-\d\dT[\d:.]+Z /);

    // Alertmanager sends the still-firing group again after repeat_interval: only the count moves.
    const repeated = await until(repo, (d) => (d.incidents[0].alerts?.[0].notifications ?? 0) >= 2 && d.incidents[0], 'a repeat counted', receiver, am);
    assert.equal(storeOf(repo).incidents.length, 1);
    assert.equal(alertEvents(repeated).length, 1, 'one timeline line for the alert, however often it is sent');
    assert.equal(repeated.alerts?.[0].changes, 0);

    await am.postAlerts([alert('web-2', minutesAgo(2))]);
    const grouped = await until(repo, (d) => d.incidents[0].alerts?.length === 2 && d.incidents[0], 'the second alert attached', receiver, am);
    assert.equal(storeOf(repo).incidents.length, 1, 'the same group joins the open incident');
    assert.deepEqual(grouped.alerts?.map((a) => a.labels.instance).sort(), ['web-1', 'web-2']);
    assert.equal(alertEvents(grouped).length, 2);

    const endedAt = minutesAgo(1);
    await am.postAlerts([alert('web-1', firstStart, endedAt), alert('web-2', grouped.alerts!.find((a) => a.labels.instance === 'web-2')!.startsAt, endedAt)]);
    const resolved = await until(repo, (d) => d.incidents[0].alerts?.every((a) => a.state === 'resolved') && d.incidents[0], 'both alerts resolved', receiver, am);
    assert.equal(resolved.status, 'detected', 'an alert never moves the status');
    assert.equal(resolved.timeline.filter((event) => /^Alert HighErrorRate resolved at /.test(event.text)).length, 2);

    for (const status of ['mitigated', 'resolved']) {
      const moved = await incident(repo, 'status', opened.id, status);
      assert.equal(moved.code, 0, moved.stderr);
    }
    await am.postAlerts([alert('web-1', minutesAgo(0.5))]);
    const again = await until(repo, (d) => d.incidents.find((i) => i.id !== opened.id), 'a new incident', receiver, am);
    assert.equal(storeOf(repo).incidents.length, 2);
    assert.equal(again.status, 'detected');
    assert.ok(
      again.timeline.some((event) => event.text === `Opened because its alerts fired again after ${opened.id} was resolved`),
      'the new incident names the old',
    );
    const old = storeOf(repo).incidents.find((i) => i.id === opened.id)!;
    assert.equal(old.status, 'resolved', 'the old incident stays resolved');
    assert.ok(!receiver.log.some((line) => line.includes(TOKEN)), 'the token is never logged');
  });

  it('answers /healthz, and on SIGTERM exits 0 saying it stopped', async () => {
    const health = await receiver.post('/healthz', '', { method: 'GET', token: null });
    assert.deepEqual([health.status, health.text], [200, 'ok\n']);
    assert.deepEqual(await receiver.stop('SIGTERM'), { code: 0, signal: null });
    assert.match(receiver.log.at(-1) ?? '', /Z stopped$/);
  });
});
