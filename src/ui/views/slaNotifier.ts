import * as vscode from 'vscode';
import { dueAlerts } from '../../core/clocks/alerts';
import { CommandId } from '../commands/commandIds';
import { Disposable } from '../disposable';
import type { StoreSnapshotSource } from '../storeSnapshot';

const SHOWN_KEY = 'incidents.shownAlerts';
const TICK_MS = 30_000;

/**
 * Tells responders when a response or resolution target is about to pass or
 * has passed, and when a status update is due: each alert once (remembered
 * across reloads), with "Open Incident" and "Post Update" actions.
 */
export class SlaNotifier extends Disposable {
  private readonly shown: Set<string>;

  constructor(
    private readonly source: StoreSnapshotSource,
    private readonly state: vscode.Memento,
    private readonly leadMinutes: () => number,
  ) {
    super();
    this.shown = new Set(state.get<string[]>(SHOWN_KEY, []));
    const timer = setInterval(() => this.check(), TICK_MS);
    this.register({ dispose: () => clearInterval(timer) });
    this.register(source.onDidChange(() => this.check()));
  }

  check(now = new Date()): void {
    const snapshot = this.source.current();
    if (snapshot.kind !== 'loaded') return;
    const policy = this.source.policy();
    const lead = Math.max(0, this.leadMinutes()) * 60_000;
    const plan = this.source.plan();
    const fresh = snapshot.document.incidents.flatMap((incident) => dueAlerts(incident, policy, now, lead, plan.regulatory, plan)).filter((alert) => !this.shown.has(alert.key));
    if (!fresh.length) return;
    for (const alert of fresh) {
      this.shown.add(alert.key);
      const actions = alert.kind === 'update' ? [vscode.l10n.t('Post Update'), vscode.l10n.t('Open Incident')] : [vscode.l10n.t('Open Incident')];
      const show = alert.stage === 'breached' ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
      void show(alert.message, ...actions).then((choice) => {
        if (choice) void vscode.commands.executeCommand(CommandId.OpenIncident, alert.incidentId);
      });
    }
    // Keep the memory bounded: the newest 500 keys are plenty to avoid repeats.
    void this.state.update(SHOWN_KEY, [...this.shown].slice(-500));
  }
}
