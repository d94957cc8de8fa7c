/**
 * The store's cross-process lock: a directory `<store>.lock` made with mkdir
 * (atomic on every file system), holding `owner.json` (pid, host, since and a
 * random token). The holder refreshes the directory's mtime every second; a
 * lock not refreshed for `staleMs` (its holder was killed, or stopped with
 * Ctrl+Z, or its machine slept) is taken over by the next writer, unless
 * its holder is a process on this machine that is still running (busy).
 *
 * A holder can therefore lose its lock without knowing it. `stillHeld()` is
 * what a writer asks right before it replaces the store file: it is false when
 * the directory now holds someone else's token. (The same path as the
 * proper-lockfile directory of earlier versions, so both exclude each other.)
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { writeFailure } from './repositoryFiles';
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

export interface StoreLockOptions {
  /** A lock whose holder has not refreshed it for this long is taken over. */
  staleMs?: number;
  /** How long to wait for a live holder before giving up. */
  timeoutMs?: number;
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

function lockAgeMs(dir: string): number | undefined {
  try {
    return Date.now() - statSync(dir).mtimeMs;
  } catch {
    return undefined;
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
      if (made) return StoreLock.hold(dir);
      const age = lockAgeMs(dir);
      if (age !== undefined && age > staleMs && !holderIsRunning(readOwner(dir))) {
        // Move the stale lock aside under a name of our own, then retry mkdir; only one taker's rename can find it.
        const aside = `${dir}.stale-${randomBytes(4).toString('hex')}`;
        try {
          renameSync(dir, aside);
          rmSync(aside, { recursive: true, force: true });
        } catch {
          // Someone else moved it first, or it was released meanwhile.
        }
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

  /** Writes the owner file into a lock directory this process has just made, and starts refreshing it. */
  private static hold(dir: string): StoreLock {
    const started = processFacts(process.pid)?.started;
    const owner: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString(), token: randomBytes(12).toString('hex'), ...(started && { started }) };
    try {
      writeFileSync(join(dir, 'owner.json'), JSON.stringify(owner));
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw writeFailure(dir, error);
    }
    const lock = new StoreLock(dir, owner);
    held.add(lock);
    heldChanged();
    lock.startRefreshing();
    return lock;
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
