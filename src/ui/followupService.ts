/**
 * Follow-ups in the editor: the pass of `incident followups sync`
 * (src/workflows/tracker/followupLoop.ts) run in the background. Exports that
 * wait are taken on when the store changes and one can be taken now (a
 * person pressed *Export to Tracker* here, a teammate's arrived by sync);
 * the issues are read back, which costs the tracker's API calls, only every
 * few minutes and when a person asks (*Sync Follow-ups with Tracker*).
 * One run at a time; a request during a run asks for one more after it.
 * With team sync on, the pass syncs through the window's own team sync, so a
 * claim reaches the team before an issue is made (the exactly-once rule in
 * src/core/delivery/deliveryRecords.ts).
 *
 * Only in a trusted workspace with a usable store, a plan with a `tracker`
 * block and a token (VS Code's secret storage under the plan's secret name,
 * else INCIDENT_SECRET_<NAME>, as the command line reads it). A failure is
 * one log line; the tracker's reasons never carry the token.
 */
import * as vscode from 'vscode';
import { nextDeliveryStep } from '../core/delivery/deliveryRecords';
import { errorMessage } from '../core/record/errors';
import type { ActionItem } from '../core/record/schema';
import { trackerSecretName, trackerSettings } from '../core/plan/trackerPlan';
import { retriedExport, withExportChanged } from '../core/retrospective/followups';
import { askExports, exportFollowups, runFollowups, type FollowupOptions } from '../workflows/tracker/followupLoop';
import { Disposable } from './disposable';
import { readOnlyReason } from './incidentActions';
import type { DeliveryServiceHost } from './deliveryService';

/** A request's time limit. */
const REQUEST_TIMEOUT_MS = 20_000;
/** How often the issues are read back (each open exported item costs one API call). */
const READ_BACK_EVERY_MS = 5 * 60_000;

/** What the service needs of the window: the same as the delivery service (the store, secrets, team sync, log, trust, machine id, author). */
export type FollowupServiceHost = DeliveryServiceHost;

type Pass = 'export' | 'full';

export class FollowupService extends Disposable {
  private running: Promise<void> | undefined;
  private again: Pass | undefined;

  constructor(private readonly host: FollowupServiceHost) {
    super();
    this.register(host.workspace.onDidChange(() => this.storeChanged()));
    this.register(vscode.workspace.onDidGrantWorkspaceTrust(() => void this.runSoon('full')));
    const timer = setInterval(() => void this.runSoon('full'), READ_BACK_EVERY_MS);
    this.register({ dispose: () => clearInterval(timer) });
    // What an earlier session left waiting, and the issues closed while the editor was away.
    setTimeout(() => void this.runSoon('full'), 0);
  }

  /** The plan's tracker when this window may talk to it, else undefined. */
  private tracker() {
    if (this.isDisposed || !this.host.trusted() || readOnlyReason(this.host.workspace) !== undefined) return undefined;
    return this.host.workspace.plan().tracker;
  }

  /** The store changed: an export that can be taken on now is, without reading the issues back. */
  private storeChanged(): void {
    const snapshot = this.host.workspace.current();
    // Changes during a run are its own writes: taking them as a reason to run again would loop while team sync fails (offline).
    if (this.running || !this.tracker() || snapshot.kind !== 'loaded') return;
    const machine = this.host.machine();
    const now = new Date();
    const waiting = (item: ActionItem) => {
      const record = item.export;
      if (record?.state !== 'pending' && record?.state !== 'sending') return false;
      const step = nextDeliveryStep(record, machine, now).do;
      return step !== 'wait' && step !== 'nothing';
    };
    if (snapshot.incidents.some((incident) => incident.retrospective.actionItems.some(waiting))) void this.runSoon('export');
  }

  /** Runs a pass now, or once more after the run in progress. `full` reads the issues back too. */
  runSoon(pass: Pass): Promise<void> {
    if (this.running) {
      this.again = this.again === 'full' || pass === 'full' ? 'full' : 'export';
      return this.running;
    }
    this.running = this.runOnce(pass)
      .catch((error) => this.host.log.warn(`follow-ups: ${errorMessage(error)}`))
      .finally(() => {
        this.running = undefined;
        const next = this.again;
        this.again = undefined;
        if (next) void this.runSoon(next);
      });
    return this.running;
  }

