/**
 * The store's cross-process lock: a directory `<store>.lock` made with mkdir
 * (atomic on every file system), holding `owner.json` (pid, host, since and a
 * random token). The holder refreshes the directory's mtime every second; a
 * lock not refreshed for `staleMs` (its holder was killed, or stopped with
 * Ctrl+Z, or its machine slept) is taken over by the next writer, unless
 * its holder is a process on this machine that is still running (busy).
 *
 * A holder can therefore lose its lock without knowing it, at any step, and
 * resume later. What keeps it from ever replacing the store then:
 * - it writes its owner file only if none is there (`wx`): resumed after a
 *   take-over, it finds the folder gone or someone else's owner file and
 *   waits for the lock again instead of failing or claiming another's folder;
 * - it writes the new store into its own lock folder, as `<token>.tmp`, checks
 *   the folder still holds its token (so the temp file is in its own folder),
 *   and renames `<store>.lock/<token>.tmp` into place. A taker first moves the
 *   lock folder aside and every new holder deletes what was moved aside
 *   before it reads the store, so once the lock has changed hands that path
 *   names nothing and the rename fails: the rename itself checks the lock, with
 *   no gap between a check and the write. (A rename already under way when the
 *   folder is moved ends before the new holder's deletion does, so before its read.)
 * The writer then re-reads and applies its change again (incidentStore.ts).
 * (The same path as the proper-lockfile directory of earlier versions, so both exclude each other.)
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { replaceFileAtomically, writeFailure } from './repositoryFiles';
import { StoreWriteError } from './storeErrors';

export interface LockOwner {
  pid: number;
  host: string;
  since: string;
  token: string;
  /** When the holder process started (Linux), so a pid reused by another process is not taken for the holder. */
  started?: string;
}

/** Field 22 and the state of /proc/PID/stat, where there is a /proc. */
function processFacts(pid: number): { state: string; started: string } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0], started: fields[19] };
  } catch {
    return undefined;
  }
}

/**
 * A holder on this machine that is alive and running (not stopped, not a
 * zombie) is busy, say parsing a very large store, even when it has not
 * refreshed the lock for a while: wait for it rather than take the lock.
 * A stopped one (Ctrl+Z), a dead one, or one on another machine goes by the
 * lock's age alone. Without /proc there is no telling, so age alone too.
 */
function holderIsRunning(owner: LockOwner | undefined): boolean {
  if (!owner || owner.host !== hostname() || owner.pid === process.pid || !owner.started) return false;
  const facts = processFacts(owner.pid);
  return facts !== undefined && facts.started === owner.started && !'TtZX'.includes(facts.state);
}

/** The steps of a locked write, in order: at each a writer can be paused (Ctrl+Z, a laptop lid) and lose its lock. */
export const WRITE_STEPS = ['lock-created', 'owner-written', 'store-read', 'temp-written', 'before-rename', 'renamed', 'released'] as const;
export type WriteStep = (typeof WRITE_STEPS)[number];

export interface StoreLockOptions {
  /** A lock whose holder has not refreshed it for this long is taken over. */
  staleMs?: number;
  /** How long to wait for a live holder before giving up. */
  timeoutMs?: number;
  /** For tests: called at each step of a write, so a test process can stop itself there. */
  atStep?: (step: WriteStep) => void;
}

const REFRESH_MS = 1_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function lockDirectory(storeFile: string): string {
  return `${storeFile}.lock`;
}

function readOwner(dir: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(join(dir, 'owner.json'), 'utf8')) as Partial<LockOwner>;
    return typeof owner.token === 'string' ? (owner as LockOwner) : undefined;
  } catch {
    return undefined;
  }
}

/** The lock folder as seen now: which folder it is (inode) and how long since its holder last refreshed it. */
function lockState(dir: string): { identity: string; ageMs: number } | undefined {
  try {
    // The mtime and ctime too: a refresh, an owner file just written, or a new folder that reuses the inode is not what was found stale.
    const stats = statSync(dir, { bigint: true });
    return { identity: `${stats.dev}:${stats.ino}:${stats.mtimeNs}:${stats.ctimeNs}`, ageMs: Date.now() - Number(stats.mtimeMs) };
  } catch {
    return undefined;
  }
}

