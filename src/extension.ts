/**
 * Composition root: builds every service once and hands each disposable to
 * `context.subscriptions`. Activation does no heavy work: it reads one JSON
 * file and registers views and commands. No git process starts until a
 * trusted workspace needs the author's name.
 */
import * as vscode from 'vscode';
import { GitRepository } from './git/gitRepository';
import { gitProcessesStarted } from './git/processCount';
import { authorIdentity } from './git/identity';
import { clipText, PERSON_MAX } from './core/clip';
import { commitIncidentLog, incidentLogMessage } from './git/incidentLog';
import { isActive } from './core/lifecycle';
import { conflictStages, installMergeDriver, mergeDriverCommand } from './git/mergeDriver';
import { mergeStoreTexts } from './store/mergeFiles';
import { CommandId, ContextKey, WRITING_COMMANDS } from './ui/commands';
import { IncidentActions, readOnlyReason } from './ui/incidentActions';
import { incidentIdFromSavedState, IncidentPanel, INCIDENT_PANEL_VIEW_TYPE, type IncidentPanelHost } from './ui/incidentPanel';
import { IncidentsTreeProvider, type Grouping, type ShownRow } from './ui/incidentsTree';
import { CurrentIncident } from './ui/currentIncident';
import { ActionItemsTreeProvider } from './ui/actionItemsTree';
import { SlaNotifier } from './ui/slaNotifier';
import { buildPanelState } from './ui/panelState';
import { WorkspaceStore } from './ui/workspaceStore';
import type { CommandServices } from './ui/commandServices';
import { registerIncidentCommands } from './ui/incidentCommands';
import { registerGitCommands } from './ui/gitCommands';
import { registerRetrospectiveCommands } from './ui/retrospectiveCommands';
import { MetricsPanel } from './ui/metricsPanel';
import { CommitTrailerPrefill } from './ui/commitTrailer';
import { ReferenceScanner } from './ui/referenceScanner';
import { declareArguments } from './ui/declareFlow';

export interface IncidentResponderApi {
  /** For tests and other extensions: the store's state as the views see it. */
  readonly storeState: () => string;
  /** The incident shown in the status bar. */
  readonly currentIncident: () => string | undefined;
  /** The Active Incidents view's first two levels as VS Code asks for them: "SEV1 > INC-… title". */
  readonly activeIncidentRows: () => string[];
  /** One incident's row in that view as VS Code shows it: label, icon and colours, resolved tooltip. */
  readonly activeIncidentItem: (id: string) => Promise<ShownRow | undefined>;
  /** The message at the top of that view (unreadable records, an unusable store). */
  readonly activeIncidentsMessage: () => string | undefined;
  /** Git processes started so far (none in Restricted Mode). */
  readonly gitProcessesStarted: () => number;
}

