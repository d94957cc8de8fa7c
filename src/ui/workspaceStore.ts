import { statSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { IncidentStore } from '../store/incidentStore';
import { effectivePlan, type EffectivePlan } from '../core/plan/plan';
import type { SlaPolicy } from '../core/record/schema';
import { withTargetOverrides } from '../core/clocks/sla';
import { DEFAULT_STORE_PATH } from '../core/record/storePath';
import { planInForce, planRelativePath } from '../store/planFile';
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
    storePath: string = DEFAULT_STORE_PATH,
  ) {
    super();
    this.store = folder ? storeAt(folder, storePath, log) : undefined;
    if (folder && this.store) {
      const watcher = this.register(vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, this.store.relativePath)));
      const reload = () => this.reload();
      this.register(watcher.onDidChange(reload));
      this.register(watcher.onDidCreate(reload));
      this.register(watcher.onDidDelete(reload));
      // The response plan beside the store: its SLA and checklist apply as soon as it is saved, pulled or synced.
      const planWatcher = this.register(vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, planRelativePath(this.store.relativeDir))));
      const forgetPlan = () => {
        this.planRead = undefined;
        this.changed.fire();
      };
      this.register(planWatcher.onDidChange(forgetPlan));
      this.register(planWatcher.onDidCreate(forgetPlan));
      this.register(planWatcher.onDidDelete(forgetPlan));
    }
    this.reload();
  }

  private planRead: { plan: EffectivePlan; policyOfStore: unknown; file: string } | undefined;

  /**
   * The response plan in force (src/core/plan/plan.ts): the repository's
   * `.incidents/plan.json`, else the defaults, with the SLA read from the plan,
   * else the store's old policy. Read again when the file or the store's policy
   * changed (a stat per call; the watcher above only tells the views). A plan
   * file that cannot be used is said once (with its place) and the defaults
   * apply: nothing waits for a fix.
   */
  plan(): EffectivePlan {
    const storePolicy = this.snapshot.kind === 'loaded' ? this.snapshot.document.policy : undefined;
    const file = this.store ? planFileVersion(join(this.store.root, planRelativePath(this.store.relativeDir))) : 'none';
    if (this.planRead && this.planRead.policyOfStore === storePolicy && this.planRead.file === file) return this.planRead.plan;
    const { plan, problem } = this.store ? planInForce(this.store.root, this.store.relativeDir, storePolicy) : { plan: effectivePlan(undefined, storePolicy), problem: undefined };
    if (problem) this.warnOnce(vscode.l10n.t('{0}; the response plan cannot be used, so the defaults apply until it is fixed.', problem), true);
    this.planRead = { plan, policyOfStore: storePolicy, file };
    return plan;
  }

  /** Logs a warning once per session (and shows it, with `show`). */
  warnOnce(message: string, show = false): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.log?.warn(message);
    if (show) void vscode.window.showWarningMessage(message);
  }

  get storeUri(): vscode.Uri | undefined {
    return this.folder && this.store && vscode.Uri.joinPath(this.folder, this.store.relativePath);
  }

  current(): StoreSnapshot {
    return this.snapshot;
  }

  /** The SLA in force: the plan's (or the store's old policy, or the defaults), with the `incidents.slaTargets` setting over it. */
  policy(): SlaPolicy {
    const { policy, problems } = withTargetOverrides(this.plan().sla, this.targetOverrides());
    for (const problem of problems) this.warnOnce(`incidents.slaTargets: ${problem}`);
    return policy;
  }

  /** Re-reads the file (a small JSON read) and tells the views. */
  reload(): StoreSnapshot {
    this.snapshot = this.store?.read() ?? missingStore;
    // What the store read but did not believe (a change stamp dated far ahead) goes to the log, once each.
    if (this.snapshot.kind === 'loaded') for (const warning of this.snapshot.warnings) this.warnOnce(warning);
    this.changed.fire();
    return this.snapshot;
  }
}

/** What tells one version of the plan file from another without reading it: size and modification time, or "none". */
function planFileVersion(path: string): string {
  try {
    const stats = statSync(path);
    return `${stats.size}:${stats.mtimeMs}:${stats.ino}`;
  } catch {
    return 'none';
  }
}

function storeAt(folder: vscode.Uri, storePath: string, log: vscode.LogOutputChannel | undefined): IncidentStore {
  try {
    return new IncidentStore(folder.fsPath, storePath);
  } catch (error) {
    const message = vscode.l10n.t('incidents.storePath: {0}; using {1}', (error as Error).message, DEFAULT_STORE_PATH);
    log?.warn(message);
    void vscode.window.showWarningMessage(message);
    return new IncidentStore(folder.fsPath);
  }
}
