/**
 * `incident intake serve` stopped with SIGTERM (dist/cli.js as a child
 * process): requests it had accepted, held up behind another writer's lock
 * on the store, are still taken and answered 200; new connections are
 * refused at once; it exits 0. /healthz answers without a token.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { StoreLock } from '../../../src/store/storeLock';
import { amAlert, amBody } from '../core/intake/payloads/payloadBuilders';
import { emptyRepo } from '../git/repoBuilder';
import { buildCli, send, STORE, startReceiver, storeBytes } from './receiverProcess';

describe('intake serve: SIGTERM', function () {
  this.timeout(300_000);
  before(() => buildCli());

  it('finishes and answers the requests it accepted, refuses new connections, and exits 0', async () => {
    const repo = emptyRepo();
    const receiver = await startReceiver(repo);
    // Another writer holds the store: the receiver's writes wait for it.
    mkdirSync(join(repo, '.incidents'));
    const lock = await StoreLock.acquire(join(repo, STORE));
    let released = false;
    try {
      const health = await receiver.post('/healthz', '', { method: 'GET', token: null });
      assert.deepEqual([health.status, health.text], [200, 'ok\n']);
      const sent: Promise<void>[] = [];
      const pending = Array.from({ length: 5 }, (_, n) => {
        let told: () => void = () => undefined;
        sent.push(new Promise<void>((resolve) => (told = resolve)));
        const body = amBody([amAlert({ fingerprint: `held-${n}`, labels: { alertname: 'Held', instance: `i${n}` } })]);
        return receiver.post('/alertmanager', body, { sent: () => told() });
      });
      await Promise.all(sent);
      // Answered only once every request sent before it has been read (one event loop, loopback): the five are in hand.
      assert.equal((await send(`${receiver.url}/healthz`, '', { method: 'GET', token: null })).status, 200);
      receiver.child.kill('SIGTERM');
      await receiver.waitForLog(/ SIGTERM: not accepting new requests; finishing the ones accepted$/);
      await assert.rejects(send(`${receiver.url}/healthz`, '', { method: 'GET', token: null }), /ECONNREFUSED/, 'no new connection once stopping');
      assert.equal(storeBytes(repo), undefined, 'nothing written while the lock is held');
      lock.release();
      released = true;
      const answers = await Promise.all(pending);
      assert.deepEqual(
        answers.map((answer) => answer.status),
        [200, 200, 200, 200, 200],
        answers.map((answer) => answer.text).join(''),
      );
      assert.deepEqual(await receiver.exited, { code: 0, signal: null });
      const stored = JSON.parse(storeBytes(repo)!.toString('utf8')).incidents.flatMap((incident: { alerts: { fingerprint: string }[] }) =>
        incident.alerts.map((a) => a.fingerprint),
      );
      assert.equal(stored.length, 5);
      assert.match(receiver.log.at(-1) ?? '', /Z stopped$/);
    } finally {
      if (!released) lock.release();
      await receiver.stop('SIGKILL');
    }
  });
});
