/**
 * Bad input to `incident intake serve` (dist/cli.js as a child process): an
 * unknown path or method, a body over the limit (declared or streamed), a
 * body that is not JSON or not a notification, a client too slow to send
 * its body, more requests at once than it handles, a store it cannot use.
 * Each gets its status and one line saying why, and the store's bytes stay
 * as they were. A hostile alert (control characters, 100 KB labels) is
 * stored clipped and shown with its escapes visible, in the log too.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { LABEL_VALUE_MAX } from '../../../src/core/intake/payloads/payloadValues';
import { parseStoreText } from '../../../src/store/storeFile';
import { PROJECT_ROOT } from '../../harness/projectPaths';
import { HOSTILE_TITLE, isTerminalSafe } from '../core/hostileText';
import { amAlert, amBody } from '../core/intake/payloads/payloadBuilders';
import { emptyRepo } from '../git/repoBuilder';
import { buildCli, CLI, STORE, startReceiver, storeBytes, TOKEN, type Receiver } from './receiverProcess';

const FIRING = readFileSync(join(PROJECT_ROOT, 'test', 'fixtures', 'intake', 'alertmanager-real', 'firing.json'));
const LIMIT = 5_000_000;

/** Sends headers and `partial` of a body that says it is longer, then waits for whatever the receiver answers (bounded). */
function stalledRequest(url: string, partial: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let answer = '';
    const timer = setTimeout(() => (socket.destroy(), reject(new Error(`no answer within 60 s: ${answer}`))), 60_000);
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
    socket.on('close', () => (clearTimeout(timer), resolve(answer)));
    socket.on('error', () => undefined);
    socket.write(`POST /alertmanager HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n${partial}`);
  });
}

