/**
 * Delivery in the editor: the delivery loop (src/workflows/delivery/) run in
 * the background, never in the way of a write. It runs when a write from this
 * window queued deliveries, when the store changes (a teammate's pending
 * delivery arrived by sync, a person pressed Retry) and something can be done
 * now, and at the one moment something it waits for may change (a backoff's
 * end, a stale claim). One run at a time; a request during a run asks for one
 * more after it. With team sync on, the loop syncs through the window's own
 * team sync (TeamSync.syncNow), so claims reach the team before a request goes
 * out (the exactly-once rule in src/core/delivery/deliveryRecords.ts).
 *
 * Only in a trusted workspace with a usable store. Secrets come from
 * ChannelSecrets, read once per run; nothing secret is logged: reasons come
 * from the senders, which never include one.
 */
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { actionable, nextDeliveryWake } from '../core/delivery/deliveryWake';
import { overdueReminders, reminderChannels, reminderDueTime } from '../core/delivery/overdueReminders';
import { errorMessage } from '../core/record/errors';
import type { DeliveryRecord, Incident } from '../core/record/schema';
import { deliveryCopyText } from '../core/delivery/deliveryCopy';
import { runDeliveries, type DeliverySummary } from '../workflows/delivery/deliveryLoop';
import { retryFailedDeliveries } from '../workflows/delivery/deliveryRetry';
import type { TeamSync } from '../workflows/teamSync';
import type { ChannelSecrets } from './channelSecrets';
import { Disposable } from './disposable';
import { readOnlyReason } from './incidentActions';
import type { WorkspaceStore } from './workspaceStore';

/** A request's time limit; the update is saved before, whatever happens. */
const REQUEST_TIMEOUT_MS = 20_000;
/** Never wake sooner than this after a run, nor later than this (a clock that jumped). */
const WAKE_MIN_MS = 1_000;
const WAKE_MAX_MS = 10 * 60_000;

export interface DeliveryServiceHost {
  readonly workspace: WorkspaceStore;
  readonly secrets: ChannelSecrets;
  /** The window's team sync, when it is on. */
  readonly teamSync: () => TeamSync | undefined;
  readonly log: vscode.LogOutputChannel;
  readonly trusted: () => boolean;
  /** This machine's id, the one the window's writes claim deliveries with (src/workflows/delivery/machineId.ts). */
  readonly machine: () => string;
  /** "Name <email>" of the person this window writes as (the author of the reminders it adds). */
  readonly author: () => Promise<string>;
}

const deliveriesOf = (incidents: readonly Incident[]): DeliveryRecord[] => incidents.flatMap((incident) => incident.deliveries ?? []);

export class DeliveryService extends Disposable {
  private running: Promise<void> | undefined;
  private again = false;
  private wake: NodeJS.Timeout | undefined;
  private readonly finished = new vscode.EventEmitter<DeliverySummary>();
  /** A run ended (what it sent, what failed, what waits). */
  readonly onDidRun = this.finished.event;

  constructor(private readonly host: DeliveryServiceHost) {
    super();
    this.register(this.finished);
    this.register(host.workspace.onDidChange(() => this.storeChanged()));
    this.register(vscode.workspace.onDidGrantWorkspaceTrust(() => this.storeChanged()));
    this.register({ dispose: () => clearTimeout(this.wake) });
    // What an earlier session left pending (the window closed before it was sent), and the reminders already due.
    setTimeout(() => this.storeChanged(), 0);
  }

  private machine(): string {
    return this.host.machine();
  }

  private usable(): boolean {
    return !this.isDisposed && this.host.trusted() && readOnlyReason(this.host.workspace) === undefined;
  }

  private pending(): DeliveryRecord[] {
    const snapshot = this.host.workspace.current();
    return snapshot.kind === 'loaded' ? deliveriesOf(snapshot.incidents).filter((record) => record.state === 'pending' || record.state === 'sending') : [];
  }

  /**
   * The due times of the overdue reminders the plan asks for (channels with
   * `remindOverdue`) on active incidents that have none yet for that time:
   * `now` lists those due already, `next` the earliest still to come.
   */
  private reminders(now: Date): { due: string[]; next?: number } {
    const snapshot = this.host.workspace.current();
    if (snapshot.kind !== 'loaded') return { due: [] };
    const { channels } = this.host.workspace.plan();
    if (!channels.some((channel) => channel.delivery?.remindOverdue)) return { due: [] };
    const plan = { channels, sla: this.host.workspace.policy() };
    const due: string[] = [];
    let next: number | undefined;
    for (const incident of snapshot.incidents) {
      const at = reminderDueTime(incident, plan.sla);
      if (!at) continue;
      // Due now: exactly what the loop's reminder pass would add (src/core/delivery/overdueReminders.ts).
      if (at.getTime() <= now.getTime()) {
        if (overdueReminders(incident, plan, { machine: 'probe', person: '' }, now).length) due.push(incident.id);
      } else if (reminderChannels(incident, channels).length) next = Math.min(next ?? Number.POSITIVE_INFINITY, at.getTime());
    }
    return { due, ...(next !== undefined ? { next } : {}) };
  }

