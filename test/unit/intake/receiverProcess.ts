/**
 * `incident intake serve` as its users run it: dist/cli.js started as a child
 * process in a repository, on a port the system picks (read from the line it
 * prints), its log lines kept for the tests. Posts go through a raw HTTP
 * client (node's http module), so a test sees exactly the status and text
 * the receiver answered. Every wait is bounded; whatever is still running
 * when the test process exits is killed.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request, type Agent } from 'node:http';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../harness/projectPaths';

export const CLI = join(PROJECT_ROOT, 'dist', 'cli.js');
export const TOKEN = 'test-intake-token-5d1f9a7c2b';
export const STORE = join('.incidents', 'incidents.json');
const START_LIMIT_MS = 60_000;

/** Builds dist/cli.js from this worktree's sources (once per test file). */
export const buildCli = () => execFileSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'build.mjs'), 'cli'], { cwd: PROJECT_ROOT });

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export interface Receiver {
  readonly url: string;
  readonly child: ChildProcess;
  /** Every stderr line so far. */
  readonly log: readonly string[];
  /** POSTs `body` (an object is sent as JSON) to `path` with the bearer token unless `token` is null. */
  post(path: string, body: unknown, options?: SendOptions): Promise<Answer>;
  /** The `count`th log line (already written or still to come) matching `pattern`; the first by default. */
  waitForLog(pattern: RegExp, timeoutMs?: number, count?: number): Promise<string>;
  /** Sends `signal` and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running = new Set<ChildProcess>();
process.on('exit', () => running.forEach((child) => child.kill('SIGKILL')));

export async function startReceiver(repo: string, options: { env?: Record<string, string | undefined>; args?: string[]; token?: string | null } = {}): Promise<Receiver> {
  const env: NodeJS.ProcessEnv = { ...process.env, INCIDENT_AUTHOR: 'Intake Test', ...options.env };
  for (const name of ['INCIDENT_INTAKE_TOKEN', 'INCIDENT_INTAKE_SENTRY_SECRET', 'INCIDENT_INTAKE_GRAFANA_SECRET', 'INCIDENT_STORE'])
    if (!(name in (options.env ?? {}))) delete env[name];
  if (options.token !== null) env.INCIDENT_INTAKE_TOKEN = options.token ?? TOKEN;
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name];
  const child = spawn(process.execPath, [CLI, 'intake', 'serve', '--listen', '127.0.0.1:0', ...(options.args ?? [])], { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  // A failed test that leaves one running must not keep mocha from exiting (the exit handler above kills it).
  child.unref();
  for (const stream of [child.stdout, child.stderr]) (stream as unknown as { unref?: () => void }).unref?.();
  const log: string[] = [];
  const stdout: string[] = [];
  const wakers = new Set<() => void>();
  const lines = (into: string[]) => {
    let partial = '';
    return (chunk: Buffer) => {
      const parts = (partial + chunk.toString('utf8')).split('\n');
      partial = parts.pop()!;
      into.push(...parts);
      wakers.forEach((wake) => wake());
    };
  };
  child.stdout!.on('data', lines(stdout));
  child.stderr!.on('data', lines(log));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('close', (code, signal) => {
      running.delete(child);
      wakers.forEach((wake) => wake());
      resolve({ code, signal });
    }),
  );
  const waitFor = <T>(find: () => T | undefined, timeoutMs: number, what: string) =>
    new Promise<T>((resolve, reject) => {
      const check = () => {
        const found = find();
        if (found !== undefined) return done(() => resolve(found));
        if (child.exitCode !== null || child.signalCode !== null) done(() => reject(new Error(`the receiver exited before ${what}:\n${log.join('\n')}`)));
      };
      const done = (settle: () => void) => {
        clearTimeout(timer);
        wakers.delete(check);
        settle();
      };
      const timer = setTimeout(() => done(() => reject(new Error(`no ${what} within ${timeoutMs} ms; the log:\n${log.join('\n')}`))), timeoutMs);
      wakers.add(check);
      check();
    });
  const listening = await waitFor(() => stdout.map((line) => /listening on (http:\/\/\S+)/.exec(line)?.[1]).find(Boolean), START_LIMIT_MS, 'listening line');
  const url = listening!;
  return {
    url,
    child,
    log,
    exited,
    post: (path, body, postOptions = {}) => send(`${url}${path}`, body, postOptions),
    waitForLog: (pattern, timeoutMs = 60_000, count = 1) => waitFor(() => log.filter((line) => pattern.test(line))[count - 1], timeoutMs, `log line ${count} matching ${pattern}`),
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

/** One request; an object body goes as JSON. */
export interface SendOptions {
  token?: string | null;
  headers?: Record<string, string>;
  method?: string;
  /** Told when the whole request has been handed to the system (loopback: it is in the receiver's socket). */
  sent?: () => void;
  /** A keep-alive agent, as a monitoring system keeps its connections (the benchmark); by default a connection per request. */
  agent?: Agent;
}

/** One request, on a connection of its own unless an agent is given (so a stopped receiver refuses it, rather than an old connection being reset). */
export function send(url: string, body: unknown, options: SendOptions = {}): Promise<Answer> {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  const headers: Record<string, string | number> = { 'Content-Type': 'application/json', 'Content-Length': bytes.length, ...options.headers };
  if (options.token !== null) headers.Authorization = `Bearer ${options.token ?? TOKEN}`;
  return new Promise((resolve, reject) => {
    let answered = false;
    let failure: Error | undefined;
    const req = request(url, { method: options.method ?? 'POST', headers, timeout: 120_000, agent: options.agent ?? false }, (response) => {
      answered = true;
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url} within 120 s`)));
    // A receiver may answer before the body is all sent (413) and close: the answer counts, as it does for curl or Go's client.
    req.on('error', (error) => (failure ??= error));
    req.on('close', () => answered || reject(failure ?? new Error(`${url} closed the connection without an answer`)));
    if (options.sent) req.once('finish', options.sent);
    req.end(bytes);
  });
}

/** The store's bytes, or undefined when there is none. */
export function storeBytes(repo: string): Buffer | undefined {
  try {
    return readFileSync(join(repo, STORE));
  } catch {
    return undefined;
  }
}
