/**
 * Escalation from end to end, behind a real Prometheus Alertmanager. Two
 * clones of one team repository (git daemon on 127.0.0.1) each run
 * `incident intake serve`; Alertmanager sends every notification to both.
 * The plan routes SEV1 (what a critical alert opens) to a rotation with a
 * primary and a secondary, pages through our signed webhook (a loopback
 * receiver standing in for a paging service) and shortens SEV1's response
 * target to one minute, the shortest the SLA accepts. A firing alert opens
 * one SEV1 that nobody acknowledges: once the target passed, both clones
 * running `incident deliver` at the same time, again and again, page the
 * secondary exactly once, and each clone's timeline says so once. Another
 * alert's incident acknowledged before its target is never paged. Every wait
 * is for a condition, bounded.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Incident, StoreDocument } from '../../../src/core/record/schema';
import { defaultPlan } from '../../../src/core/plan/plan';
import { startAlertmanager, type RunningAlertmanager } from '../../harness/alertmanager';
import { as, QUICK_TIMES, spawned } from '../cli/deliveryClones';
import { deliveryWorld, writePlan, type DeliveryWorld } from '../cli/deliveryFixture';
import { team, type Clone, type Team } from '../sync/syncTeam';
import { buildCli, startReceiver, STORE, TOKEN, type Receiver } from './receiverProcess';
import { SAM, ANA, paymentsRotation } from '../core/paymentsRotation';

/** SEV1's response target in the plan: the shortest duration parseSlaDuration accepts (no seconds). */
const RESPONSE_MS = 60_000;
const WAIT_MS = 180_000;

/** The fixture's channels; SEV1 routed to "payments" (Sam primary, Ana secondary, for the whole test), paged through the signed webhook. */
function pagingPlan(world: DeliveryWorld): object {
  return {
    ...(world.plan as object),
    sla: { timeZone: 'UTC', targets: { SEV1: { response: '1m', resolution: '1h', updateEvery: '30m' } } },
    severities: { ...defaultPlan().severities, SEV1: { ...defaultPlan().severities.SEV1, rotation: 'payments' } },
    oncall: {
      timeZone: 'UTC',
      rotations: [paymentsRotation([SAM, ANA], ['ops-webhook'])],
    },
  };
}

const storeOf = (dir: string): StoreDocument => JSON.parse(readFileSync(join(dir, STORE), 'utf8')) as StoreDocument;
const incidentIn = (dir: string, id: string): Incident | undefined => storeOf(dir).incidents.find((candidate) => candidate.id === id);
const escalatedNotes = (incident: Incident | undefined) => (incident?.timeline ?? []).filter((event) => event.text.startsWith('Escalated to')).map((event) => event.text);

