/**
 * Two clones of one team repository syncing through a git daemon on
 * 127.0.0.1, for the delivery tests of the command line: both have the plan,
 * alpha declares an incident on the first and turns sync on, and both have
 * synced it. And the command line run as one machine or another, in this
 * process or (so that two run at once) as dist/cli.js in its own.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { team, type Clone, type Team } from '../sync/syncTeam';
import { writePlan } from './deliveryFixture';
import { incident } from './runCli';

const PROJECT_ROOT = resolve(__dirname, '..', '..', '..', '..');
const CLI = join(PROJECT_ROOT, 'dist', 'cli.js');
/** Claims go stale after this long here (INCIDENT_DELIVERY_TIMES), so the tests wait little. */
export const STALE_MS = 1500;
export const QUICK_TIMES = `staleMs=${STALE_MS},backoffMs=20`;

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Builds dist/cli.js, for `spawned` (a mocha `before`). */
export function buildCli(): void {
  execFileSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'build.mjs'), 'cli'], { cwd: PROJECT_ROOT });
}

/** The command line in this process, as machine `machine`, against `dir`. */
export async function as(machine: string, dir: string, ...args: string[]): Promise<Result> {
  process.env.INCIDENT_MACHINE_ID = machine;
  try {
    return await incident(dir, ...args);
  } finally {
    delete process.env.INCIDENT_MACHINE_ID;
  }
}

/** dist/cli.js in its own process, as machine `machine`, against `dir`, with QUICK_TIMES (so two run at once). */
export function spawned(machine: string, dir: string, ...args: string[]): Promise<Result> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, '--repo', dir, ...args], {
      env: { ...process.env, INCIDENT_MACHINE_ID: machine, INCIDENT_DELIVERY_TIMES: QUICK_TIMES },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

export interface TwoClones {
  crew: Team;
  /** alpha's clone, where the incident was declared. */
  a: Clone;
  /** beta's clone. */
  b: Clone;
  id: string;
  /** What the set-up's commands wrote (stdout and stderr), for tests that grep all output. */
  output: string[];
}

/**
 * A team and its clones `a` and `b`, both with `plan`; alpha declares an incident (SEV2) on `a` and turns sync on,
 * `beforeSync` may change `a`'s store, then alpha and beta sync. Stop with `crew.server.stop()`.
 */
export async function twoClones(plan: object, beforeSync?: (dir: string, id: string) => Promise<unknown>): Promise<TwoClones> {
  const crew = await team();
  const [a, b] = [await crew.clone('a'), await crew.clone('b')];
  for (const clone of [a, b]) writePlan(clone.dir, plan);
  const output: string[] = [];
  const kept = (result: Result) => (output.push(result.stdout, result.stderr), result);
  const id = kept(await as('alpha', a.dir, 'declare', '--title', 'Checkout down', '--category', 'regression', '--severity', 'SEV2')).stdout;
  const enabled = kept(await as('alpha', a.dir, 'sync', '--enable'));
  assert.equal(enabled.code, 0, enabled.stderr);
  assert.ok(enabled.stdout.startsWith('Team sync is on'), enabled.stdout);
  await beforeSync?.(a.dir, id);
  assert.equal(kept(await as('alpha', a.dir, 'sync')).code, 0);
  assert.equal(kept(await as('beta', b.dir, 'sync')).code, 0);
  return { crew, a, b, id, output };
}
