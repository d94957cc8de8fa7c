/**
 * Who gets in to `incident intake serve` (dist/cli.js as a child process):
 * it will not start without a secret or with a token anyone could read; a
 * wrong, missing or mis-schemed token is 401 and writes nothing; Sentry's
 * and Grafana's HMAC signatures let their own payloads in on their own path
 * only, Grafana's timestamp is checked, and a receiver with signatures alone
 * takes no bearer token at all.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../harness/projectPaths';
import { emptyRepo } from '../git/repoBuilder';
import { buildCli, CLI, startReceiver, storeBytes, TOKEN } from './receiverProcess';

const FIXTURES = join(PROJECT_ROOT, 'test', 'fixtures', 'intake');
const fixture = (path: string) => readFileSync(join(FIXTURES, path));
const SENTRY_SECRET = 'sentry-client-secret-0f3e9a61c4b2d8e7';
const GRAFANA_SECRET = 'grafana-hmac-secret-77c1';
const hmac = (secret: string, bytes: Buffer | string) => createHmac('sha256', secret).update(bytes).digest('hex');

function serveOnce(repo: string, args: string[], env: Record<string, string> = {}) {
  const clean = { ...process.env };
  for (const name of ['INCIDENT_INTAKE_TOKEN', 'INCIDENT_INTAKE_SENTRY_SECRET', 'INCIDENT_INTAKE_GRAFANA_SECRET']) delete clean[name];
  const result = spawnSync(process.execPath, [CLI, 'intake', 'serve', ...args], { cwd: repo, env: { ...clean, ...env }, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('intake serve: credentials', function () {
  this.timeout(300_000);
  before(() => buildCli());

  it('refuses to start, in one line and exit 1, without a secret, with a token others can read, an empty or short one, two tokens, or an address it cannot use', async () => {
    const repo = emptyRepo();
    const dir = mkdtempSync(join(tmpdir(), 'incident-token-'));
    const file = (name: string, text: string, mode: number) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      chmodSync(path, mode);
      return path;
    };
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const busyPort = (busy.address() as { port: number }).port;
    const cases: [string[], Record<string, string>, RegExp][] = [
      [[], {}, /^incident: intake serve needs a secret: a bearer token in INCIDENT_INTAKE_TOKEN or --token-file FILE/],
      [[], { INCIDENT_INTAKE_TOKEN: '   ' }, /needs a secret/],
      [['--token-file', file('shared', `${TOKEN}\n`, 0o644)], {}, /can be read by others \(mode 644\); make it yours alone: chmod 600 /],
      [['--token-file', file('empty', '\n', 0o600)], {}, /holds no token; make one with openssl rand -hex 32$/],
      [['--token-file', join(dir, 'missing')], {}, /^incident: cannot read --token-file .*missing: ENOENT$/],
      [[], { INCIDENT_INTAKE_TOKEN: 'short' }, /must be at least 16 characters without spaces/],
      [['--token-file', file('mine', TOKEN, 0o600)], { INCIDENT_INTAKE_TOKEN: TOKEN }, /give the token one way/],
      [['--listen', 'everywhere'], { INCIDENT_INTAKE_TOKEN: TOKEN }, /--listen must be HOST:PORT, such as 127\.0\.0\.1:9095/],
      [['--listen', `127.0.0.1:${busyPort}`], { INCIDENT_INTAKE_TOKEN: TOKEN }, /^incident: cannot listen on 127\.0\.0\.1:\d+: the port is in use$/],
    ];
    try {
      for (const [args, env, expected] of cases) {
        const result = serveOnce(repo, args, env);
        assert.equal(result.code, 1, `${args.join(' ')} ${JSON.stringify(env)}: ${result.stderr}`);
        assert.match(result.stderr.trim(), expected);
        assert.equal(result.stderr.trim().split('\n').length, 1, 'one line');
        assert.ok(!result.stderr.includes(TOKEN), 'the token is never said');
      }
    } finally {
      busy.close();
    }
    assert.equal(storeBytes(repo), undefined, 'nothing was written');
  });

  it('a token file of its own (mode 600) is the bearer token; a wrong, missing or Basic one gets 401 and writes nothing', async () => {
    const repo = emptyRepo();
    const tokenFile = join(mkdtempSync(join(tmpdir(), 'incident-token-')), 'token');
    writeFileSync(tokenFile, `${TOKEN}\n`, { mode: 0o600 });
    const receiver = await startReceiver(repo, { token: null, args: ['--token-file', tokenFile] });
    try {
      const body = fixture('alertmanager-real/firing.json');
      for (const headers of [
        {} as Record<string, string>,
        { Authorization: `Bearer ${TOKEN}x` },
        { Authorization: `Bearer ${TOKEN.slice(0, -1)}` },
        { Authorization: `Basic ${TOKEN}` },
        { Authorization: TOKEN },
      ]) {
        const answer = await receiver.post('/alertmanager', body, { token: null, headers });
        assert.equal(answer.status, 401, JSON.stringify(headers));
        assert.equal(answer.headers['www-authenticate'], 'Bearer');
      }
      assert.equal(storeBytes(repo), undefined, 'nothing written for a refused request');
      const taken = await receiver.post('/alertmanager', body, { headers: { Authorization: `bearer ${TOKEN}` } });
      assert.equal(taken.status, 200, taken.text);
      assert.equal(JSON.parse(taken.text).outcome, 'declared');
      assert.equal(receiver.log.filter((line) => / POST \/alertmanager 401 unauthorized - \d+ms$/.test(line)).length, 5);
      assert.ok(!receiver.log.join('\n').includes(TOKEN.slice(0, 10)));
    } finally {
      await receiver.stop();
    }
  });

  it("takes Sentry's and Grafana's signed webhooks on their own paths only, checks Grafana's timestamp, and takes no bearer token when none is set", async () => {
    const repo = emptyRepo();
    const receiver = await startReceiver(repo, {
      token: null,
      env: {
        INCIDENT_INTAKE_SENTRY_SECRET: SENTRY_SECRET,
        INCIDENT_INTAKE_GRAFANA_SECRET: GRAFANA_SECRET,
        INCIDENT_INTAKE_GRAFANA_TIMESTAMP_HEADER: 'X-Grafana-Alerting-Timestamp',
      },
    });
    try {
      const sentry = fixture('sentry/issue-alert-node.json');
      const grafana = fixture('grafana/firing.json');
      const now = String(Math.floor(Date.now() / 1000));
      const stale = String(Math.floor(Date.now() / 1000) - 600);
      const grafanaHeaders = (timestamp: string, signed = `${timestamp}:${grafana}`) => ({
        'X-Grafana-Alerting-Timestamp': timestamp,
        'X-Grafana-Alerting-Signature': hmac(GRAFANA_SECRET, signed),
      });
      const refused: [string, Buffer, Record<string, string>, string?][] = [
        ['/sentry', sentry, { 'Sentry-Hook-Signature': hmac('not-the-secret', sentry) }],
        ['/sentry', sentry, { 'Sentry-Hook-Signature': hmac(SENTRY_SECRET, `${sentry} `) }],
        ['/alertmanager', sentry, { 'Sentry-Hook-Signature': hmac(SENTRY_SECRET, sentry) }],
        ['/grafana', sentry, { 'Sentry-Hook-Signature': hmac(SENTRY_SECRET, sentry) }],
        ['/sentry', sentry, {}, 'any bearer token'],
        ['/grafana', grafana, grafanaHeaders(stale)],
        ['/grafana', grafana, grafanaHeaders(now, grafana.toString())],
        ['/sentry', grafana, grafanaHeaders(now)],
      ];
      for (const [path, body, headers, token] of refused) {
        const answer = await receiver.post(path, body, { token: token ?? null, headers });
        assert.equal(answer.status, 401, `${path} ${JSON.stringify(headers)}`);
      }
      assert.equal(storeBytes(repo), undefined, 'nothing written for a refused request');
      const fromSentry = await receiver.post('/sentry', sentry, { token: null, headers: { 'Sentry-Hook-Signature': hmac(SENTRY_SECRET, sentry).toUpperCase() } });
      assert.equal(fromSentry.status, 200, fromSentry.text);
      assert.equal(JSON.parse(fromSentry.text).outcome, 'declared');
      const fromGrafana = await receiver.post('/grafana', grafana, { token: null, headers: grafanaHeaders(now) });
      assert.equal(fromGrafana.status, 200, fromGrafana.text);
      assert.equal(JSON.parse(fromGrafana.text).outcome, 'declared');
      assert.equal(JSON.parse(storeBytes(repo)!.toString('utf8')).incidents.length, 2);
      const logged = receiver.log.join('\n');
      for (const secret of [SENTRY_SECRET, GRAFANA_SECRET, hmac(SENTRY_SECRET, sentry)]) assert.ok(!logged.includes(secret), 'no secret or signature in the log');
    } finally {
      await receiver.stop();
    }
  });
});