  /** The store changed: run when something can be done now, else wait for its moment. */
  private storeChanged(): void {
    if (!this.usable() || this.running) return;
    const pending = this.pending();
    if (this.reminders(new Date()).due.length) return void this.deliverSoon();
    if (!pending.length) return this.scheduleWake(undefined);
    const machine = this.machine();
    if (pending.some((record) => actionable(record, machine, new Date()))) this.deliverSoon();
    else this.scheduleWake(machine);
  }

  /** Runs the loop now, or once more after the run in progress. */
  deliverSoon(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.runOnce()
      .catch((error) => this.host.log.error(`delivery: ${errorMessage(error)}`))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          void this.deliverSoon();
        }
      });
    return this.running;
  }

  /** The run in progress, if any, has ended (tests and the status bar's Retry wait for it). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async runOnce(): Promise<void> {
    const store = this.host.workspace.store;
    if (!this.usable() || !store || (!this.pending().length && !this.reminders(new Date()).due.length)) return;
    // The SLA in force here (the plan's, with this window's target settings) times the reminders, as the clocks on screen.
    const plan = { ...this.host.workspace.plan(), sla: this.host.workspace.policy() };
    const secrets = await this.host.secrets.snapshot(plan.channels);
    const machine = this.machine();
    const teamSync = this.host.teamSync();
    const syncing = teamSync?.config().enabled === true;
    const caFile = process.env.INCIDENT_SMTP_CA_FILE;
    const summary = await runDeliveries(
      { store },
      {
        machine,
        plan,
        secrets: (name) => secrets.get(name),
        now: () => new Date(),
        timeoutMs: REQUEST_TIMEOUT_MS,
        remindOverdue: { person: await this.host.author() },
        ...(syncing && teamSync ? { sync: async () => (await teamSync.syncNow(true)).phase === 'synced' } : {}),
        ...(caFile ? { emailCa: readFileSync(caFile, 'utf8') } : {}),
      },
    );
    for (const report of summary.sent) this.host.log.info(`delivered ${report.incident} ${report.event} to ${report.channel}`);
    for (const report of summary.failed) this.host.log.warn(`not delivered: ${report.incident} ${report.event} to ${report.channel}: ${report.reason ?? 'failed'}`);
    this.host.workspace.reload();
    this.finished.fire(summary);
    this.scheduleWake(machine);
  }

  /** A person's Retry: the failed delivery (or every failed one of the incident) pending again on this machine, then sent. */
  async retry(incidentId: string, deliveryId?: string): Promise<number> {
    const store = this.host.workspace.store;
    const reason = readOnlyReason(this.host.workspace);
    if (reason || !store) throw new Error(reason ?? 'no store');
    const count = await retryFailedDeliveries(store, { incidentId, ...(deliveryId ? { deliveryId } : {}) }, this.machine(), new Date());
    this.host.workspace.reload();
    if (count) void this.deliverSoon();
    return count;
  }

  /** The message a delivery carries, as plain text to paste by hand (the channel's audience rules apply). */
  copyText(incidentId: string, deliveryId: string): string {
    const incident = this.host.workspace.current().incident(incidentId);
    const record = incident?.deliveries?.find((candidate) => candidate.id === deliveryId);
    if (!incident || !record) throw new Error(vscode.l10n.t('{0} has no such message any more.', incidentId));
    return deliveryCopyText(incident, record, this.host.workspace.plan(), new Date());
  }

  /** One timer for the next moment something may change: a delivery's backoff or claim, or a reminder's due time. */
  private scheduleWake(machine: string | undefined): void {
    clearTimeout(this.wake);
    const now = new Date();
    const delivery = machine === undefined ? undefined : nextDeliveryWake(this.pending(), machine, now)?.getTime();
    const reminder = this.reminders(now).next;
    const moments = [delivery, reminder].filter((moment): moment is number => moment !== undefined);
    if (!moments.length || this.isDisposed) return;
    const delay = Math.min(WAKE_MAX_MS, Math.max(WAKE_MIN_MS, Math.min(...moments) - now.getTime()));
    this.wake = setTimeout(() => this.storeChanged(), delay);
  }
}