/** Where a taker moves a stale lock folder: `<store>.lock.stale-<random>`. */
const ASIDE_INFIX = '.stale-';

/**
 * Deletes the lock folders taken over from their holders, with any temp file
 * a holder had in its own: none of them can be renamed into place afterwards.
 * Every new holder does this before it reads the store.
 */
function removeMovedAside(dir: string): void {
  const prefix = `${basename(dir)}${ASIDE_INFIX}`;
  for (const name of readdirSync(dirname(dir))) {
    if (!name.startsWith(prefix)) continue;
    try {
      rmSync(join(dirname(dir), name), { recursive: true, force: true, maxRetries: 3 });
    } catch (error) {
      throw writeFailure(join(dirname(dir), name), error);
    }
  }
}

/** Thrown when this writer finds its lock taken over: nothing was written, and the write can be made again under a new lock. */
export class LockLostError extends Error {
  constructor(dir: string) {
    super(`another writer took over the lock ${dir} while this one was paused`);
    this.name = 'LockLostError';
  }
}

/** "pid 4242 on build-7 since 2026-12-01 21:03:05 UTC" (or what is known of it). */
export function describeOwner(owner: LockOwner | undefined): string {
  if (!owner) return 'another writer';
  const since = typeof owner.since === 'string' ? owner.since.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC') : 'an unknown time';
  return `pid ${owner.pid} on ${owner.host} since ${since}`;
}

/** Locks this process holds now, so a program ending on a signal can give them back at once. */
const held = new Set<StoreLock>();

/** Releases every lock this process holds. */
export function releaseHeldLocks(): void {
  for (const lock of [...held]) lock.release();
}

let releaseOnSignals = false;
const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;
const onSignal = (signal: NodeJS.Signals) => {
  releaseHeldLocks();
  process.exit(SIGNAL_EXIT_CODES[signal as keyof typeof SIGNAL_EXIT_CODES]);
};

/**
 * For a program that owns its process (the CLI): while it holds a lock, Ctrl+C
 * or a kill gives the lock back before exiting. The handlers exist only while
 * a lock is held, so at any other time the signal ends the process at once,
 * even one stuck in a long computation (a JavaScript handler could not run then).
 */
export function releaseLocksOnSignals(): void {
  releaseOnSignals = true;
}

/**
 * For a long-running verb that handles SIGTERM and SIGINT itself (the intake
 * receiver finishes the writes it accepted, which then release their locks):
 * the handlers above are taken off and not put back.
 */
export function leaveSignalsToTheProgram(): void {
  releaseOnSignals = false;
  for (const signal of Object.keys(SIGNAL_EXIT_CODES) as NodeJS.Signals[]) process.off(signal, onSignal);
}

function heldChanged(): void {
  if (!releaseOnSignals) return;
  for (const signal of Object.keys(SIGNAL_EXIT_CODES) as NodeJS.Signals[]) {
    process.off(signal, onSignal);
    if (held.size) process.on(signal, onSignal);
  }
}

export class StoreLock {
  private refreshTimer: NodeJS.Timeout | undefined;

  private constructor(
    readonly dir: string,
    readonly owner: LockOwner,
    private readonly atStep?: (step: WriteStep) => void,
  ) {}

  /** Waits for the lock (taking over a stale one) and holds it until release(). */
  static async acquire(storeFile: string, options: StoreLockOptions = {}): Promise<StoreLock> {
    const dir = lockDirectory(storeFile);
    const staleMs = options.staleMs ?? 5_000;
    const deadline = Date.now() + (options.timeoutMs ?? 30_000);
    for (let attempt = 0; ; attempt++) {
      let made = false;
      try {
        mkdirSync(dir);
        made = true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw writeFailure(dir, error);
      }
      if (made) {
        options.atStep?.('lock-created');
        const lock = StoreLock.hold(dir, options.atStep);
        if (lock) return lock;
        continue; // Taken over before our owner file was in: wait for the lock like anyone else.
      }
      const seen = lockState(dir);
      if (seen && seen.ageMs > staleMs && !holderIsRunning(readOwner(dir))) {
        StoreLock.moveAside(dir, seen.identity);
        continue;
      }
      if (Date.now() > deadline) {
        throw new StoreWriteError(
          'locked',
          `the incident store is locked by ${describeOwner(readOwner(dir))}; nothing was changed. Try again when that writer has finished; if no such process is running, delete ${dir}`,
        );
      }
      await sleep(20 + Math.min(200, attempt * 10) * Math.random());
    }
  }

