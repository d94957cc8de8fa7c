/**
 * One sync of the local store with the team's copy on the remote's sync
 * branch: fetch it into a private ref, join it into the local store under the
 * store's lock (core/merge/merge.ts: nothing newer is ever replaced by something
 * older), write the work-tree file only when that changed it, commit the
 * joined store on top of the remote tip and push fast-forward only. When
 * someone else pushed first, fetch, join and try again, a few times, with
 * jitter. A clone with no store adopts the remote's; a remote without the
 * branch gets it.
 *
 * A store on the remote that is malformed, conflicted or from a newer version
 * is never merged and never overwritten: the sync stops with what to do.
 * Killed at any point, the next sync finishes the job: the work-tree file is
 * replaced atomically, the private ref moves only by git's own atomic update.
 */
import { existsSync, readFileSync } from 'node:fs';
import { stampStoreEditsSince } from '../core/merge/documentStamps';
import { joinStores } from '../core/merge/merge';
import { sameJson } from '../core/merge/sameJson';
import { DEFAULT_SYNC_BRANCH, unsharedChanges } from '../core/plan/syncSettings';
import type { StoreDocument } from '../core/record/schema';
import type { GitCommand } from '../git/gitCommand';
import { checkSyncTarget, commitWriter, fetchIntoPrivateRef, fetchLeftNothing, prepareSync, pushSyncBranch, readSyncCopy, type SyncTarget } from '../git/syncBranch';
import type { IncidentStore } from '../store/incidentStore';
import { parseStoreBytes, StoreUnusableError } from '../store/storeFile';

export interface SyncOptions {
  remote: string;
  branch: string;
  /** Per fetch or push; the whole sync may take a few of each. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Who is syncing, for the sync commit's message. */
  who?: string;
  /** Pushes tried before giving up when others keep pushing first. */
  attempts?: number;
  /** Filled with where the time went, ms per phase summed over rounds (the sync benchmark's breakdown). */
  timings?: SyncTimings;
}

/** The steps of a sync, in order; together they cover its whole time ('store write' includes writing the commit's objects, from the same text). */
export type SyncPhase = 'check target' | 'fetch' | 'remote copy' | 'lock + re-read' | 'join' | 'store write' | 'push' | 'retry pause';
export type SyncTimings = Partial<Record<SyncPhase, number>>;

/** Adds the time since the previous lap to a phase; nothing at all when no one asked for timings. */
function lapClock(timings: SyncTimings | undefined): (phase: SyncPhase) => void {
  if (!timings) return () => undefined;
  let last = performance.now();
  return (phase) => {
    const now = performance.now();
    timings[phase] = (timings[phase] ?? 0) + now - last;
    last = now;
  };
}

export interface SyncResult {
  target: SyncTarget;
  /** Incidents (and deploys) the remote's copy changed in the local store. */
  received: number;
  /** The commit pushed, when there was something to share. */
  pushed?: string;
  /** The local store was created from the remote's (a new clone). */
  adopted: boolean;
  /** The remote had no sync branch; this sync created it. */
  createdBranch: boolean;
  /** Fetch-join-push rounds it took (more than one: someone pushed in between). */
  rounds: number;
}

/**
 * The remote's copy of the store cannot be used: never merged, never
 * overwritten by a sync. One from a newer version needs an update here; a
 * malformed, conflicted or invalid one is repaired with `incident sync
 * --repair-remote`, which puts this clone's store over it (the broken copy
 * stays in the branch's history).
 */
export class RemoteStoreUnusableError extends Error {
  constructor(
    target: SyncTarget,
    reason: string,
    readonly kind: 'newer-version' | 'unusable' = 'unusable',
  ) {
    super(
      `sync stopped: the store on ${target.remote}/${target.branch} ${reason}; nothing was merged or pushed. ${
        kind === 'newer-version'
          ? 'Update Incident Responder to read it'
          : `Repair it with "incident sync --repair-remote${target.branch === DEFAULT_SYNC_BRANCH ? '' : ` --branch ${target.branch}`}", which puts this clone's store over it (the broken copy stays in the branch's history)`
      }`,
    );
    this.name = 'RemoteStoreUnusableError';
  }
}

/** Someone kept pushing first for every attempt. */
export class SyncBusyError extends Error {
  constructor(target: SyncTarget, attempts: number) {
    super(`sync gave up after ${attempts} tries: others kept pushing to ${target.remote}/${target.branch} first; nothing was lost, sync again in a moment`);
    this.name = 'SyncBusyError';
  }
}

const DEFAULT_ATTEMPTS = 6;

/** A copy of the store on the remote (at `tip`, at `path` on the branch), parsed. */
interface RemoteCopy {
  tip: string;
  path: string;
  bytes: Buffer;
  document: StoreDocument;
}

