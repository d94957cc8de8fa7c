/**
 * Everything the extension builds once at activation, owned by one object the
 * command modules receive. Building it does no heavy work: it reads one JSON
 * file and creates views; no git process starts until a trusted workspace
 * needs one.
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { clipText, PERSON_MAX } from '../core/text/clip';
import { DEFAULT_STORE_PATH } from '../core/record/storePath';
import { GitRepository } from '../git/gitRepository';
import { authorIdentity } from '../git/identity';
import type { IncidentStore } from '../store/incidentStore';
import { ActionItemsTreeProvider } from './views/actionItemsTree';
import { FollowupService } from './followupService';
import { CommandRegistry } from './commands/commandRegistry';
import { CommandId, ContextKey } from './commands/commandIds';
import { CommitTrailerPrefill } from './commitTrailer';
import { CurrentIncident } from './views/currentIncident';
import { IncidentActions, readOnlyReason } from './incidentActions';
import { IncidentPanel, type IncidentPanelHost } from './panels/incidentPanel';
import { pickIncidentId } from './pickers';
import { handlePanelRequest } from './panels/incidentPanelRequests';
import { IncidentsTreeProvider, type Grouping } from './views/incidentsTree';
import { MergeDriverOffer } from '../workflows/mergeDriverOffer';
import { buildPanelState } from '../protocol/incidentPanelState';
import { ReferenceScanner } from './referenceScanner';
import { SlaNotifier } from './views/slaNotifier';
import { AlertNotifier } from './views/alertNotifier';
import { TeamSync } from '../workflows/teamSync';
import { anyActiveIncident, TeamSyncStatusBar } from './views/teamSyncStatusBar';
import { WorkspaceStore } from './workspaceStore';
import { errorMessage } from '../core/record/errors';
import { machineId } from '../workflows/delivery/machineId';
import { ChannelSecrets } from './channelSecrets';
import { DeliveryService } from './deliveryService';
import { DeliveryStatusBar } from './views/deliveryStatusBar';
import { OnCallStatusBar } from './views/onCallStatusBar';
import { NewEntries } from './newEntries';

export const NO_FOLDER = vscode.l10n.t('Open the repository folder first.');
/** Who writes when the editor cannot ask git (Restricted Mode) and no setting names anyone. */
const UNKNOWN_AUTHOR = 'unknown';

export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  readonly settings: () => vscode.WorkspaceConfiguration;
  readonly workspace: WorkspaceStore;
  readonly tree: IncidentsTreeProvider;
  readonly current: CurrentIncident;
  readonly actions: IncidentActions;
  readonly panelHost: IncidentPanelHost;
  readonly commands: CommandRegistry;
  /** Scans commit messages for incident references; none without a folder. */
  readonly scanner: ReferenceScanner | undefined;
  /** VS Code's `git.path` setting, or undefined for git on PATH. */
  readonly gitPath: () => string | undefined;
  /** "Name <email>" of the person making changes. */
  readonly author: () => Promise<string>;
  /** The workspace folder's repository; throws when no folder is open. */
  readonly repository: () => GitRepository;
  /** The workspace folder, where the store and the repository live; throws when none is open. */
  readonly folder: () => vscode.Uri;
  /** The store of the workspace folder; throws when no folder is open. */
  readonly store: () => IncidentStore;
  readonly pickIncidentId: (title: string) => Promise<string | undefined>;
  /** Team sync with the remote's sync branch and its status-bar item; none without a folder. */
  readonly teamSync: TeamSyncStatusBar | undefined;
  /** This session's offer to install the merge driver a clone's .gitattributes names; none without a folder. */
  readonly mergeDriverOffer: MergeDriverOffer | undefined;
  /** Announces incidents that alerts opened, once per machine. */
  readonly alertNotifier: AlertNotifier;
  /** Channel secrets in VS Code's SecretStorage. */
  readonly secrets: ChannelSecrets;
  /** Says in the status bar when you are on call. */
  readonly onCall: OnCallStatusBar;
  /** Sends queued messages to the plan's delivered channels, in the background. */
  readonly deliveries: DeliveryService;
  /** Exports action items to the plan's tracker and reads their issues back, in the background. */
  readonly followups: FollowupService;
  readonly actionItems: ActionItemsTreeProvider;
}

