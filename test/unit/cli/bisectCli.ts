/**
 * `incident bisect` as its own process (dist/cli.js), for the tests that kill
 * it or whose command kills the processes around it, and what a bisect leaves
 * in the clone: its incident's timeline, its worktrees.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Incident } from '../../../src/core/record/schema';
import { git } from '../git/repoBuilder';
import { incident } from './runCli';

export const CLI = join(resolve(__dirname, '..', '..', '..', '..'), 'dist', 'cli.js');

export async function declared(repo: string): Promise<string> {
  const result = await incident(repo, 'declare', '--title', 'Checkout fails', '--category', 'regression', '--severity', 'SEV1');
  assert.equal(result.code, 0, result.stderr);
  return result.stdout.trim();
}

export async function shown(repo: string, id: string): Promise<Incident> {
  return JSON.parse((await incident(repo, 'show', id, '--json')).stdout) as Incident;
}

export const bisectNotes = (record: Incident) => record.timeline.filter((event) => event.kind === 'note' && event.data?.bisect).map((event) => event.text);

/** Bisect worktrees git still lists, with their folder there or not. */
export const leftWorktrees = (repo: string) =>
  git(repo, ['worktree', 'list', '--porcelain'])
    .split('\n')
    .filter((line) => line.startsWith('worktree ') && line.includes('incident-bisect-'));

/** The admin folders of the clone's linked worktrees (`.git/worktrees/*`). */
export const worktreeAdminFolders = (repo: string) => (existsSync(join(repo, '.git', 'worktrees')) ? readdirSync(join(repo, '.git', 'worktrees')) : []);

export interface BisectProcess {
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill: (signal: NodeJS.Signals) => void;
  stderr: () => string;
  /** Resolves once `bisect: step N` has been reported on stderr `steps` times. */
  reached: (steps: number) => Promise<void>;
}

/** Starts `incident bisect` as its own process in `repo`. */
export function startBisect(repo: string, args: readonly string[]): BisectProcess {
  const child = spawn(process.execPath, [CLI, 'bisect', ...args], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  const waiting: Array<{ steps: number; done: () => void }> = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('close', (code, signal) => done({ code, signal })));
  child.stdout.resume();
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    const seen = (stderr.match(/bisect: step \d+/g) ?? []).length;
    for (const wait of waiting.filter((w) => seen >= w.steps)) wait.done();
  });
  return {
    exited,
    kill: (signal) => child.kill(signal),
    stderr: () => stderr,
    reached: (steps) =>
      new Promise<void>((done, fail) => {
        waiting.push({ steps, done });
        void exited.then(() => fail(new Error(`bisect ended before step ${steps}: ${stderr}`)));
      }),
  };
}

/**
 * The processes of a process group that still run (a zombie, whose parent was
 * killed before it could wait for it, has ended): read from /proc, Linux only.
 */
export function liveProcessesOfGroup(group: number): number[] {
  const live: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(join('/proc', name, 'stat'), 'utf8');
    } catch {
      continue; // ended while we looked
    }
    // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses, so read after its last ')'.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === group && state !== 'Z' && state !== 'X') live.push(Number(name));
  }
  return live;
}

/** Polls `condition` until it holds, at most `limitMs` (a bound for a stuck run, never a wait for time). */
export async function eventually(condition: () => boolean, what: string, limitMs = 60_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > limitMs) assert.fail(`gave up waiting: ${what}`);
    await new Promise((done) => setTimeout(done, 25));
  }
}
