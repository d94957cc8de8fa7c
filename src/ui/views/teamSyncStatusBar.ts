/**
 * Team sync in the window: the status-bar item that says what sync is doing,
 * the Sync Incidents Now command, and the wiring that keeps the schedule in
 * step with the settings, the store's `sync` block and Workspace Trust.
 */
import * as vscode from 'vscode';
import { isActive } from '../../core/lifecycle/lifecycle';
import { CommandId } from '../commands/commandIds';
import { Disposable } from '../disposable';
import { plainQuotes, syncStatusText, syncStatusTooltip, TeamSync, type SyncStatus } from '../../workflows/teamSync';
import type { WorkspaceStore } from '../workspaceStore';

/** How often the "synced 12 s ago" text is brought up to date. */
const AGE_REFRESH_MS = 5_000;

export class TeamSyncStatusBar extends Disposable {
  private readonly item = this.register(vscode.window.createStatusBarItem('incidents.sync', vscode.StatusBarAlignment.Left, 49));
  private readonly ageTimer = setInterval(() => this.show(this.sync.status), AGE_REFRESH_MS);
  private lastFailure: string | undefined;

  constructor(
    readonly sync: TeamSync,
    workspace: WorkspaceStore,
    private readonly log: vscode.LogOutputChannel,
    private readonly folder: vscode.Uri,
  ) {
    super();
    this.item.name = vscode.l10n.t('Incident Sync');
    this.item.command = CommandId.SyncNow;
    this.register({ dispose: () => clearInterval(this.ageTimer) });
    this.register({ dispose: () => sync.dispose() });
    this.register(sync.onDidChange((status) => this.show(status)));
    this.register(
      workspace.onDidChange(() => {
        sync.refresh();
        sync.storeChanged();
      }),
    );
    this.register(vscode.workspace.onDidChangeConfiguration((event) => event.affectsConfiguration('incidents.sync') && sync.refresh()));
    this.register(vscode.workspace.onDidGrantWorkspaceTrust(() => sync.refresh()));
    sync.refresh();
  }

  /** The item's text now (for tests), or undefined when hidden. */
  get text(): string | undefined {
    return syncStatusText(this.sync.status, Date.now());
  }

  private show(status: SyncStatus): void {
    const text = syncStatusText(status, Date.now());
    if (!text) {
      this.item.hide();
      return;
    }
    this.item.text = text;
    this.item.tooltip = syncStatusTooltip(status, Date.now());
    this.item.backgroundColor =
      status.phase === 'failed'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : status.phase === 'offline'
          ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined;
    this.item.accessibilityInformation = { label: text.replace(/\$\([^)]*\)\s*/g, '') };
    this.item.show();
    this.tellOnce(status);
  }

  /** A failure other than being offline is said once per kind in a notification, with what to do. */
  private tellOnce(status: SyncStatus): void {
    if (status.phase !== 'failed' || !status.failure) {
      if (status.phase === 'synced') this.lastFailure = undefined;
      return;
    }
    if (this.lastFailure === status.failure.kind) return;
    this.lastFailure = status.failure.kind;
    const [retry, showLog, signIn] = [vscode.l10n.t('Sync Now'), vscode.l10n.t('Show Log'), vscode.l10n.t('Sign In in a Terminal')];
    // Sync never prompts; a plain `git fetch` in a terminal lets git ask, and a credential helper keep the answer.
    const buttons = status.failure.kind === 'authentication' ? [signIn, retry, showLog] : [retry, showLog];
    void vscode.window.showWarningMessage(plainQuotes(status.failure.message), ...buttons).then((choice) => {
      if (choice === retry) void vscode.commands.executeCommand(CommandId.SyncNow);
      if (choice === showLog) this.log.show();
      if (choice === signIn) this.signIn();
    });
  }

  private signIn(): void {
    const { remote } = this.sync.config();
    const terminal = vscode.window.createTerminal({ name: vscode.l10n.t('Incident sync: sign in'), cwd: this.folder });
    terminal.show();
    // The remote is one of `git remote`'s names (checked before any sync ran), quoted for the shell all the same.
    terminal.sendText(`git fetch '${remote.replace(/'/g, `'\\''`)}'`);
  }
}

/** Whether any incident in the store still needs a responder (sync then runs at its short interval). */
export const anyActiveIncident = (workspace: WorkspaceStore) => workspace.current().incidents.some(isActive);
