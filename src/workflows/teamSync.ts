/**
 * Automatic team sync in the editor: while sync is on and the workspace is
 * trusted, the store is synced with the remote's sync branch every few
 * seconds while an incident is active (six times less often, at least every minute, otherwise, so an
 * incident declared elsewhere still arrives), and a few seconds after each
 * local change. One sync at a time; a change during a sync queues one more.
 * What it is doing is a status the status bar shows ("synced 12 s ago",
 * "offline — 3 changes not shared yet", "sync failed: authentication").
 *
 * No vscode import: the host passes in the settings, the store and the
 * clock, so the scheduling and the words run in Node unit tests. Its words go
 * through @vscode/l10n, which the extension gives VS Code's bundle.
 */
import { readFileSync } from 'node:fs';
import * as l10n from '@vscode/l10n';
import { errorMessage } from '../core/record/errors';
import { chooseSyncTarget } from '../core/plan/syncSettings';
import type { StoreDocument } from '../core/record/schema';
import { GitCommand } from '../git/gitCommand';
import { SyncRemoteError } from '../git/syncBranch';
import type { IncidentStore } from '../store/incidentStore';
import { countUnshared, RemoteStoreUnusableError, syncStore, SyncBusyError } from './sync';

/** The `incidents.sync.*` settings as read; `enabled` null or absent: follow the store's `sync` block. */
export interface SyncSettings {
  enabled?: boolean | null;
  remote?: string;
  branch?: string;
  intervalSeconds?: number;
}

export interface SyncConfig {
  enabled: boolean;
  remote: string;
  branch: string;
  intervalSeconds: number;
  /** Why sync is on or off, for the log and the tooltip. */
  source: 'setting' | 'store' | 'default';
  /** What is wrong with the store's sync block (it then counts as absent). */
  problem?: string;
}

const MIN_INTERVAL_SECONDS = 5;
export const DEFAULT_INTERVAL_SECONDS = 10;
/** After a local change, so a burst of edits is one sync. */
export const CHANGE_DEBOUNCE_MS = 3_000;
/** Per fetch or push: the extension host never waits longer on the network. */
const REMOTE_TIMEOUT_MS = 15_000;

/** Your setting decides when you made one; otherwise the store's `sync` block (the team's choice); otherwise off. The target as the command line chooses it (chooseSyncTarget). */
export function resolveSyncConfig(settings: SyncSettings, document: StoreDocument | undefined): SyncConfig {
  const { remote, branch, team, problem } = chooseSyncTarget({ remote: settings.remote, branch: settings.branch }, document);
  const interval = Number.isFinite(settings.intervalSeconds) ? Math.max(MIN_INTERVAL_SECONDS, settings.intervalSeconds as number) : DEFAULT_INTERVAL_SECONDS;
  const enabled = typeof settings.enabled === 'boolean' ? settings.enabled : (team?.enabled ?? false);
  return {
    enabled,
    remote,
    branch,
    intervalSeconds: interval,
    source: typeof settings.enabled === 'boolean' ? 'setting' : team ? 'store' : 'default',
    ...(problem && { problem }),
  };
}

/** `no-remote`: the repository has no remote at all, so there is nobody to sync with yet (said plainly, not as a failure). */
export type SyncPhase = 'off' | 'untrusted' | 'idle' | 'syncing' | 'synced' | 'offline' | 'no-remote' | 'failed';

export interface SyncStatus {
  phase: SyncPhase;
  /** `remote/branch` */
  target?: string;
  /** When the last sync succeeded (ms since the epoch). */
  lastSynced?: number;
  /** Offline: local changes the remote has not got. */
  unshared?: number;
  /** Failed: what kind, and the one line saying what to do. */
  failure?: { kind: string; message: string };
  /** Off because the store's sync block cannot be used: what is wrong with it. */
  problem?: string;
}

export interface TeamSyncHost {
  readonly root: string;
  readonly store: () => IncidentStore | undefined;
  readonly gitPath: () => string | undefined;
  readonly trusted: () => boolean;
  readonly settings: () => SyncSettings;
  readonly hasActiveIncident: () => boolean;
  readonly author: () => Promise<string>;
  /** After a sync changed the file: reload the views now rather than when the file watcher fires. */
  readonly afterSync: () => void;
  readonly log: (level: 'info' | 'warn', line: string) => void;
  readonly now?: () => number;
  /** The wait after a local change before it is shared; CHANGE_DEBOUNCE_MS unless a test shortens it. */
  readonly debounceMs?: number;
}

/** How long ago, in words: "just now", "12 s", "3 min", "2 h". */
export function ago(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 5) return l10n.t('just now');
  if (seconds < 60) return l10n.t('{0} s ago', seconds);
  if (seconds < 3600) return l10n.t('{0} min ago', Math.floor(seconds / 60));
  return l10n.t('{0} h ago', Math.floor(seconds / 3600));
}

