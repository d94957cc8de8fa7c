/**
 * Commands about the store file itself: reveal it, commit it alone, install
 * the record-by-record merge driver, repair a conflicted merge, and sync it
 * with the team now. None takes arguments.
 *
 * One named handler per command on `StoreCommands`; the table at the end says
 * which handler each command id runs.
 */
import * as vscode from 'vscode';
import { isActive } from '../../core/lifecycle/lifecycle';
import { incidentLogMessage } from '../../git/incidentLog';
import { installMergeDriver, mergeDriverCommand } from '../../git/mergeDriver';
import { plainQuotes } from '../../workflows/teamSync';
import { CommandId } from './commandIds';
import type { Services } from '../services';

export class StoreCommands {
  constructor(private readonly services: Services) {}

  /** *Reveal Incident Store File* (`incidents.revealStore`): opens the store file, or says there is none yet. */
  readonly revealStore = async () => {
    const { workspace } = this.services;
    const uri = workspace.storeUri;
    if (!uri || workspace.current().kind === 'missing') {
      void vscode.window.showInformationMessage(vscode.l10n.t('This workspace has no incident store yet. Declare an incident to create it.'));
      return;
    }
    await vscode.window.showTextDocument(uri);
  };

  /** *Commit the Incident Log* (`incidents.commitIncidentLog`): commits the store's folder and nothing else. */
  readonly commitIncidentLog = async () => {
    const { workspace, repository } = this.services;
    const active = workspace
      .current()
      .incidents.filter(isActive)
      .map((i) => i.id);
    const sha = await repository().commitIncidentLog(incidentLogMessage(active), workspace.store?.relativeDir);
    void vscode.window.showInformationMessage(
      sha ? vscode.l10n.t('Committed the incident log ({0}); nothing else was committed.', sha.slice(0, 8)) : vscode.l10n.t('The incident log has no changes to commit.'),
    );
  };

  /** *Install Git Merge Driver for the Incident Store* (`incidents.installMergeDriver`): git config and .gitattributes, the driver being this extension's CLI. */
  readonly installMergeDriver = async () => {
    const { folder, context, gitPath, workspace } = this.services;
    const root = folder().fsPath;
    const cli = vscode.Uri.joinPath(context.extensionUri, 'dist', 'cli.js').fsPath;
    // In desktop VS Code the extension host runs on Electron, which acts as Node with this variable.
    const node = process.versions.electron ? `ELECTRON_RUN_AS_NODE=1 ${mergeDriverCommand(process.execPath, cli)}` : mergeDriverCommand(process.execPath, cli);
    const { attributesChanged } = await installMergeDriver(root, node, { gitPath: gitPath() }, workspace.store?.relativePath);
    void vscode.window.showInformationMessage(
      attributesChanged
        ? vscode.l10n.t('Git now merges .incidents/incidents.json record by record. Commit .gitattributes so your team gets it too.')
        : vscode.l10n.t('Git now merges .incidents/incidents.json record by record.'),
    );
  };

  /** *Sync Incidents Now* (`incidents.syncNow`): one team sync with the remote's sync branch, whatever the interval. */
  readonly syncNow = async () => {
    const { teamSync } = this.services;
    if (!teamSync) throw new Error(vscode.l10n.t('Open the repository folder first.'));
    const status = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Syncing incidents…') }, () => teamSync.sync.syncNow(true));
    if (status.phase === 'synced') vscode.window.setStatusBarMessage(vscode.l10n.t('Incidents synced with {0}.', status.target ?? ''), 4_000);
    else if (status.failure && status.phase === 'offline') void vscode.window.showWarningMessage(status.failure.message);
    // Nothing went wrong: there is no remote yet. Said as information, with how to add one.
    else if (status.failure && status.phase === 'no-remote') void vscode.window.showInformationMessage(plainQuotes(status.failure.message));
  };

  /** *Repair Conflicted Incident Store* (`incidents.repairStore`): merges both sides of a conflicted store record by record. */
  readonly repairStore = async () => {
    const { store, gitPath, actions } = this.services;
    const { relativePath } = store();
    if (!(await actions.repairStore({ gitPath: gitPath() }))) throw new Error(vscode.l10n.t('{0} is not in a conflicted merge; nothing to repair.', relativePath));
    void vscode.window.showInformationMessage(vscode.l10n.t('Merged both sides of the incident store. Review it, then stage it to finish the merge.'));
  };
}

export function registerStoreCommands(services: Services): void {
  const { commands } = services;
  const handlers = new StoreCommands(services);
  commands.command(CommandId.RevealStore, handlers.revealStore);
  commands.command(CommandId.CommitIncidentLog, handlers.commitIncidentLog);
  commands.command(CommandId.InstallMergeDriver, handlers.installMergeDriver);
  commands.command(CommandId.SyncNow, handlers.syncNow);
  commands.command(CommandId.RepairStore, handlers.repairStore);
}
