/**
 * The temporary worktrees bisect runs in (src/git/bisectRun.ts), and only
 * those. Each is a folder `incident-bisect-<label>-<pid>-<random>` under the
 * OS temp folder whose admin folder in the repository (`.git/worktrees/<name>`)
 * holds a marker we write right after `git worktree add`, before any command
 * of the user's runs in it. Removing one removes its folder and its own admin
 * folder, never by `git worktree prune`: that would also drop the registration
 * of a responder's own linked worktree whose folder is away for a while (an
 * unplugged drive, a network share that is not mounted).
 */
import { mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { GitCommand, type GitOptions } from './gitCommand';
import { gitDirectory } from './gitDirectory';

export const BISECT_PREFIX = 'incident-bisect-';
/** In a bisect worktree's admin folder: names the worktree's folder; only we write it. */
const MARKER = 'incident-bisect-worktree';
/** Removing runs on every way out, a cancel included, so it has its own bound rather than the caller's signal. */
const REMOVE_TIMEOUT_MS = 10 * 60_000;

/** A label made safe for a folder name: an incident id stays readable. */
const safeLabel = (label: string) => label.replace(/[^A-Za-z0-9-]/g, '').slice(0, 40) || 'run';
/** `incident-bisect-<label>-<pid>-<mkdtemp's six characters>`. */
const WORKTREE_NAME = new RegExp(`^${BISECT_PREFIX}([A-Za-z0-9-]+)-(\\d+)-[A-Za-z0-9]{6}$`);

export interface BisectWorktree {
  /** The work tree's folder, under the OS temp folder. */
  place: string;
  /** Its admin folder in the repository, once `git worktree add` has made it. */
  admin?: string;
}

/** A new empty folder for a bisect worktree, named after its label and this process. */
export function bisectPlace(label: string): string {
  return mkdtempSync(join(tmpdir(), `${BISECT_PREFIX}${safeLabel(label)}-${process.pid}-`));
}

/**
 * Marks the worktree `git worktree add` just made in `place` as ours and
 * returns its admin folder, read from the `.git` file git wrote there: now,
 * before the user's command (which could rewrite that file) runs.
 */
export function markBisectWorktree(place: string): string {
  const pointer = /^gitdir: (.+)$/m.exec(readFileSync(join(place, '.git'), 'utf8'));
  if (!pointer) throw new Error(`git worktree add left no gitdir in ${place}`);
  const admin = resolve(place, pointer[1].trim());
  writeFileSync(join(admin, MARKER), `${place}\n`);
  return admin;
}

/** Removes one bisect worktree, its bisect state (which git keeps in the admin folder) with it, and nothing else. */
export async function removeBisectWorktree(repo: GitCommand, worktree: BisectWorktree): Promise<void> {
  await repo.runBounded(['worktree', 'remove', '--force', '--end-of-options', worktree.place], { timeoutMs: REMOVE_TIMEOUT_MS }).catch(() => undefined);
  // What git could not remove (a folder already gone, a worktree it refuses): only this worktree's own folders.
  rmSync(worktree.place, { recursive: true, force: true });
  if (worktree.admin) rmSync(worktree.admin, { recursive: true, force: true });
}

/**
 * Removes the worktrees of bisects whose process is gone (killed, or the
 * machine restarted), their folder there or not, and returns their labels, so
 * the caller can say on each incident's timeline that its bisect stopped.
 */
export async function pruneAbandonedBisects(root: string, gitOptions: GitOptions = {}): Promise<string[]> {
  const repo = new GitCommand(root, gitOptions);
  const worktrees = join((await gitDirectory(repo)).commonDir, 'worktrees');
  const labels: string[] = [];
  for (const name of folderNames(worktrees)) {
    const admin = join(worktrees, name);
    const place = bisectFolderOf(admin);
    const named = place === undefined ? null : WORKTREE_NAME.exec(basename(place));
    if (!place || !named || processIsAlive(Number(named[2]))) continue;
    await removeBisectWorktree(repo, { place, admin });
    labels.push(named[1]);
  }
  return labels;
}

/** The folder of the bisect worktree an admin folder belongs to; undefined for every other worktree (a responder's own). */
function bisectFolderOf(admin: string): string | undefined {
  const marked = readText(join(admin, MARKER));
  if (marked !== undefined) return marked.trim();
  // An earlier release wrote no marker: its worktrees are known by their name, directly in the OS temp folder.
  const gitdir = readText(join(admin, 'gitdir'));
  if (gitdir === undefined) return undefined;
  const place = dirname(resolve(admin, gitdir.trim()));
  return WORKTREE_NAME.test(basename(place)) && temporaryFolders().includes(dirname(place)) ? place : undefined;
}

/** The OS temp folder as named and as git may have written it (its real path). */
function temporaryFolders(): string[] {
  const named = tmpdir();
  try {
    return [named, realpathSync(named)];
  } catch {
    return [named];
  }
}

function folderNames(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return []; // no linked worktree yet
  }
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