/** The status bar's text (with its codicon) for a status, or undefined when sync is off. */
export function syncStatusText(status: SyncStatus, now: number): string | undefined {
  switch (status.phase) {
    case 'off':
      // The team meant to turn sync on: a block that cannot be read is said, not silently ignored.
      return status.problem ? l10n.t("$(warning) Incident sync off: the store's sync block is unusable") : undefined;
    case 'untrusted':
      return undefined;
    case 'idle':
      return l10n.t('$(sync) Incidents: not synced yet');
    case 'syncing':
      return l10n.t('$(sync~spin) Incidents: syncing…');
    case 'synced':
      return l10n.t('$(check) Incidents synced {0}', ago(now - (status.lastSynced ?? now)));
    case 'offline':
      if (!status.unshared) return l10n.t('$(debug-disconnect) Incidents offline — nothing waiting to be shared');
      return status.unshared === 1
        ? l10n.t('$(debug-disconnect) Incidents offline — 1 change not shared yet')
        : l10n.t('$(debug-disconnect) Incidents offline — {0} changes not shared yet', status.unshared);
    case 'no-remote':
      return l10n.t('$(circle-slash) Incidents: no remote to sync with');
    case 'failed':
      return l10n.t('$(error) Incident sync failed: {0}', failureWords(status.failure?.kind ?? 'other'));
  }
}

function failureWords(kind: string): string {
  switch (kind) {
    case 'authentication':
      return l10n.t('authentication');
    case 'no-such-remote':
      return l10n.t('no such remote');
    case 'bad-branch-name':
      return l10n.t('bad branch name');
    case 'not-a-sync-branch':
      return l10n.t('the branch holds more than incidents');
    case 'remote-store':
      return l10n.t("the team's store is unusable");
    case 'busy':
      return l10n.t('remote busy');
    case 'local-store':
      return l10n.t('the local store is unusable');
    default:
      return l10n.t('see the log');
  }
}

