import * as vscode from 'vscode';
import { IncidentStore, STORE_RELATIVE_PATH } from '../store/incidentStore';
import type { SlaPolicy } from '../core/schema';
import { resolvePolicy, withTargetOverrides } from '../core/sla';
import { Disposable } from './disposable';
import { missingStore, type StoreSnapshot } from '../store/storeSnapshot';
import type { StoreSnapshotSource } from './storeSnapshot';

/**
 * The incident store of the first workspace folder, followed on disk: another
 * window, the CLI, a `git pull` or a branch switch reach the views at once.
 * Reading is allowed in an untrusted workspace; writing goes through
 * IncidentActions, which refuses there.
 */
export class WorkspaceStore extends Disposable implements StoreSnapshotSource {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  readonly store: IncidentStore | undefined;
  private snapshot: StoreSnapshot = missingStore;

  private readonly warned = new Set<string>();

  constructor(
    readonly folder: vscode.Uri | undefined,
    /** The `incidents.slaTargets` setting, read when clocks are computed. */
    private readonly targetOverrides: () => unknown = () => undefined,
    private readonly log?: vscode.LogOutputChannel,
    /** The `incidents.storePath` setting; a bad one is reported and the default used. */
    storePath: string = STORE_RELATIVE_PATH,
  ) {
    super();
    this.store = folder ? storeAt(folder, storePath, log) : undefined;
    if (folder && this.store) {
      const watcher = this.register(vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, this.store.relativePath)));
      const reload = () => this.reload();
      this.register(watcher.onDidChange(reload));
      this.register(watcher.onDidCreate(reload));
      this.register(watcher.onDidDelete(reload));
    }
    this.reload();
  }

  get storeUri(): vscode.Uri | undefined {
    return this.folder && this.store && vscode.Uri.joinPath(this.folder, this.store.relativePath);
  }

  current(): StoreSnapshot {
    return this.snapshot;
  }

  policy(): SlaPolicy {
    const base = resolvePolicy(this.snapshot.kind === 'loaded' ? this.snapshot.document.policy : undefined);
    const { policy, problems } = withTargetOverrides(base, this.targetOverrides());
    for (const problem of problems) {
      if (this.warned.has(problem)) continue;
      this.warned.add(problem);
      this.log?.warn(`incidents.slaTargets: ${problem}`);
    }
    return policy;
  }

  /** Re-reads the file (a small JSON read) and tells the views. */
  reload(): StoreSnapshot {
    this.snapshot = this.store?.read() ?? missingStore;
    this.changed.fire();
    return this.snapshot;
  }
}

function storeAt(folder: vscode.Uri, storePath: string, log: vscode.LogOutputChannel | undefined): IncidentStore {
  try {
    return new IncidentStore(folder.fsPath, storePath);
  } catch (error) {
    const message = vscode.l10n.t('incidents.storePath: {0}; using {1}', (error as Error).message, STORE_RELATIVE_PATH);
    log?.warn(message);
    void vscode.window.showWarningMessage(message);
    return new IncidentStore(folder.fsPath);
  }
}