export function createServices(context: vscode.ExtensionContext): Services {
  // The pure row and group texts (incidentRows, incidentGroups) translate through @vscode/l10n: give it VS Code's bundle.
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
  const own = <T extends vscode.Disposable>(disposable: T): T => (context.subscriptions.push(disposable), disposable);
  const log = own(vscode.window.createOutputChannel('Incident Responder', { log: true }));
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const settings = () => vscode.workspace.getConfiguration('incidents');
  const gitPath = () => vscode.workspace.getConfiguration('git').get<string>('path') || undefined;
  const workspace = own(new WorkspaceStore(folder, () => settings().get('slaTargets'), log, settings().get<string>('storePath') || undefined));
  const tree = own(new IncidentsTreeProvider(workspace, settings().get<Grouping>('groupBy', 'severity')));
  const current = own(new CurrentIncident(context.workspaceState, workspace));
  own(new SlaNotifier(workspace, context.workspaceState, () => settings().get<number>('reminderLeadMinutes', 5)));
  const actionItems = own(new ActionItemsTreeProvider(workspace));

  const requireFolder = () => folder ?? fail(NO_FOLDER);
  const repositories = new Map<string, GitRepository>();
  const repository = () => {
    const root = requireFolder().fsPath;
    const key = `${root}\0${gitPath() ?? ''}`;
    let repo = repositories.get(key);
    if (!repo) repositories.set(key, (repo = new GitRepository(root, { gitPath: gitPath() })));
    return repo;
  };
  let identity: Promise<string> | undefined;
  const author = () => {
    // The setting names who you are where git cannot (Restricted Mode, no user.name) or should not.
    // Clipped like git's identity (authorIdentity): a person longer than the record stores would make every write fail.
    const configured = settings().get<string>('author', '').trim();
    if (configured) return Promise.resolve(clipText(configured, PERSON_MAX));
    if (!folder || !vscode.workspace.isTrusted) return Promise.resolve(clipText(process.env.INCIDENT_AUTHOR || UNKNOWN_AUTHOR, PERSON_MAX));
    identity ??= authorIdentity(folder.fsPath, { gitPath: gitPath() });
    return identity;
  };
  const gitAuthors = async () => (folder && vscode.workspace.isTrusted ? (await repository().authors(20)).map((a) => a.author) : []);
  // This machine's id for deliveries; a bad INCIDENT_MACHINE_ID is said once and a session id used, so a write is never lost to it.
  let machine: string | undefined;
  const thisMachine = () => {
    try {
      return (machine ??= machineId());
    } catch (error) {
      log.warn(`delivery: ${errorMessage(error)}; this session delivers as another machine`);
      return (machine = `m-session-${Math.random().toString(16).slice(2, 10)}`);
    }
  };
  const actions = own(new IncidentActions(workspace, author, gitAuthors, () => (folder && vscode.workspace.isTrusted ? repository() : undefined), thisMachine));
  const pick = (title: string) => pickIncidentId(workspace, title);
  // Who is on the plan's roster is decided by the identity the extension writes with; none it can name (Restricted Mode) counts as anyone.
  const rosterIdentity = async () => {
    const who = await author();
    return who === UNKNOWN_AUTHOR ? '' : who;
  };
  const alertNotifier = own(
    new AlertNotifier({ source: workspace, memory: context.workspaceState, me: rosterIdentity, writable: () => readOnlyReason(workspace) === undefined, log }),
  );

  // Entries teammates wrote since you last looked: marked in the panel and on the tree's row until seen.
  const newEntries = own(new NewEntries(context.workspaceState, workspace, author, log));
  tree.showNewEntries(newEntries);

  const panelHost: IncidentPanelHost = {
    extensionUri: context.extensionUri,
    log,
    onDidChangeStore: workspace.onDidChange,
    panelState(incidentId) {
      const snapshot = workspace.current();
      const incident = snapshot.incident(incidentId);
      return incident && snapshot.kind === 'loaded' ? buildPanelState(incident, snapshot.document, readOnlyReason(workspace), workspace.policy(), workspace.plan()) : undefined;
    },
    handle: (incidentId, message) => handlePanelRequest(actions, workspace, incidentId, message, deliveries),
    // Past triage the checklist has been answered: a new panel opens on the timeline.
    initialTab: (incidentId) => ((workspace.current().incident(incidentId)?.status ?? 'detected') !== 'detected' ? 'timeline' : undefined),
    newEntries,
  };
  const scanner = folder && own(new ReferenceScanner({ folder, repo: repository, store: () => workspace.store, author, log, afterChange: () => workspace.reload() }));
  const commands = new CommandRegistry({
    subscriptions: context.subscriptions,
    log,
    source: workspace,
    // The incident in front first: its panel active, else its row selected; then the current one while it is active.
    incidentInFront: () => IncidentPanel.activeIncidentId() ?? tree.selectedIncidentId(),
    currentIncident: () => current.activeIncident(),
    pickIncidentId: pick,
  });

  // The row of the incident you start working on is selected, when the view is open.
  own(current.onDidChange((id) => id && void tree.reveal(id).catch((error) => log.warn(`reveal ${id}: ${errorMessage(error)}`))));

  const showStoreState = () => void vscode.commands.executeCommand('setContext', ContextKey.StoreState, workspace.current().kind);
  own(workspace.onDidChange(showStoreState));
  showStoreState();
  const showTracker = () => void vscode.commands.executeCommand('setContext', ContextKey.HasTracker, workspace.plan().tracker !== undefined);
  own(workspace.onDidChange(showTracker));
  showTracker();
  void vscode.commands.executeCommand('setContext', ContextKey.GroupBy, settings().get<Grouping>('groupBy', 'severity'));

  const mergeDriverOffer =
    folder &&
    new MergeDriverOffer({
      root: folder.fsPath,
      storePath: workspace.store?.relativePath ?? DEFAULT_STORE_PATH,
      gitPath: gitPath(),
      trusted: () => vscode.workspace.isTrusted,
      memory: context.workspaceState,
      ask: (message, ...buttons) => vscode.window.showInformationMessage(message, ...buttons),
      install: () => vscode.commands.executeCommand(CommandId.InstallMergeDriver),
      log: (line) => log.info(line),
    });

  // Team sync: never runs in Restricted Mode (TeamSync asks for trust before every sync).
  const teamSync =
    folder &&
    own(
      new TeamSyncStatusBar(
        new TeamSync({
          root: folder.fsPath,
          store: () => workspace.store,
          gitPath,
          trusted: () => vscode.workspace.isTrusted,
          settings: () => {
            const sync = vscode.workspace.getConfiguration('incidents.sync');
            return {
              enabled: sync.get<boolean | null>('enabled', null),
              remote: sync.get<string>('remote'),
              branch: sync.get<string>('branch'),
              intervalSeconds: sync.get<number>('intervalSeconds'),
            };
          },
          hasActiveIncident: () => anyActiveIncident(workspace),
          author,
          afterSync: () => workspace.reload(),
          log: (level, line) => log[level](line),
        }),
        workspace,
        log,
        folder,
      ),
    );

  // A stored secret the plan now sends to another address is withheld; the person is told once per address.
  const toldMoved = new Set<string>();
  const secrets = new ChannelSecrets(context.secrets, process.env, (moved) => {
    const key = `${moved.name}\u0000${moved.planSays}`;
    log.warn(`secret "${moved.name}" withheld: set for ${moved.setFor}, the plan now sends it to ${moved.planSays}`);
    if (toldMoved.has(key)) return;
    toldMoved.add(key);
    void vscode.window.showWarningMessage(
      vscode.l10n.t(
        'The response plan now sends the secret "{0}" to {1}, not to {2} where it was set: it is not sent. Set it again (Set Channel Secret… or Set Tracker Token…) to send it there.',
        moved.name,
        moved.planSays,
        moved.setFor,
      ),
    );
  });
  const deliveries = own(new DeliveryService({ workspace, secrets, teamSync: () => teamSync?.sync, log, trusted: () => vscode.workspace.isTrusted, machine: thisMachine, author }));
  own(actions.onDidQueueDeliveries(() => void deliveries.deliverSoon()));
  own(new DeliveryStatusBar(workspace, deliveries));
  const followups = own(new FollowupService({ workspace, secrets, teamSync: () => teamSync?.sync, log, trusted: () => vscode.workspace.isTrusted, machine: thisMachine, author }));
  const onCallStatusBar = own(new OnCallStatusBar(workspace, author));

  // All three talk to git, so none starts in Restricted Mode; they start when the workspace is trusted.
  const startGitWatchers = () => {
    if (!folder) return;
    void mergeDriverOffer?.run();
    const prefill = own(new CommitTrailerPrefill(folder, current, () => settings().get<boolean>('commitMessageTrailer', true)));
    void prefill.start();
    void scanner?.start();
  };
  if (vscode.workspace.isTrusted) startGitWatchers();
  else own(vscode.workspace.onDidGrantWorkspaceTrust(startGitWatchers));

  return {
    context,
    log,
    settings,
    workspace,
    tree,
    current,
    actions,
    panelHost,
    commands,
    scanner,
    gitPath,
    author,
    repository,
    folder: requireFolder,
    store: () => workspace.store ?? fail(NO_FOLDER),
    pickIncidentId: pick,
    mergeDriverOffer,
    teamSync,
    alertNotifier,
    secrets,
    deliveries,
    followups,
    actionItems,
    onCall: onCallStatusBar,
  };
}

export function fail(message: string): never {
  throw new Error(message);
}
