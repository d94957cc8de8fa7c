/**
 * The yardstick for the sync benchmark: raw `git fetch` + `git push` of the
 * sync branch against a git daemon on 127.0.0.1, with the same remote, clones
 * and store size that the sync round trip is measured on. Not a benchmark by
 * itself (no `.bench.ts`): the sync bench imports it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitCommand } from '../../src/git/gitCommand';
import { commitFileOnTop } from '../../src/git/syncBranch';
import { cloneRemote, makeBareRemote, runGit, startGitDaemon, type GitServer } from '../harness/gitServers';
import { median } from './timing';

export interface LoopbackTeam {
  daemon: GitServer;
  /** The bare repository the daemon serves. */
  bare: string;
  /** Clones of it over git://, remote `origin`, each with an identity. */
  clones: string[];
  stop(): Promise<void>;
}

/** A daemon serving one bare remote whose `branch` holds `path` with `text`, and `count` clones of it. */
export async function loopbackTeam(options: { branch: string; path: string; text: string; count: number }): Promise<LoopbackTeam> {
  const base = mkdtempSync(join(tmpdir(), 'incident-bench-remote-'));
  const bare = await makeBareRemote(join(base, 'team.git'));
  const daemon = await startGitDaemon(base);
  const seed = await commitFileOnTop(new GitCommand(bare), { path: options.path, text: options.text, message: 'Seed the sync branch' });
  await runGit(bare, ['update-ref', `refs/heads/${options.branch}`, seed]);
  const clones: string[] = [];
  for (let i = 0; i < options.count; i++) clones.push(await cloneRemote(daemon.url('team.git'), join(base, `clone${i}`)));
  return { daemon, bare, clones, stop: () => daemon.stop() };
}

export interface RawFetchPushOptions {
  branch: string;
  path: string;
  text: (run: number, side: 'ours' | 'theirs') => string;
}

/**
 * One run of raw `git fetch` + `git push` of `branch` from `ours`, ms of each.
 * First `theirs` pushes a change (untimed), so the fetch brings a commit; our
 * commit on top of it is written untimed too. Only the two network commands
 * count: what sync adds on top is the merge and the plumbing.
 */
export async function rawFetchPushSample(team: LoopbackTeam, options: RawFetchPushOptions, run: number): Promise<{ fetchMs: number; pushMs: number }> {
  const [ours, theirs] = team.clones;
  const { branch, path } = options;
  const tip = `refs/bench/${branch}`;
  const fetch = (dir: string) => runGit(dir, ['fetch', '--quiet', '--no-tags', 'origin', `+refs/heads/${branch}:${tip}`]);
  const commitOnTip = async (dir: string, text: string) => {
    const parent = (await runGit(dir, ['rev-parse', tip])).trim();
    return commitFileOnTop(new GitCommand(dir), { parent, path, text, message: 'Bench change' });
  };
  await fetch(theirs);
  await runGit(theirs, ['push', '--quiet', 'origin', `${await commitOnTip(theirs, options.text(run, 'theirs'))}:refs/heads/${branch}`]);

  const fetchStart = performance.now();
  await fetch(ours);
  const fetchMs = performance.now() - fetchStart;
  const commit = await commitOnTip(ours, options.text(run, 'ours'));
  const pushStart = performance.now();
  await runGit(ours, ['push', '--quiet', 'origin', `${commit}:refs/heads/${branch}`]);
  return { fetchMs, pushMs: performance.now() - pushStart };
}

/** Median ms of `runs` raw fetch + push runs (rawFetchPushSample). */
export async function rawFetchPushMs(team: LoopbackTeam, options: RawFetchPushOptions & { runs: number }): Promise<number> {
  const samples: number[] = [];
  for (let run = 0; run < options.runs; run++) {
    const { fetchMs, pushMs } = await rawFetchPushSample(team, options, run);
    samples.push(fetchMs + pushMs);
  }
  return median(samples);
}
