/**
 * A real Prometheus Alertmanager (Debian's `prometheus-alertmanager`) for the
 * intake tests: a config file in a temp folder whose one receiver sends every
 * notification to the given webhooks (send_resolved, max_alerts 0, a bearer
 * token when given), the process on a free 127.0.0.1 port with clustering off,
 * started once it answers /-/ready. Alerts go in through Alertmanager's own
 * API (`POST /api/v2/alerts`), as Prometheus sends them. Every start and stop
 * is bounded; a failure quotes the end of the process's output.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where the binary is; ALERTMANAGER_PATH overrides. */
export const ALERTMANAGER_PATH = process.env.ALERTMANAGER_PATH ?? '/usr/bin/prometheus-alertmanager';

export interface WebhookTarget {
  url: string;
  /** Sent as `Authorization: Bearer <token>`. */
  bearerToken?: string;
}

export interface AlertmanagerOptions {
  /** Shorthand for one receiver; with `receivers`, it comes first. */
  webhookUrl?: string;
  bearerToken?: string;
  /** Every webhook that gets each notification (several intake receivers behind one Alertmanager). */
  receivers?: readonly WebhookTarget[];
  /** Labels that make a group; default alertname and service. */
  groupBy?: readonly string[];
  /** Alertmanager durations (`1s`, `5m`, `1h30m`). Defaults: 1s, 2s, 1h, 5m. */
  groupWait?: string;
  groupInterval?: string;
  repeatInterval?: string;
  resolveTimeout?: string;
  /** The binary to run; default ALERTMANAGER_PATH. */
  binary?: string;
}

/** An alert as Prometheus posts it to `/api/v2/alerts`; times are RFC 3339. */
export interface PostableAlert {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt?: string;
  endsAt?: string;
  generatorURL?: string;
}

export interface RunningAlertmanager {
  /** `http://127.0.0.1:<port>`, also its external URL. */
  readonly url: string;
  /** Posts the alerts to Alertmanager's API; rejects unless it answers 200. */
  postAlerts(alerts: readonly PostableAlert[]): Promise<void>;
  /** The end of what the process wrote, for a failing test's message. */
  outputTail(): string;
  /** SIGTERM, SIGKILL if still running after 10 s, then the temp folder removed. Safe to call twice. */
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
const READY_LIMIT_MS = 30_000;
const STOP_LIMIT_MS = 10_000;
const REQUEST_LIMIT_MS = 15_000;
const OUTPUT_KEPT = 8_000;
const PORT_ATTEMPTS = 3;
const DURATION = /^(\d+(ms|s|m|h|d|w|y))+$/;

/** Still running, killed on process exit so no test run leaves one behind. */
const running = new Set<ChildProcess>();
process.on('exit', () => running.forEach((child) => child.kill('SIGKILL')));

export async function startAlertmanager(options: AlertmanagerOptions): Promise<RunningAlertmanager> {
  const binary = options.binary ?? ALERTMANAGER_PATH;
  if (!existsSync(binary)) {
    throw new Error(
      `Alertmanager not found at ${binary}: install Debian's prometheus-alertmanager (apt-get install prometheus-alertmanager, as .ci/run does) or set ALERTMANAGER_PATH`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'incident-alertmanager-'));
  try {
    const configFile = join(dir, 'alertmanager.yml');
    writeFileSync(configFile, alertmanagerConfig(options));
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      try {
        return await launch(binary, configFile, dir, port);
      } catch (error) {
        // Another process took the port between our pick and Alertmanager's bind: pick again.
        if (!(error instanceof PortTakenError) || attempt === PORT_ATTEMPTS) throw error;
      }
    }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** The config file, as YAML whose every string is double-quoted JSON (valid YAML, nothing to escape by hand). */
export function alertmanagerConfig(options: AlertmanagerOptions): string {
  const targets = [...(options.webhookUrl !== undefined ? [{ url: options.webhookUrl, bearerToken: options.bearerToken }] : []), ...(options.receivers ?? [])];
  if (!targets.length) throw new Error('startAlertmanager needs a webhookUrl or receivers');
  const q = (value: string) => JSON.stringify(value);
  const duration = (name: string, value: string) => {
    if (!DURATION.test(value)) throw new Error(`${name} "${value}" is not an Alertmanager duration such as 1s, 5m or 1h30m`);
    return q(value);
  };
  const lines = [
    'global:',
    `  resolve_timeout: ${duration('resolveTimeout', options.resolveTimeout ?? '5m')}`,
    'route:',
    '  receiver: "incident-intake"',
    `  group_by: [${(options.groupBy ?? ['alertname', 'service']).map(q).join(', ')}]`,
    `  group_wait: ${duration('groupWait', options.groupWait ?? '1s')}`,
    `  group_interval: ${duration('groupInterval', options.groupInterval ?? '2s')}`,
    `  repeat_interval: ${duration('repeatInterval', options.repeatInterval ?? '1h')}`,
    'receivers:',
    '  - name: "incident-intake"',
    '    webhook_configs:',
  ];
  for (const target of targets) {
    lines.push(`      - url: ${q(target.url)}`, '        send_resolved: true', '        max_alerts: 0');
    if (target.bearerToken !== undefined) {
      lines.push('        http_config:', '          authorization:', '            type: "Bearer"', `            credentials: ${q(target.bearerToken)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

class PortTakenError extends Error {}

async function launch(binary: string, configFile: string, dir: string, port: number): Promise<RunningAlertmanager> {
  const url = `http://${HOST}:${port}`;
  const args = [
    `--config.file=${configFile}`,
    `--storage.path=${join(dir, 'data')}`,
    `--web.listen-address=${HOST}:${port}`,
    `--web.external-url=${url}`,
    // An empty address turns clustering (gossip on 0.0.0.0:9094) off.
    '--cluster.listen-address=',
    '--log.level=info',
  ];
  const child = spawn(binary, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-OUTPUT_KEPT));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  child.once('error', (error) => keep(Buffer.from(`\n${error.message}`)));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  child.once('exit', () => running.delete(child));
  const outputTail = () => output.trim().split('\n').slice(-15).join('\n');

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_LIMIT_MS);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    })());

  try {
    await waitUntilReady(url, child, outputTail);
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    throw /address already in use/.test(output) ? new PortTakenError((error as Error).message) : error;
  }

  const postAlerts = async (alerts: readonly PostableAlert[]) => {
    const response = await fetch(`${url}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(alerts),
      signal: AbortSignal.timeout(REQUEST_LIMIT_MS),
    });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`Alertmanager refused the alerts (${response.status}): ${text.trim()}\n${outputTail()}`);
  };

  return { url, postAlerts, outputTail, stop };
}

/** Polls /-/ready until it answers 200; fails when the process exits or after READY_LIMIT_MS. */
async function waitUntilReady(url: string, child: ChildProcess, outputTail: () => string): Promise<void> {
  const deadline = Date.now() + READY_LIMIT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`Alertmanager exited while starting (${child.exitCode ?? child.signalCode}):\n${outputTail()}`);
    }
    const ready = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(2_000) }).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Alertmanager was not ready at ${url} within ${READY_LIMIT_MS} ms:\n${outputTail()}`);
}

/** A port nobody listens on right now (the OS's pick). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, HOST, resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