/**
 * The last remote copy each GitCommand read or pushed, per private ref: when
 * the ref still points there (nobody else pushed, or it is what this clone
 * pushed last), its text need not be parsed again.
 */
const lastCopies = new WeakMap<GitCommand, Map<string, RemoteCopy>>();

function rememberCopy(git: GitCommand, target: SyncTarget, copy: RemoteCopy): void {
  let copies = lastCopies.get(git);
  if (!copies) lastCopies.set(git, (copies = new Map()));
  copies.set(target.privateRef, copy);
}

/**
 * The private ref's commit and the store on it, checked: undefined when there
 * is no such ref; `copy` undefined when the commit's tree is empty. A tree
 * with anything but the one store file is refused (syncBranchContent.ts).
 */
async function remoteCopy(git: GitCommand, target: SyncTarget): Promise<{ tip: string; copy?: RemoteCopy } | undefined> {
  const known = lastCopies.get(git)?.get(target.privateRef);
  const read = await readSyncCopy(git, target, known);
  if (!read) return undefined;
  if (read === known) return { tip: known.tip, copy: known };
  const { tip, path, bytes } = read;
  if (bytes === undefined || path === undefined) return { tip };
  if (known?.path === path && known.bytes.equals(bytes)) return { tip, copy: { tip, path, bytes, document: known.document } };
  try {
    // The records it shares with the copy read last are not parsed again.
    const { document, problems } = parseStoreBytes(`${target.remote}/${target.branch}:${path}`, bytes, known ? [known.document] : []);
    if (problems.length) throw new RemoteStoreUnusableError(target, `has records this version cannot read (${problems[0]})`);
    const copy = { tip, path, bytes, document };
    rememberCopy(git, target, copy);
    return { tip, copy };
  } catch (error) {
    if (error instanceof StoreUnusableError) {
      throw new RemoteStoreUnusableError(target, `cannot be used (${error.details[0] ?? error.kind})`, error.kind === 'newer-version' ? 'newer-version' : 'unusable');
    }
    throw error;
  }
}

/** The last copy this clone saw on the remote (the private ref's): what local changes are counted against; undefined when there is none or it is unusable. */
async function lastSeen(git: GitCommand, target: SyncTarget): Promise<StoreDocument | undefined> {
  return (await remoteCopy(git, target).catch(() => undefined))?.copy?.document;
}

const pause = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/** Incidents and deploys whose record differs between two documents. */
function changedRecords(before: StoreDocument, after: StoreDocument): number {
  const count = <T extends { id: string }>(a: readonly T[], b: readonly T[]) => {
    const earlier = new Map(a.map((record) => [record.id, record]));
    return b.filter((record) => {
      const old = earlier.get(record.id);
      return old !== record && !sameJson(old, record);
    }).length;
  };
  return count(before.incidents, after.incidents) + count(before.deploys, after.deploys);
}

export async function syncStore(store: IncidentStore, git: GitCommand, options: SyncOptions): Promise<SyncResult> {
  const lap = lapClock(options.timings);
  prepareSync(git);
  const target = await checkSyncTarget(git, options.remote, options.branch);
  lap('check target');
  const attempts = options.attempts ?? DEFAULT_ATTEMPTS;
  const result: SyncResult = { target, received: 0, adopted: false, createdBranch: false, rounds: 0 };
  for (let round = 1; round <= attempts; round++) {
    result.rounds = round;
    // The last copy seen is read while the fetch runs (it is read before the fetch moves the ref).
    const seenRead = lastSeen(git, target);
    const fetched = fetchIntoPrivateRef(git, target, { timeoutMs: options.timeoutMs, signal: options.signal });
    const [seen, found] = await Promise.all([seenRead, fetched]);
    lap('fetch');
    const atTip = found ? await remoteCopy(git, target) : undefined;
    if (found && !atTip) throw fetchLeftNothing(target);
    const tip = atTip?.tip;
    const remote = atTip?.copy;
    const storeExisted = existsSync(store.file);
    lap('remote copy');
    if (!storeExisted && !remote) return result;
    // The branch's one file, wherever it lies, is the team's store: a store kept at another path here joins into it and is written back there.
    const path = remote?.path ?? store.relativePath;

    let commit: { sha: string; bytes: Buffer; document: StoreDocument } | undefined;
    const message = `Incident log sync${options.who ? ` by ${options.who}` : ''}`;
    const writeCommit = await commitWriter(git);
    await store.mutateDocument(
      (local) => {
        lap('lock + re-read');
        // Hand edits in the file since the last sync get stamps, so the join keeps them.
        const edited = seen ? stampStoreEditsSince(seen, local) : local;
        const joined = remote ? joinStores(edited, remote.document) : edited;
        result.received += remote ? changedRecords(local, joined) : 0;
        lap('join');
        return joined;
      },
      {
        create: true,
        stamp: false,
        // The commit's objects are written beside the store file, from the same text.
        onBytes: (bytes, document) => {
          commit = remote?.bytes.equals(bytes) ? undefined : { sha: writeCommit({ parent: tip, path, text: bytes, message }), bytes, document };
        },
      },
    );
    lap('store write');
    result.adopted ||= !storeExisted;
    if (!commit) return result;
    const { sha, bytes, document } = commit;
    const pushed = await pushSyncBranch(git, target, sha, { timeoutMs: options.timeoutMs, signal: options.signal });
    lap('push');
    if (pushed === 'pushed') {
      rememberCopy(git, target, { tip: sha, path, bytes, document });
      result.pushed = sha;
      result.createdBranch = !tip;
      return result;
    }
    // Someone synced first: wait a little (more each time, never in step with them) and go again.
    await pause(Math.random() * 150 * round, options.signal);
    lap('retry pause');
  }
  throw new SyncBusyError(target, attempts);
}