  /**
   * Moves the stale lock folder aside under a name of our own (only one taker's
   * rename can find it), unless it is no longer the folder found stale (another
   * taker was first and a new holder made a new one), then deletes it.
   */
  private static moveAside(dir: string, staleIdentity: string): void {
    if (lockState(dir)?.identity !== staleIdentity) return;
    const aside = `${dir}${ASIDE_INFIX}${randomBytes(4).toString('hex')}`;
    try {
      renameSync(dir, aside);
    } catch {
      return; // Someone else moved it first, or it was released meanwhile.
    }
    removeMovedAside(dir);
  }

  /**
   * Writes the owner file into a lock directory this process has just made,
   * deletes the folders taken over from earlier holders, and starts refreshing.
   * Undefined when the folder was taken over before the owner file was in.
   */
  private static hold(dir: string, atStep: StoreLockOptions['atStep']): StoreLock | undefined {
    const started = processFacts(process.pid)?.started;
    const owner: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString(), token: randomBytes(12).toString('hex'), ...(started && { started }) };
    try {
      // Only into a folder without an owner: paused after mkdir, the folder may since have been moved aside (ENOENT) or be a new holder's (EEXIST).
      writeFileSync(join(dir, 'owner.json'), JSON.stringify(owner), { flag: 'wx' });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EEXIST') return undefined;
      rmSync(dir, { recursive: true, force: true });
      throw writeFailure(dir, error);
    }
    const lock = new StoreLock(dir, owner, atStep);
    held.add(lock);
    heldChanged();
    lock.startRefreshing();
    atStep?.('owner-written');
    try {
      removeMovedAside(dir);
    } catch (error) {
      lock.release();
      throw error;
    }
    return lock;
  }

  /**
   * Replaces the store file with `text` only while this lock is ours (see the
   * top of this file); `check` runs right before the rename and throws to
   * abandon the write. Throws LockLostError when the lock was taken over.
   */
  replaceStore(storeFile: string, text: string | Buffer, check: () => void = () => {}): void {
    const temp = join(this.dir, `${this.owner.token}.tmp`);
    try {
      replaceFileAtomically(
        storeFile,
        text,
        () => {
          this.atStep?.('temp-written');
          // Our token in the folder now means the temp file went into our own folder.
          if (!this.stillHeld()) throw new LockLostError(this.dir);
          check();
          this.atStep?.('before-rename');
        },
        temp,
      );
    } catch (error) {
      // Any failure once the lock is lost (the temp file or its folder gone) is the loss.
      if (!(error instanceof LockLostError) && !this.isOurs()) throw new LockLostError(this.dir);
      throw error;
    }
  }

  /** True while the lock directory still holds our token: nobody has taken it over. Refreshes it when so. */
  stillHeld(): boolean {
    if (!this.isOurs()) return false;
    this.touch();
    return true;
  }

  release(): void {
    held.delete(this);
    heldChanged();
    clearInterval(this.refreshTimer);
    // Only our own lock is removed; one taken over stays with its new holder.
    if (this.isOurs()) rmSync(this.dir, { recursive: true, force: true });
  }

  /** Whether the lock directory still holds our token. */
  private isOurs(): boolean {
    return readOwner(this.dir)?.token === this.owner.token;
  }

  private touch(): void {
    try {
      const now = new Date();
      utimesSync(this.dir, now, now);
    } catch {
      // Gone: stillHeld() will say so before any write.
    }
  }

  private startRefreshing(): void {
    this.refreshTimer = setInterval(() => {
      if (this.isOurs()) this.touch();
    }, REFRESH_MS);
    this.refreshTimer.unref();
  }
}