/** The tooltip: where it syncs to, and the whole message of a failure. */
/** A message for plain text (a tooltip, a notification): the command line's `git fetch origin` written "git fetch origin". */
export const plainQuotes = (message: string): string => message.replace(/`([^`\n]+)`/g, '"$1"');

export function syncStatusTooltip(status: SyncStatus, now: number): string {
  const lines = [status.target ? l10n.t('Team sync with {0}', status.target) : l10n.t('Team sync')];
  if (status.lastSynced) lines.push(l10n.t('Last synced {0}', ago(now - status.lastSynced)));
  if (status.failure) lines.push(plainQuotes(status.failure.message));
  if (status.problem) lines.push(status.problem);
  lines.push(l10n.t('Click to sync now.'));
  return lines.join('\n');
}

export class TeamSync {
  private current: SyncStatus = { phase: 'off' };
  private readonly listeners = new Set<(status: SyncStatus) => void>();
  private running: Promise<SyncStatus> | undefined;
  /** The one sync queued behind the running one; everyone who asked during that run waits for it. */
  private queued: { force: boolean; result: Promise<SyncStatus> } | undefined;
  /** The store changed while a sync ran: whether it was a local change is decided when the sync ends. */
  private recheck = false;
  private timer: NodeJS.Timeout | undefined;
  private debounce: NodeJS.Timeout | undefined;
  /** The store's bytes right after our last sync: a reload showing other bytes is a local change to share. */
  private bytesAfterSync: Buffer | undefined;
  private disposed = false;
  /** The trust and configuration the schedule was last set up for. */
  private configKey: string | undefined;
  private git: GitCommand | undefined;
  /** Syncs run so far (for tests and the log). */
  syncs = 0;

  constructor(private readonly host: TeamSyncHost) {}

  get status(): SyncStatus {
    return this.current;
  }

  onDidChange(listener: (status: SyncStatus) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private set(status: SyncStatus): void {
    this.current = status;
    for (const listener of this.listeners) listener(status);
  }

  private now(): number {
    return this.host.now?.() ?? Date.now();
  }

  config(): SyncConfig {
    const snapshot = this.host.store()?.read();
    return resolveSyncConfig(this.host.settings(), snapshot?.kind === 'loaded' ? snapshot.document : undefined);
  }

  /** Re-reads the settings and the store's `sync` block and (re)starts or stops the schedule. */
  refresh(): void {
    if (this.disposed) return;
    const config = this.config();
    const key = JSON.stringify([this.host.trusted(), config]);
    if (key === this.configKey) return;
    this.configKey = key;
    const target = `${config.remote}/${config.branch}`;
    if (!this.host.trusted()) this.set({ phase: 'untrusted' });
    else if (!config.enabled) this.set({ phase: 'off', ...(config.problem && config.source !== 'setting' && { problem: config.problem }) });
    else if (this.current.phase === 'off' || this.current.phase === 'untrusted' || this.current.target !== target) this.set({ phase: 'idle', target });
    if (config.problem) this.host.log('warn', `${config.problem}, so it is ignored; write a good one with "incident sync --enable" (or --disable)`);
    if (config.enabled)
      this.host.log(
        'info',
        `team sync on with ${target} (${config.source === 'store' ? "the store's sync block" : 'the incidents.sync.enabled setting'}), every ${config.intervalSeconds} s`,
      );
    this.schedule(0);
  }

  /** The store file changed (the watcher, or a write from this window): share it soon, unless it is what our own sync wrote. */
  storeChanged(): void {
    if (!this.active()) return;
    // During a sync the file may be our own write whose text is not known yet: look again when it ends.
    if (this.running) {
      this.recheck = true;
      return;
    }
    if (!this.changedSinceSync()) return;
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => void this.syncNow(), this.host.debounceMs ?? CHANGE_DEBOUNCE_MS);
  }

  private changedSinceSync(): boolean {
    const store = this.host.store();
    if (!store) return false;
    try {
      return !this.bytesAfterSync?.equals(readFileSync(store.file));
    } catch {
      return this.bytesAfterSync !== undefined;
    }
  }

  private active(): boolean {
    return !this.disposed && this.host.trusted() && this.current.phase !== 'off' && this.current.phase !== 'untrusted';
  }

  private schedule(afterMs: number): void {
    clearTimeout(this.timer);
    if (!this.active()) return;
    this.timer = setTimeout(() => {
      void this.syncNow().finally(() => {
        const { intervalSeconds } = this.config();
        // Quick while an incident is active; otherwise slow, so an incident declared elsewhere still arrives.
        this.schedule((this.host.hasActiveIncident() ? intervalSeconds : Math.max(intervalSeconds * 6, 60)) * 1000);
      });
    }, afterMs);
  }

  /**
   * Syncs now (the command, the timer, a change). With `force`, even when
   * automatic sync is off (Sync Incidents Now); never in Restricted Mode.
   */
  syncNow(force = false): Promise<SyncStatus> {
    if (!this.host.trusted() || this.disposed) return Promise.resolve(this.current);
    if (!force && !this.active()) return Promise.resolve(this.current);
    if (this.running) {
      // The running sync may have read the store before the caller's change: they wait for the next one, not this one.
      if (this.queued) {
        this.queued.force ||= force;
        return this.queued.result;
      }
      const runQueued = () => {
        const { force: forced } = this.queued ?? { force };
        this.queued = undefined;
        return this.syncNow(forced);
      };
      this.queued = { force, result: this.running.then(runQueued, runQueued) };
      return this.queued.result;
    }
    this.running = this.runOnce().finally(() => {
      this.running = undefined;
      if (this.recheck && !this.queued) {
        this.recheck = false;
        this.storeChanged();
      }
    });
    return this.running;
  }

  private async runOnce(): Promise<SyncStatus> {
    const store = this.host.store();
    if (!store) return this.current;
    const config = this.config();
    const target = `${config.remote}/${config.branch}`;
    const git = this.gitCommand();
    const previous = this.current;
    // Offline or failed stays on show while the next try runs: the item does not flicker every interval while the remote is away.
    if (previous.phase !== 'offline' && previous.phase !== 'failed') this.set({ ...previous, phase: 'syncing', target, failure: undefined });
    this.syncs++;
    try {
      const result = await syncStore(store, git, { remote: config.remote, branch: config.branch, timeoutMs: REMOTE_TIMEOUT_MS, who: await this.host.author() });
      this.bytesAfterSync = readBytesOrUndefined(store.file);
      if (result.received || result.adopted) this.host.afterSync();
      if (result.received || result.pushed)
        this.host.log('info', `sync with ${target}: received ${result.received} record(s)${result.pushed ? `, shared ${result.pushed.slice(0, 8)}` : ''}`);
      this.set({ phase: 'synced', target, lastSynced: this.now() });
    } catch (error) {
      this.set(await this.failed(error, store, git, config, target));
    }
    return this.current;
  }

  private async failed(error: unknown, store: IncidentStore, git: GitCommand, config: SyncConfig, target: string): Promise<SyncStatus> {
    const message = errorMessage(error);
    const lastSynced = this.current.lastSynced;
    if (error instanceof SyncRemoteError && error.kind === 'no-remote') {
      this.host.log('info', message);
      return { phase: 'no-remote', target, lastSynced, failure: { kind: error.kind, message } };
    }
    this.host.log('warn', message);
    if (error instanceof SyncRemoteError && (error.kind === 'unreachable' || error.kind === 'timeout')) {
      const unshared = await countUnshared(store, git, config.remote, config.branch).catch(() => undefined);
      return { phase: 'offline', target, lastSynced, unshared, failure: { kind: error.kind, message } };
    }
    const kind =
      error instanceof SyncRemoteError
        ? error.kind
        : error instanceof RemoteStoreUnusableError
          ? 'remote-store'
          : error instanceof SyncBusyError
            ? 'busy'
            : (error as { name?: string }).name === 'StoreUnusableError'
              ? 'local-store'
              : 'other';
    return { phase: 'failed', target, lastSynced, failure: { kind, message } };
  }

  /** One GitCommand while the git path stays the same, so what a sync reads from git config is read once. */
  private gitCommand(): GitCommand {
    const gitPath = this.host.gitPath();
    if (!this.git || this.git.gitPath !== (gitPath?.trim() || 'git')) this.git = new GitCommand(this.host.root, { gitPath });
    return this.git;
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    clearTimeout(this.debounce);
    this.listeners.clear();
  }
}

function readBytesOrUndefined(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}
