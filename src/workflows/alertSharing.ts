/**
 * The intake receiver shares what it takes in with the team: when the
 * store's `sync` block turns team sync on (the team's choice, as `incident
 * sync` and the editor read it), every accepted change is followed by a sync
 * within SHARE_DELAY_MS. The delay runs from the first change, not the last,
 * so a burst of alerts is one sync and a steady stream still syncs every
 * second or so; a change that arrives during a sync gets the next one.
 *
 * While the remote is away each try fails after its own time-out and the next
 * waits longer (RETRY_DELAYS_MS, then every minute) until one gets through:
 * an accepted alert is already in the local store, so nothing is lost, only
 * shared later. One log line per sync outcome. On shutdown, what is still
 * unshared gets one last bounded try.
 */
import { chooseSyncTarget, teamSyncSettings } from '../core/plan/syncSettings';
import { errorMessage } from '../core/record/errors';
import type { GitCommand } from '../git/gitCommand';
import type { IncidentStore } from '../store/incidentStore';
import { syncStore } from './sync';

/** From the first accepted change to the sync that shares it (the issue allows at most 2 s). */
export const SHARE_DELAY_MS = 1_000;
/** The waits after the 1st, 2nd, … failed try in a row; the last repeats. */
export const RETRY_DELAYS_MS: readonly number[] = [1_000, 2_000, 4_000, 8_000, 15_000, 30_000, 60_000];
/** Per fetch or push. */
const REMOTE_TIMEOUT_MS = 15_000;
/** The last try on shutdown, per fetch or push. */
const LAST_TRY_TIMEOUT_MS = 5_000;

export interface AlertSharingHost {
  store: IncidentStore;
  git: GitCommand;
  /** Who syncs, for the sync commit's message. */
  who: string;
  log(line: string): void;
}

export class AlertSharing {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  /** Accepted changes not shared yet. */
  private pending = false;
  private failuresInARow = 0;
  private stopped = false;
  /** The last "sync is off" line, said once until it changes. */
  private offLine: string | undefined;

  constructor(private readonly host: AlertSharingHost) {}

  /** Syncs at once: says whether team sync is on, and shares what an earlier run left unshared (a restart while the remote was away). */
  start(): void {
    if (this.stopped) return;
    this.pending = true;
    this.schedule(0);
  }

  /** An accepted change is in the store: share it within SHARE_DELAY_MS (or at the next retry, while the remote is away). */
  changed(): void {
    if (this.stopped) return;
    this.pending = true;
    if (!this.timer && !this.running) this.schedule(SHARE_DELAY_MS);
  }

  /** Stops the schedule; what is unshared gets one last try, bounded in time. Resolves when that is over. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
    if (this.pending) await this.syncOnce(LAST_TRY_TIMEOUT_MS);
  }

  /**
   * One sync now, after the one running, for the delivery of a declaration an
   * alert made (its claim must reach the team before its request goes out).
   * True when it succeeded, or when team sync is off.
   */
  async syncNow(): Promise<boolean> {
    while (this.running) await this.running;
    let ok = false;
    this.running = this.syncOnce(REMOTE_TIMEOUT_MS)
      .then((result) => void (ok = result))
      .finally(() => (this.running = undefined));
    await this.running;
    return ok;
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // A sync asked for by a delivery is running: this one follows it.
      if (this.running) return this.schedule(SHARE_DELAY_MS);
      this.running = this.syncOnce(REMOTE_TIMEOUT_MS)
        .then(() => undefined)
        .finally(() => {
          this.running = undefined;
          if (this.stopped || !this.pending || this.timer) return;
          this.schedule(this.failuresInARow ? this.retryDelay() : SHARE_DELAY_MS);
        });
    }, ms);
  }

  /** The sync target when the store's sync block turns team sync on; undefined (said once) when it does not. */
  private async target(): Promise<{ remote: string; branch: string } | undefined> {
    const read = this.host.store.read();
    const document = read.kind === 'loaded' ? read.document : undefined;
    // The remotes matter only when the block names none (and cost a git process): asked for only when sync is on.
    const on = document && teamSyncSettings(document).settings?.enabled;
    const remotes = on ? (await this.host.git.run(['remote']).catch(() => '')).split('\n').filter(Boolean) : [];
    const { remote, branch, team, problem } = chooseSyncTarget({}, document, remotes);
    if (team?.enabled) {
      this.offLine = undefined;
      return { remote, branch };
    }
    const line =
      read.kind === 'unusable'
        ? `team sync waits: the store cannot be used (${read.message})`
        : problem
          ? `team sync off: ${problem}; alerts stay in this clone's store (write a good block with "incident sync --enable")`
          : `team sync off for this store: alerts stay in this clone's store until someone runs "incident sync" (turn it on for the team with "incident sync --enable")`;
    if (line !== this.offLine) this.host.log(line);
    this.offLine = line;
    return undefined;
  }

  /** True when the store is shared now (or team sync is off). */
  private async syncOnce(timeoutMs: number): Promise<boolean> {
    const target = await this.target();
    if (!target) {
      this.pending = false;
      return true;
    }
    const where = `${target.remote}/${target.branch}`;
    this.pending = false;
    try {
      const result = await syncStore(this.host.store, this.host.git, { ...target, timeoutMs, who: this.host.who });
      this.failuresInARow = 0;
      const shared = result.pushed ? `shared ${result.pushed.slice(0, 8)}` : 'nothing new to share';
      this.host.log(`sync ${where}: ${shared}, received ${result.received} record(s)`);
      return true;
    } catch (error) {
      this.pending = true;
      this.failuresInARow++;
      const next = this.stopped ? 'not shared yet: the next sync of this clone shares it' : `next try in ${Math.round(this.retryDelay() / 1000)} s`;
      this.host.log(`sync ${where} failed (${this.failuresInARow} in a row; ${next}; accepted alerts stay in the store): ${errorMessage(error).split('\n')[0]}`);
      return false;
    }
  }

  private retryDelay(): number {
    return RETRY_DELAYS_MS[Math.min(this.failuresInARow, RETRY_DELAYS_MS.length) - 1];
  }
}
