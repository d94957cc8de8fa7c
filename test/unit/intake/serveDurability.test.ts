/**
 * What `incident intake serve` (dist/cli.js as a child process) promises
 * about the store: 200 notifications at once, distinct alerts and repeats,
 * leave each distinct alert once with its exact count; and a receiver killed
 * with SIGKILL in the middle of a burst, 20 times over, never lost an alert it
 * answered 2xx for, never left a store that does not parse, and the next one
 * started on the same store goes on taking alerts.
 */
import * as assert from 'node:assert/strict';
import type { StoreDocument } from '../../../src/core/record/schema';
import { parseStoreText } from '../../../src/store/storeFile';
import { amAlert, amBody } from '../core/intake/payloads/payloadBuilders';
import { emptyRepo } from '../git/repoBuilder';
import { buildCli, STORE, startReceiver, storeBytes, type Answer, type Receiver } from './receiverProcess';

const GROUPS = 5;
const PER_GROUP = 10;
const REPEATS = 4;

/** One alert of `group`, fingerprint `fingerprint`, in its own notification. */
const notification = (group: string, fingerprint: string) =>
  amBody([amAlert({ fingerprint, labels: { alertname: 'DiskFull', group, instance: fingerprint, severity: 'warning' }, startsAt: '2026-06-01T12:00:00Z' })], {
    groupKey: `{}:{alertname="DiskFull", group="${group}"}`,
    groupLabels: { alertname: 'DiskFull', group },
  });

/** Posts until the receiver takes it, waiting as Retry-After says when it is busy (Alertmanager retries too). */
async function postUntilTaken(receiver: Receiver, body: unknown): Promise<Answer> {
  for (let attempt = 1; ; attempt++) {
    const answer = await receiver.post('/alertmanager', body);
    if (answer.status !== 503 || attempt === 200) return answer;
    await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200));
  }
}

const parsed = (repo: string): StoreDocument => {
  const { document, problems } = parseStoreText(STORE, storeBytes(repo)!.toString('utf8'));
  assert.deepEqual(problems, []);
  return document;
};

describe('intake serve: durability', function () {
  this.timeout(900_000);
  before(() => buildCli());

  it('200 notifications at once (50 distinct alerts, each sent 4 times): each alert once, counted exactly 4 times, one incident per group', async () => {
    const repo = emptyRepo();
    const receiver = await startReceiver(repo);
    try {
      const bodies = [];
      for (let round = 0; round < REPEATS; round++) for (let g = 0; g < GROUPS; g++) for (let a = 0; a < PER_GROUP; a++) bodies.push(notification(`g${g}`, `f${g}-a${a}`));
      const answers = await Promise.all(bodies.map((body) => postUntilTaken(receiver, body)));
      assert.deepEqual([...new Set(answers.map((answer) => answer.status))], [200], answers.find((answer) => answer.status !== 200)?.text);
      const counts = answers.map((answer) => JSON.parse(answer.text).counts as { new: number; changed: number; repeats: number });
      assert.equal(
        counts.reduce((sum, c) => sum + c.new, 0),
        GROUPS * PER_GROUP,
        'each alert new once',
      );
      assert.equal(
        counts.reduce((sum, c) => sum + c.repeats, 0),
        GROUPS * PER_GROUP * (REPEATS - 1),
      );
      const document = parsed(repo);
      assert.equal(document.incidents.length, GROUPS);
      for (const incident of document.incidents) {
        assert.equal(incident.alerts?.length, PER_GROUP);
        assert.deepEqual([...new Set(incident.alerts?.map((alert) => alert.notifications))], [REPEATS]);
        const lines = incident.timeline.filter((event) => (event.data as { alert?: string } | undefined)?.alert);
        assert.equal(lines.length, PER_GROUP, 'one timeline line per alert');
      }
      // One log line per request taken (and one per 503 before it).
      await receiver.waitForLog(/ POST \/alertmanager 200 (declared|attached) INC-\S+ \d+ms$/, 60_000, bodies.length);
    } finally {
      await receiver.stop();
    }
  });

  it('SIGKILL in the middle of a burst, 20 times: every alert answered 2xx is in the store, the store parses, and the next receiver goes on', async () => {
    const repo = emptyRepo();
    const acknowledged = new Set<string>();
    for (let trial = 0; trial < 20; trial++) {
      const receiver = await startReceiver(repo);
      const killAfter = 1 + (trial % 4);
      let answered = 0;
      const burst = Array.from({ length: 12 }, (_, n) => {
        const fingerprint = `t${trial}-n${n}`;
        return receiver.post('/alertmanager', notification(`t${trial % 3}`, fingerprint)).then(
          (answer) => {
            if (answer.status >= 200 && answer.status < 300) acknowledged.add(fingerprint);
            // The kill lands while the rest of the burst is being read, queued or written.
            if (++answered === killAfter) receiver.child.kill('SIGKILL');
          },
          () => undefined, // Cut off by the kill: never answered, so never promised.
        );
      });
      await Promise.all(burst);
      if (answered < killAfter) receiver.child.kill('SIGKILL');
      assert.equal((await receiver.exited).signal, 'SIGKILL');
      const stored = new Set(parsed(repo).incidents.flatMap((incident) => incident.alerts?.map((alert) => alert.fingerprint) ?? []));
      const lost = [...acknowledged].filter((fingerprint) => !stored.has(fingerprint));
      assert.deepEqual(lost, [], `trial ${trial}: answered 2xx but not in the store`);
    }
    assert.ok(acknowledged.size >= 20, `each trial had alerts taken before the kill (${acknowledged.size})`);
    const after = await startReceiver(repo);
    try {
      const taken = await postUntilTaken(after, notification('after', 'afterall00000000'));
      assert.equal(taken.status, 200, taken.text);
      assert.ok(parsed(repo).incidents.some((incident) => incident.alerts?.some((alert) => alert.fingerprint === 'afterall00000000')));
    } finally {
      await after.stop();
    }
  });
});