/**
 * Before a team turns sync on for `remote`/`branch`: the target is usable here
 * (checkSyncTarget) and the remote's branch, when it has one, holds only a
 * store (one fetch into the private ref; a tree with other files is refused
 * with SyncRemoteError 'not-a-sync-branch'). Unreachable or timed out: the
 * SyncRemoteError, for the caller to judge.
 */
export async function checkSyncBranch(git: GitCommand, remote: string, branch: string, timeoutMs: number): Promise<SyncTarget> {
  const target = await checkSyncTarget(git, remote, branch);
  if (await fetchIntoPrivateRef(git, target, { timeoutMs })) await remoteCopy(git, target);
  return target;
}

export interface RepairResult {
  target: SyncTarget;
  /** The commit whose unusable store was replaced (still in the branch's history). */
  replaced: string;
  pushed: string;
}

/**
 * `incident sync --repair-remote`: puts this clone's store over an unusable
 * copy on the sync branch (malformed, conflicted, records this version cannot
 * read), as a new commit on top of it, fast-forward, so the broken copy stays
 * in the history. Refused when the remote's copy is usable (sync instead),
 * from a newer version (update instead), when the branch holds other files,
 * and when this clone's own store cannot be used.
 */
export async function repairRemoteStore(store: IncidentStore, git: GitCommand, options: SyncOptions & { confirm: (question: string) => Promise<boolean> }): Promise<RepairResult> {
  const target = await checkSyncTarget(git, options.remote, options.branch);
  const where = `${target.remote}/${target.branch}`;
  const local = store.read();
  if (local.kind !== 'loaded' || local.problems.length) {
    throw new RepairRefusedError(`this clone's store cannot be used to repair ${where}${local.kind === 'unusable' ? ` (${local.message})` : ''}; fix it first`);
  }
  if (!(await fetchIntoPrivateRef(git, target, { timeoutMs: options.timeoutMs, signal: options.signal }))) {
    throw new RepairRefusedError(`${target.remote} has no branch ${target.branch}; nothing to repair (run "incident sync" to create it)`);
  }
  const read = await readSyncCopy(git, target);
  if (!read) throw fetchLeftNothing(target);
  try {
    await remoteCopy(git, target);
    throw new RepairRefusedError(`the store on ${where} is usable; nothing to repair (run "incident sync")`);
  } catch (error) {
    if (!(error instanceof RemoteStoreUnusableError)) throw error;
    if (error.kind === 'newer-version') throw new RepairRefusedError(`the store on ${where} is from a newer version of Incident Responder; update it here instead of replacing it`);
  }
  if (!(await options.confirm(`Replace the unusable store on ${where} with this clone's store (${local.document.incidents.length} incident(s))?`))) {
    throw new RepairRefusedError('not confirmed');
  }
  const bytes = readFileSync(store.file);
  const writeCommit = await commitWriter(git);
  const sha = writeCommit({
    parent: read.tip,
    path: read.path ?? store.relativePath,
    text: bytes,
    message: `Incident log repaired${options.who ? ` by ${options.who}` : ''}: the unusable store replaced`,
  });
  const pushed = await pushSyncBranch(git, target, sha, { timeoutMs: options.timeoutMs, signal: options.signal });
  if (pushed === 'rejected') throw new SyncBusyError(target, 1);
  return { target, replaced: read.tip, pushed: sha };
}

/** A repair that would do harm or nothing; nothing was pushed. */
export class RepairRefusedError extends Error {
  constructor(reason: string) {
    super(`repair refused: ${reason}; nothing was pushed`);
    this.name = 'RepairRefusedError';
  }
}

/** How many local changes the remote has not got, as far as the last sync saw it (no network). */
export async function countUnshared(store: IncidentStore, git: GitCommand, remote: string, branch: string): Promise<number> {
  const snapshot = store.read();
  if (snapshot.kind !== 'loaded') return 0;
  const target = await checkSyncTarget(git, remote, branch);
  return unsharedChanges(snapshot.document, await lastSeen(git, target));
}