  /** The run in progress, if any, has ended. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** The options of a pass, or undefined (and why) when none can run. */
  private async options(): Promise<{ options?: FollowupOptions; reason?: string }> {
    const tracker = this.tracker();
    if (!tracker) return { reason: vscode.l10n.t('The response plan has no "tracker" block: add one to .incidents/plan.json (docs/plan.md, "Tracker").') };
    const name = trackerSecretName(tracker);
    // Only to the API it was set for: a plan pointed elsewhere does not take the token with it.
    const token = await this.host.secrets.get(name, trackerSettings(tracker).baseUrl);
    if (!token) return { reason: vscode.l10n.t('No token for the tracker yet: run "Incident: Set Tracker Token…" (secret "{0}").', name) };
    const teamSync = this.host.teamSync();
    const sync = teamSync?.config().enabled === true ? async () => (await teamSync.syncNow(true)).phase === 'synced' : undefined;
    const options: FollowupOptions = {
      machine: this.host.machine(),
      person: await this.host.author(),
      plan: this.host.workspace.plan(),
      secrets: (asked) => (asked === name ? token : undefined),
      now: () => new Date(),
      timeoutMs: REQUEST_TIMEOUT_MS,
      ...(sync ? { sync } : {}),
    };
    return { options };
  }

  private async runOnce(pass: Pass): Promise<void> {
    const store = this.host.workspace.store;
    const { options } = await this.options();
    if (!store || !options) return;
    const writer = { store };
    const reports = pass === 'full' ? await runFollowups(writer, options) : { reports: await exportFollowups(writer, options), closed: 0, unread: [] };
    for (const report of reports.reports)
      if (report.state === 'failed' || report.state === 'uncertain')
        this.host.log.warn(`follow-up ${report.incident} ${report.item} ${report.state}: ${report.reason ?? 'no reason given'}`);
    if (reports.closed) this.host.log.info(`follow-ups: ${reports.closed} action item(s) marked done: their issues were closed`);
    for (const unread of reports.unread) this.host.log.warn(`follow-ups: could not read an issue: ${unread}; the next pass tries again`);
    this.host.workspace.reload();
  }

  /** *Export to Tracker*: the items marked for export on this machine, then taken on. Returns how many were marked. */
  async exportItems(chosen: readonly { incident: string; item: string }[]): Promise<number> {
    const store = this.host.workspace.store;
    const readOnly = readOnlyReason(this.host.workspace);
    if (readOnly || !store) throw new Error(readOnly ?? 'no store');
    const { options, reason } = await this.options();
    const plan = this.host.workspace.plan();
    if (!plan.tracker) throw new Error(reason);
    // Without the token the export is still asked for: it waits, and the next pass with a token makes the issue.
    const base = options ?? {
      machine: this.host.machine(),
      person: await this.host.author(),
      plan,
      secrets: () => undefined,
      now: () => new Date(),
      timeoutMs: REQUEST_TIMEOUT_MS,
    };
    const count = await askExports({ store }, chosen, base);
    this.host.workspace.reload();
    if (!options && reason) void vscode.window.showWarningMessage(reason);
    await this.runSoon('export');
    return count;
  }

  /**
   * *Retry Export to Tracker*: a failed or uncertain export in a new round on this machine (the person looked in the
   * tracker first), then taken on. Returns whether it was retried.
   */
  async retryExport(incidentId: string, itemId: string): Promise<boolean> {
    const store = this.host.workspace.store;
    const readOnly = readOnlyReason(this.host.workspace);
    if (readOnly || !store) throw new Error(readOnly ?? 'no store');
    let retried = false;
    const machine = this.host.machine();
    await store.update(incidentId, (incident) =>
      withExportChanged(incident, itemId, (record) => (record.state === 'failed' ? ((retried = true), retriedExport(record, machine, new Date())) : record)),
    );
    this.host.workspace.reload();
    if (retried) await this.runSoon('export');
    return retried;
  }

  /** *Sync Follow-ups with Tracker*: the whole pass now; why it cannot run, when it cannot. */
  async syncNow(): Promise<string | undefined> {
    const { reason } = await this.options();
    if (reason) return reason;
    await this.runSoon('full');
    await this.idle();
    return undefined;
  }
}