/** Streams `total` bytes, chunked (no length said first), until the receiver answers; its status. */
function streamedBody(url: string, total: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(`${url}/alertmanager`, { method: 'POST', agent: false, headers: { Authorization: `Bearer ${TOKEN}`, 'Transfer-Encoding': 'chunked' } }, (response) => {
      answered = true;
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    // The answer comes before the body ends, and the connection closes under the writes: the answer is what counts.
    let failure: Error | undefined;
    req.on('error', (error) => (failure ??= error));
    req.on('close', () => answered || reject(failure ?? new Error('closed without an answer')));
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < total && !req.destroyed) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

describe('intake serve: bad input', function () {
  this.timeout(300_000);
  let repo: string;
  let receiver: Receiver;
  let before_: Buffer;

  before(async () => {
    buildCli();
    repo = emptyRepo();
    receiver = await startReceiver(repo);
    const first = await receiver.post('/alertmanager', FIRING);
    assert.equal(first.status, 200, first.text);
    before_ = storeBytes(repo)!;
  });
  after(async () => receiver?.stop());
  afterEach(() => assert.deepEqual(storeBytes(repo), before_, 'the store is byte for byte as it was'));

  it('404 for an unknown path, 405 for another method, each with one line, whatever the token', async () => {
    const cases: [string, string, number, RegExp][] = [
      ['/alertmanager/x', 'POST', 404, /^no such path; POST alerts to \/alertmanager, \/grafana, \/sentry, \/generic\n$/],
      ['/', 'GET', 404, /^no such path[^\n]*\n$/],
      ['/alertmanager', 'GET', 405, /^use POST\n$/],
      ['/alertmanager', 'PUT', 405, /^use POST\n$/],
      ['/healthz', 'POST', 405, /^use GET\n$/],
    ];
    for (const [path, method, status, text] of cases) {
      for (const token of [undefined, null]) {
        const answer = await receiver.post(path, FIRING, { method, token });
        assert.deepEqual([answer.status, answer.text.replace(text, 'ok')], [status, 'ok'], `${method} ${path}`);
      }
    }
  });

  it('413 for a body over 5 MB, said up front or streamed, and the receiver goes on', async () => {
    const declared = await receiver.post('/alertmanager', Buffer.alloc(LIMIT + 1, 0x20));
    assert.deepEqual([declared.status, declared.text], [413, `the body is larger than ${LIMIT} bytes; nothing was written\n`]);
    assert.equal(await streamedBody(receiver.url, LIMIT + 2 * 256 * 1024), 413);
    assert.equal((await receiver.post('/alertmanager', FIRING)).status, 200, 'a repeat is still taken');
    before_ = storeBytes(repo)!;
  });

  it("400 with one line for a body that is not JSON, not an object, or not a notification of the path's source", async () => {
    const cases: [string, string, RegExp][] = [
      ['/alertmanager', '{"version": "4", "alerts": [', /^the body is not JSON \(.*\); nothing was written$/],
      ['/alertmanager', '\u0000\u001b[2J', /^the body is not JSON/],
      ['/alertmanager', '[1, 2]', /^an alert notification is a JSON object, not a list; nothing was written$/],
      ['/alertmanager', '{"foo": 1}', /^not an Alertmanager notification: missing /],
      ['/grafana', FIRING.toString(), /^not a Grafana alerting notification: missing orgId; nothing was written$|^not a Grafana/],
      ['/generic', '{"status": "down"}', /^a generic alert is read through the mapping in the plan, and the plan has none; nothing was written$/],
      ['/alertmanager', JSON.stringify(amBody([amAlert({ startsAt: 'yesterday' })])), /^Alertmanager notification refused: /],
    ];
    for (const [path, body, reason] of cases) {
      const answer = await receiver.post(path, body);
      assert.equal(answer.status, 400, `${path} ${body}`);
      assert.equal(answer.text.split('\n').length, 2, 'one line');
      assert.match(answer.text.trim(), reason);
      assert.ok(isTerminalSafe(answer.text), 'controls escaped');
    }
    await receiver.waitForLog(/ POST \/alertmanager 400 not-json - \d+ms$/);
    await receiver.waitForLog(/ POST \/generic 400 unreadable - \d+ms$/);
  });

  it('408 for a client that does not send its body in time; 503 with Retry-After for a request beyond the 32 in hand', async () => {
    const stalled = Array.from({ length: 32 }, () => stalledRequest(receiver.url, '{"version":'));
    // Probed with a body that would be refused anyway (400, nothing written) until the 32 are in hand (counted once their headers are read).
    let busy;
    for (let tries = 0; tries < 500 && busy?.status !== 503; tries++) busy = await receiver.post('/alertmanager', 'not json');
    assert.equal(busy?.status, 503);
    assert.equal(busy?.headers['retry-after'], '1');
    assert.equal(busy?.text, 'too many requests at once; retry in a moment\n');
    for (const answer of await Promise.all(stalled))
      assert.match(answer, /^HTTP\/1\.1 408 Request Timeout\r\n[\s\S]*the request took longer than 10 s to arrive; nothing was written\n$/);
    await receiver.waitForLog(/ POST \/alertmanager 408 too-slow - \d+ms$/, 60_000, 32);
    assert.equal((await receiver.post('/alertmanager', FIRING)).status, 200, 'taken again once they are gone');
    before_ = storeBytes(repo)!;
  });

  it('a hostile alert (controls in its name, 100 KB labels) is stored clipped, and shown and logged with its escapes visible', async () => {
    const labels: Record<string, string> = { alertname: HOSTILE_TITLE, severity: 'critical', huge: 'x'.repeat(100_000) };
    for (let i = 0; i < 20; i++) labels[`big${i}`] = `${i}`.repeat(100_000);
    const hostile = amBody([amAlert({ labels, fingerprint: 'bad0bad0bad0bad0', annotations: { summary: HOSTILE_TITLE } })], { groupKey: `{}:{alertname="${HOSTILE_TITLE}"}` });
    const answer = await receiver.post('/alertmanager', hostile);
    assert.equal(answer.status, 200, answer.text);
    const { incident: id } = JSON.parse(answer.text);
    const text = storeBytes(repo)!.toString('utf8');
    const { document, problems } = parseStoreText(STORE, text);
    assert.deepEqual(problems, []);
    const stored = document.incidents.find((incident) => incident.id === id)!;
    assert.equal(stored.alerts?.[0].labels.huge.length, LABEL_VALUE_MAX);
    assert.ok(!stored.title.includes('\u0000'));
    const shown = spawnSync(process.execPath, [CLI, 'show', id], { cwd: repo, encoding: 'utf8' });
    assert.equal(shown.status, 0, shown.stderr);
    assert.ok(isTerminalSafe(shown.stdout) && isTerminalSafe(shown.stderr), 'incident show escapes what the alert sent');
    assert.ok(isTerminalSafe(receiver.log.join('\n')), 'so does the log');
    before_ = storeBytes(repo)!;
  });

  it('503 with one line while the store cannot be used (a conflicted file), and nothing written to it', async () => {
    const conflicted = `<<<<<<< ours\n${before_.toString('utf8')}=======\n{}\n>>>>>>> theirs\n`;
    writeFileSync(join(repo, STORE), conflicted);
    before_ = storeBytes(repo)!;
    const answer = await receiver.post('/alertmanager', FIRING);
    assert.equal(answer.status, 503);
    assert.equal(answer.headers['retry-after'], '30');
    assert.equal(answer.text.split('\n').length, 2, 'one line');
    assert.match(answer.text, /conflict/i);
    await receiver.waitForLog(/ POST \/alertmanager 503 store-unusable - \d+ms$/);
  });
});