export function activate(context: vscode.ExtensionContext): IncidentResponderApi {
  const log = vscode.window.createOutputChannel('Incident Responder', { log: true });
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const settings = () => vscode.workspace.getConfiguration('incidents');
  const workspace = new WorkspaceStore(folder, () => settings().get('slaTargets'), log, settings().get<string>('storePath') || undefined);
  const tree = new IncidentsTreeProvider(workspace, settings().get<Grouping>('groupBy', 'severity'));
  const current = new CurrentIncident(context.workspaceState, workspace);
  const notifier = new SlaNotifier(workspace, context.workspaceState, () => settings().get<number>('reminderLeadMinutes', 5));
  const actionItems = new ActionItemsTreeProvider(workspace);
  context.subscriptions.push(log, workspace, tree, actionItems, current, notifier);

  let identity: Promise<string> | undefined;
  const gitPath = () => vscode.workspace.getConfiguration('git').get<string>('path') || undefined;
  const author = () => {
    // The setting names who you are where git cannot (Restricted Mode, no user.name) or should not.
    // Clipped like git's identity (authorIdentity): a person longer than the record stores would make every write fail.
    const configured = settings().get<string>('author', '').trim();
    if (configured) return Promise.resolve(clipText(configured, PERSON_MAX));
    if (!folder || !vscode.workspace.isTrusted) return Promise.resolve(clipText(process.env.INCIDENT_AUTHOR || 'unknown', PERSON_MAX));
    identity ??= authorIdentity(folder.fsPath, { gitPath: gitPath() });
    return identity;
  };
  const gitAuthors = async () => (folder && vscode.workspace.isTrusted ? (await new GitRepository(folder.fsPath, { gitPath: gitPath() }).authors(20)).map((a) => a.author) : []);
  const actions = new IncidentActions(workspace, author, gitAuthors);

  const panelHost: IncidentPanelHost = {
    extensionUri: context.extensionUri,
    log,
    onDidChangeStore: workspace.onDidChange,
    panelState(incidentId) {
      const snapshot = workspace.current();
      if (snapshot.kind !== 'loaded') return undefined;
      const incident = snapshot.document.incidents.find((i) => i.id === incidentId);
      return incident && buildPanelState(incident, snapshot.document, readOnlyReason(workspace), workspace.policy());
    },
    handle: (incidentId, message) => actions.handle(incidentId, message),
  };

  const updateContext = () => void vscode.commands.executeCommand('setContext', ContextKey.StoreState, workspace.current().kind);
  context.subscriptions.push(workspace.onDidChange(updateContext));

  const register = (id: CommandId, handler: (...args: unknown[]) => unknown) => {
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        if (WRITING_COMMANDS.has(id) && !vscode.workspace.isTrusted) {
          void vscode.window.showWarningMessage('Incident Responder only reads incidents in Restricted Mode. Trust this workspace to declare or change incidents.');
          return undefined;
        }
        try {
          return await handler(...args);
        } catch (error) {
          const text = error instanceof Error ? error.message : String(error);
          log.error(`${id}: ${text}`);
          void vscode.window.showErrorMessage(text);
          return undefined;
        }
      }),
    );
  };

  register(CommandId.Refresh, () => workspace.reload());
  register(CommandId.LoadMore, (groupKey?: unknown) => typeof groupKey === 'string' && tree.loadMore(groupKey));
  const groupBy = async (grouping: Grouping) => {
    tree.setGrouping(grouping);
    void vscode.commands.executeCommand('setContext', ContextKey.GroupBy, grouping);
    await settings().update('groupBy', grouping, vscode.ConfigurationTarget.Workspace);
  };
  void vscode.commands.executeCommand('setContext', ContextKey.GroupBy, settings().get<Grouping>('groupBy', 'severity'));
  register(CommandId.GroupBySeverity, () => groupBy('severity'));
  register(CommandId.GroupByStatus, () => groupBy('status'));
  register(CommandId.CommitIncidentLog, async () => {
    if (!folder) throw new Error('Open the repository folder first.');
    const snapshot = workspace.current();
    const active = snapshot.kind === 'loaded' ? snapshot.document.incidents.filter(isActive).map((i) => i.id) : [];
    const sha = await commitIncidentLog(folder.fsPath, incidentLogMessage(active), { gitPath: gitPath() }, workspace.store?.relativeDir);
    void vscode.window.showInformationMessage(sha ? `Committed the incident log (${sha.slice(0, 8)}); nothing else was committed.` : 'The incident log has no changes to commit.');
  });
  register(CommandId.SetCurrentIncident, async (incidentId?: unknown) => {
    const id = typeof incidentId === 'string' ? incidentId : await pickIncidentId(workspace);
    if (id) await current.set(id);
  });
  register(CommandId.RevealStore, async () => {
    const uri = workspace.storeUri;
    if (!uri || workspace.current().kind === 'missing') {
      void vscode.window.showInformationMessage('This workspace has no incident store yet. Declare an incident to create it.');
      return;
    }
    await vscode.window.showTextDocument(uri);
  });
  register(CommandId.OpenIncident, async (incidentId?: unknown) => {
    const id = typeof incidentId === 'string' ? incidentId : await pickIncidentId(workspace);
    if (id) IncidentPanel.show(id, panelHost);
  });
  register(CommandId.InstallMergeDriver, async () => {
    if (!folder) throw new Error('Open the repository folder first.');
    const cli = vscode.Uri.joinPath(context.extensionUri, 'dist', 'cli.js').fsPath;
    // In desktop VS Code the extension host runs on Electron, which acts as Node with this variable.
    const node = process.versions.electron ? `ELECTRON_RUN_AS_NODE=1 ${mergeDriverCommand(process.execPath, cli)}` : mergeDriverCommand(process.execPath, cli);
    const { attributesChanged } = await installMergeDriver(folder.fsPath, node, { gitPath: gitPath() }, workspace.store?.relativePath);
    void vscode.window.showInformationMessage(`Git now merges .incidents/incidents.json record by record.${attributesChanged ? ' Commit .gitattributes so your team gets it too.' : ''}`);
  });
  register(CommandId.RepairStore, async () => {
    const store = workspace.store;
    if (!store) throw new Error('Open the repository folder first.');
    const stages = await conflictStages(store.root, { gitPath: gitPath() }, store.relativePath);
    if (!stages) throw new Error('.incidents/incidents.json is not in a conflicted merge; nothing to repair.');
    // Under the store's lock and atomically, like every other write: a repair killed half-way leaves the conflicted file whole.
    await store.replaceText(mergeStoreTexts(stages.base, stages.ours, stages.theirs));
    workspace.reload();
    void vscode.window.showInformationMessage('Merged both sides of the incident store. Review it, then stage it to finish the merge.');
  });
  const services: CommandServices = { context, log, folder, workspace, actions, current, panelHost, gitPath, author, pickIncidentId: () => pickIncidentId(workspace) };
  registerIncidentCommands(register, services);
  const scanner = new ReferenceScanner({
    folder: folder ?? vscode.Uri.file('/'),
    repo: () => new GitRepository((folder as vscode.Uri).fsPath, { gitPath: gitPath() }),
    store: () => workspace.store,
    author,
    log,
    afterChange: () => workspace.reload(),
  });
  context.subscriptions.push(scanner);
  registerGitCommands(register, services, scanner);
  context.subscriptions.push(registerRetrospectiveCommands(register, services));
  register(CommandId.ShowMetrics, () => void MetricsPanel.show(context.extensionUri, workspace, log));
  // Both talk to git, so neither starts in Restricted Mode; they start when the workspace is trusted.
  const startGitWatchers = () => {
    if (!folder) return;
    const prefill = new CommitTrailerPrefill(folder, current, () => settings().get<boolean>('commitMessageTrailer', true));
    context.subscriptions.push(prefill);
    void prefill.start();
    void scanner.start();
  };
  if (vscode.workspace.isTrusted) startGitWatchers();
  else context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(startGitWatchers));
  // (title, category, severity) from scripts and tests; asked for otherwise.
  register(CommandId.Declare, async (...args: unknown[]) => {
    const id = await actions.declare(declareArguments(args));
    if (id) {
      await current.set(id);
      IncidentPanel.show(id, panelHost);
    }
    return id;
  });
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(INCIDENT_PANEL_VIEW_TYPE, {
      async deserializeWebviewPanel(panel, state: unknown) {
        const id = incidentIdFromSavedState(state);
        if (id) IncidentPanel.revive(panel, id, panelHost);
        else panel.dispose();
      },
    }),
  );

  updateContext();
  return {
    storeState: () => workspace.current().kind,
    currentIncident: () => current.id,
    activeIncidentRows: () => tree.rows(),
    activeIncidentItem: (id) => tree.shownRow(id),
    activeIncidentsMessage: () => tree.view.message,
    gitProcessesStarted,
  };
}

async function pickIncidentId(workspace: WorkspaceStore): Promise<string | undefined> {
  const snapshot = workspace.current();
  if (snapshot.kind !== 'loaded' || snapshot.document.incidents.length === 0) {
    void vscode.window.showInformationMessage('There are no incidents to open.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    snapshot.document.incidents.map((incident) => ({ label: incident.title, description: `${incident.id} · ${incident.severity} · ${incident.status}`, id: incident.id })),
    { title: 'Open Incident', matchOnDescription: true },
  );
  return picked?.id;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
