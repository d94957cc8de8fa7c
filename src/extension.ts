/**
 * Composition root: builds the services once (see ui/services.ts), registers
 * the command modules, and returns the API tests and other extensions read.
 * Every disposable ends up in `context.subscriptions`.
 */
import type * as vscode from 'vscode';
import { gitProcessesStarted } from './git/processCount';
import { registerAgentTools } from './ui/agentTools';
import { registerBisectCommands } from './ui/commands/bisectCommands';
import { registerCommunicationCommands } from './ui/commands/communicationCommands';
import { registerGitCommands } from './ui/commands/gitCommands';
import { registerIncidentCommands } from './ui/commands/incidentCommands';
import type { ShownRow } from './ui/views/incidentsTree';
import type { AlertAnnouncementShown } from './ui/views/alertNotifier';
import type { MergeDriverOfferStatus } from './workflows/mergeDriverOffer';
import { registerRelatedCommands } from './ui/commands/relatedCommands';
import { registerRetrospectiveCommands } from './ui/commands/retrospectiveCommands';
import { registerHandoffCommands } from './ui/commands/handoffCommands';
import { registerFollowupCommands } from './ui/commands/followupCommands';
import { createServices } from './ui/services';
import { registerStoreCommands } from './ui/commands/storeCommands';
import { registerViewCommands } from './ui/commands/viewCommands';

export interface IncidentResponderApi {
  /** For tests and other extensions: the store's state as the views see it. */
  readonly storeState: () => string;
  /** The incident shown in the status bar. */
  readonly currentIncident: () => string | undefined;
  /** The current incident's status-bar text, or undefined when hidden. */
  readonly currentIncidentText: () => string | undefined;
  /** The Active Incidents view's first two levels as VS Code asks for them: "SEV1 > INC-… title". */
  readonly activeIncidentRows: () => string[];
  /** The ids of the incidents selected in that view. */
  readonly activeIncidentSelection: () => string[];
  /** One incident's row in that view as VS Code shows it: label, icon and colours, resolved tooltip. */
  readonly activeIncidentItem: (id: string) => Promise<ShownRow | undefined>;
  /** The rows under one incident's row (its alerts first), as VS Code shows them. */
  readonly activeIncidentChildren: (id: string) => Promise<ShownRow[] | undefined>;
  /** The incidents opened by an alert that this session announced, oldest first. */
  readonly alertAnnouncements: () => readonly AlertAnnouncementShown[];
  /** The message at the top of that view (unreadable records, an unusable store). */
  readonly activeIncidentsMessage: () => string | undefined;
  /** Git processes started so far (none in Restricted Mode). */
  readonly gitProcessesStarted: () => number;
  /** This session's offer to install the merge driver: `asking` while its notification is up, then what came of it. */
  readonly mergeDriverOffer: () => MergeDriverOfferStatus | undefined;
  /** The offer as the next session would make it, answered by `ask` (a button label, or undefined) instead of a notification. */
  /** Team sync: what it is doing, the status bar's text (undefined when hidden), and how many syncs ran. */
  readonly syncStatus: () => { phase: string; text: string | undefined; syncs: number; failure?: string } | undefined;
  /** The language-model tools as registered with VS Code, by name (write tools only in a trusted workspace). */
  readonly agentTools: () => ReadonlyMap<string, vscode.LanguageModelTool<object>>;
  /** The Action Items view's rows as VS Code shows them: label, description ("#12 · exported · …"), contextValue, tooltip. */
  readonly actionItemRows: () => { label: string; description: string; contextValue: string; tooltip: string }[];
  /** The on-call status bar's text at `at` (default now), or undefined when you are on call for nothing. */
  readonly onCallText: (at?: Date) => Promise<string | undefined>;
  readonly offerMergeDriverAgain: (ask: (message: string, ...buttons: string[]) => string | undefined) => Promise<MergeDriverOfferStatus | undefined>;
}

export function activate(context: vscode.ExtensionContext): IncidentResponderApi {
  const services = createServices(context);
  for (const register of [
    registerViewCommands,
    registerIncidentCommands,
    registerCommunicationCommands,
    registerHandoffCommands,
    registerGitCommands,
    registerBisectCommands,
    registerRetrospectiveCommands,
    registerFollowupCommands,
    registerStoreCommands,
    registerRelatedCommands,
  ])
    register(services);
  const agentTools = registerAgentTools(services);
  const { workspace, current, tree, mergeDriverOffer, teamSync, alertNotifier, onCall, actionItems } = services;
  return {
    storeState: () => workspace.current().kind,
    currentIncident: () => current.id,
    currentIncidentText: () => current.text,
    activeIncidentRows: () => tree.rows(),
    activeIncidentSelection: () => tree.view.selection.flatMap((node) => ('incident' in node ? [node.incident.id] : [])),
    activeIncidentItem: (id) => tree.shownRow(id),
    activeIncidentChildren: (id) => tree.shownChildren(id),
    alertAnnouncements: () => alertNotifier.shown,
    activeIncidentsMessage: () => tree.view.message,
    gitProcessesStarted,
    mergeDriverOffer: () => mergeDriverOffer?.status,
    syncStatus: () => teamSync && { phase: teamSync.sync.status.phase, text: teamSync.text, syncs: teamSync.sync.syncs, failure: teamSync.sync.status.failure?.message },
    agentTools: () => agentTools,
    actionItemRows: () => actionItems.shownRows(),
    onCallText: async (at = new Date()) => (await onCall.show(at), onCall.text),
    offerMergeDriverAgain: async (ask) => mergeDriverOffer?.nextSession(async (message, ...buttons) => ask(message, ...buttons)).run(),
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