async function until<T>(what: string, find: () => T | false | undefined, logs: () => string): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const found = find();
    if (found !== undefined && found !== false) return found;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${WAIT_MS} ms\n${logs()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('escalation behind a real Alertmanager, two clones syncing', function () {
  this.timeout(900_000);
  let world: DeliveryWorld;
  let crew: Team;
  let a: Clone;
  let b: Clone;
  const intakes: Receiver[] = [];
  let am: RunningAlertmanager | undefined;

  const logs = () => [...intakes.map((intake) => intake.log.join('\n')), am?.outputTail() ?? ''].join('\n---\n');
  const pages = () =>
    world.receivers.accepted
      .filter((request) => request.kind === 'webhook' && (request.body as { event?: string }).event === 'escalation')
      .map((request) => request.body as { incident: { id: string }; headline: string; text: string });
  const syncBoth = async () => {
    for (const [machine, clone] of [
      ['alpha', a],
      ['beta', b],
      ['alpha', a],
    ] as const) {
      const synced = await as(machine, clone.dir, 'sync');
      assert.equal(synced.code, 0, synced.stderr);
    }
  };
  const deliverOnBoth = () => Promise.all([spawned('alpha', a.dir, 'deliver'), spawned('beta', b.dir, 'deliver')]);
  /** An alert posted to Alertmanager; the incident both receivers opened for it (the same id), found in both clones after a sync. */
  async function opened(labels: Record<string, string>, startsAt: Date): Promise<Incident> {
    const before = intakes.map((intake) => intake.log.length);
    await am!.postAlerts([{ labels, annotations: { summary: `${labels.alertname} firing` }, startsAt: startsAt.toISOString() }]);
    const ids = await Promise.all(
      intakes.map((intake, n) =>
        until(
          `intake ${n} declared an incident for ${labels.alertname}`,
          () =>
            intake.log
              .slice(before[n])
              .map((line) => / POST \/alertmanager 200 declared (INC-\S+) \d+ms$/.exec(line)?.[1])
              .find(Boolean),
          logs,
        ),
      ),
    );
    assert.equal(ids[0], ids[1], 'both receivers open the same incident');
    await syncBoth();
    const [inA, inB] = [a, b].map((clone) => incidentIn(clone.dir, ids[0]!));
    assert.ok(inA && inB, 'in both clones');
    assert.equal(storeOf(a.dir).incidents.filter((candidate) => candidate.id === ids[0]).length, 1);
    assert.equal(inA.severity, 'SEV1', 'a critical alert opens a SEV1');
    assert.equal(inA.roles.commander, undefined, 'proposed, not made commander');
    assert.equal(inA.acknowledgedAt, undefined);
    return inA;
  }

  before(async () => {
    buildCli();
    world = await deliveryWorld();
    crew = await team();
    [a, b] = [await crew.clone('a'), await crew.clone('b')];
    for (const clone of [a, b]) writePlan(clone.dir, pagingPlan(world));
    const enabled = await as('alpha', a.dir, 'sync', '--enable');
    assert.equal(enabled.code, 0, enabled.stderr);
    await syncBoth();
    // Each receiver a machine of its own; the channel secrets come from the environment deliveryWorld set.
    intakes.push(...(await Promise.all([a, b].map((clone, n) => startReceiver(clone.dir, { env: { INCIDENT_MACHINE_ID: `intake-${n}`, INCIDENT_DELIVERY_TIMES: QUICK_TIMES } })))));
    am = await startAlertmanager({ receivers: intakes.map((intake) => ({ url: `${intake.url}/alertmanager`, bearerToken: TOKEN })) });
  });

  after(async () => {
    await am?.stop();
    await Promise.all(intakes.splice(0).map((intake) => intake.stop('SIGKILL')));
    await crew?.server.stop();
    await world?.stop();
  });

  it('nobody acknowledges a critical alert by its response target: both clones deliver at once, again and again, and the secondary is paged once', async () => {
    const incident = await opened({ alertname: 'CheckoutDown', service: 'checkout', severity: 'critical' }, new Date());
    const due = Date.parse(incident.declaredAt) + RESPONSE_MS;
    const early = await spawned('alpha', a.dir, 'deliver');
    assert.equal(early.code, 0, early.stderr);
    // Only a run that ended before the target says anything about "not yet" (a loaded machine may be slower).
    if (Date.now() < due) assert.doesNotMatch(early.stdout, /escalation/, 'not before the response target');

    await until('the response target passed', () => Date.now() > due, logs);
    for (let round = 0; round < 10 && pages().length === 0; round++) await deliverOnBoth();
    assert.equal(pages().length, 1, 'paged once the claims were settled');
    for (let round = 0; round < 2; round++) await deliverOnBoth();

    assert.deepEqual(world.receivers.rejected, [], 'every request carried a good signature');
    assert.equal(pages().length, 1, 'exactly one page, however often both clones deliver');
    const [page] = pages();
    assert.equal(page.incident.id, incident.id);
    assert.match(page.headline, /^Not acknowledged, paging: \[SEV1\] /);
    assert.match(page.text, new RegExp(`Ana Díaz <ana@example.com> \\(payments secondary\\): you are next\\. Acknowledge with "incident ack ${incident.id}"`));
    assert.doesNotMatch(page.text, /Sam Lee/, 'the primary is not the one paged');

    await syncBoth();
    for (const clone of [a, b]) {
      const synced = incidentIn(clone.dir, incident.id);
      assert.deepEqual(escalatedNotes(synced), [`Escalated to ${ANA} (payments secondary) through ops-webhook: not acknowledged by the response target`]);
      assert.deepEqual(
        (synced?.deliveries ?? []).filter((record) => record.event === 'escalation').map((record) => record.state),
        ['sent'],
      );
    }
  });

  it('acknowledged on one clone before the target: after it passes, neither clone pages', async () => {
    const pagesBefore = pages().length;
    const incident = await opened({ alertname: 'PaymentsDown', service: 'payments', severity: 'critical' }, new Date());
    const due = Date.parse(incident.declaredAt) + RESPONSE_MS;
    const acked = await as('alpha', a.dir, 'ack', incident.id);
    assert.equal(acked.code, 0, acked.stderr);
    const acknowledgedAt = Date.parse(incidentIn(a.dir, incident.id)?.acknowledgedAt ?? '');
    assert.ok(acknowledgedAt < due, `acknowledged ${acknowledgedAt - due} ms after the target: this case needs it before`);
    await syncBoth();
    assert.ok(incidentIn(b.dir, incident.id)?.acknowledgedAt, 'the acknowledgement reached the other clone');

    await until('the response target passed', () => Date.now() > due, logs);
    for (let round = 0; round < 3; round++) {
      const runs = await deliverOnBoth();
      for (const run of runs) assert.equal(run.code, 0, run.stderr);
    }
    await syncBoth();
    assert.equal(pages().length, pagesBefore, 'no page');
    assert.deepEqual(
      pages().filter((page) => page.incident.id === incident.id),
      [],
    );
    for (const clone of [a, b]) {
      const synced = incidentIn(clone.dir, incident.id);
      assert.deepEqual(escalatedNotes(synced), []);
      assert.deepEqual(
        (synced?.deliveries ?? []).filter((record) => record.event === 'escalation'),
        [],
      );
    }
  });
});
