/**
 * Follow-ups in the team's tracker from the editor: an action item exported
 * as an issue from the Action Items view, its issue opened in the browser,
 * the issues read back now, and the tracker's token kept in VS Code's secret
 * storage. The work itself is the follow-ups pass (src/ui/followupService.ts).
 *
 * One named handler per command on `FollowupCommands`; the table at the end
 * says which handler each command id runs.
 */
import * as vscode from 'vscode';
import { trackerSecretName, trackerSettings, type TrackerPlan } from '../../core/plan/trackerPlan';
import { followupUrl } from '../../core/retrospective/followupLabels';
import { actionItemTarget } from '../views/actionItemsTree';
import { CommandId } from './commandIds';
import type { Services } from '../services';

const TOKEN_MAX = 4096;

/** What the tracker's token is, for the input box. */
function tokenWhat(tracker: TrackerPlan): string {
  if (tracker.kind === 'github') return vscode.l10n.t('a GitHub token with write access to the issues of {0}', tracker.repo);
  if (tracker.kind === 'gitlab') return vscode.l10n.t('a GitLab access token with the api scope');
  return vscode.l10n.t('the Jira API token of {0}', tracker.email);
}

/** Why a typed token cannot be used, or undefined. */
function tokenProblem(value: string): string | undefined {
  if (!value) return vscode.l10n.t('Paste the token, or press Escape.');
  if (value.length > TOKEN_MAX || /\s/.test(value)) return vscode.l10n.t('A token is one word of at most {0} characters.', TOKEN_MAX);
  return undefined;
}

export class FollowupCommands {
  constructor(private readonly services: Services) {}

  private item(args: unknown[]) {
    const target = actionItemTarget(args);
    if (!target) throw new Error(vscode.l10n.t('Pick an action item in the Action Items view.'));
    const find = () =>
      this.services.workspace
        .current()
        .incident(target.incidentId)
        ?.retrospective.actionItems.find((candidate) => candidate.id === target.actionId);
    // A script may name an item written a moment ago, before the store's watcher told this window: read the file again once.
    const item = find() ?? (this.services.workspace.reload(), find());
    if (!item) throw new Error(vscode.l10n.t('{0} has no action item {1}.', target.incidentId, target.actionId));
    return { target, item };
  }

  /** *Export to Tracker* (`incidents.exportToTracker`): a row of the Action Items view, or (incident id, action item id); returns how many were marked. */
  readonly exportToTracker = async (...args: unknown[]): Promise<number> => {
    const { target } = this.item(args);
    return this.services.followups.exportItems([{ incident: target.incidentId, item: target.actionId }]);
  };

  /** *Retry Export to Tracker* (`incidents.retryExportToTracker`): a failed or uncertain export again (look in the tracker first); the same arguments. */
  readonly retryExportToTracker = async (...args: unknown[]): Promise<boolean> => {
    const { target } = this.item(args);
    return this.services.followups.retryExport(target.incidentId, target.actionId);
  };

  /** *Open Issue in Tracker* (`incidents.openInTracker`): the address as the record holds it, http(s) only; returns it. */
  readonly openInTracker = async (...args: unknown[]): Promise<string> => {
    const { item } = this.item(args);
    const url = followupUrl(item);
    if (!url) throw new Error(vscode.l10n.t('"{0}" has no issue in the tracker yet: export it first.', item.title));
    await vscode.env.openExternal(vscode.Uri.parse(url, true));
    return url;
  };

  /** *Sync Follow-ups with Tracker* (`incidents.syncFollowups`): exports what waits and reads every issue back now. */
  readonly syncFollowups = async (): Promise<void> => {
    const reason = await this.services.followups.syncNow();
    if (reason) void vscode.window.showInformationMessage(reason);
  };

  /**
   * *Set Tracker Token…* (`incidents.setTrackerToken`): a password box, kept in VS Code's secret storage under the plan's
   * secret name; given (token) from scripts, an empty one removing it. Returns the secret's name when something changed.
   */
  readonly setTrackerToken = async (given?: unknown): Promise<string | undefined> => {
    const { secrets, workspace, followups } = this.services;
    const tracker = workspace.plan().tracker;
    if (!tracker) {
      void vscode.window.showInformationMessage(vscode.l10n.t('The response plan has no "tracker" block: add one to .incidents/plan.json (docs/plan.md, "Tracker").'));
      return undefined;
    }
    const name = trackerSecretName(tracker);
    if (given === '') {
      await secrets.remove(name);
      return name;
    }
    let value: string | undefined;
    if (typeof given === 'string') {
      const problem = tokenProblem(given.trim());
      if (problem) throw new Error(problem);
      value = given.trim();
    } else {
      value = (
        await vscode.window.showInputBox({
          title: vscode.l10n.t('Set Tracker Token'),
          prompt: vscode.l10n.t('Paste {0}. It is kept in VS Code’s secret storage on this machine, never in the repository.', tokenWhat(tracker)),
          password: true,
          ignoreFocusOut: true,
          validateInput: (typed) => tokenProblem(typed.trim()),
        })
      )?.trim();
      if (value === undefined) return undefined;
    }
    await secrets.store(name, value, trackerSettings(tracker).baseUrl);
    if (typeof given !== 'string') void vscode.window.showInformationMessage(vscode.l10n.t('Stored the tracker token on this machine.'));
    void followups.runSoon('full');
    return name;
  };
}

export function registerFollowupCommands(services: Services): void {
  const { commands } = services;
  const handlers = new FollowupCommands(services);
  commands.command(CommandId.ExportToTracker, handlers.exportToTracker);
  commands.command(CommandId.RetryExportToTracker, handlers.retryExportToTracker);
  commands.command(CommandId.OpenInTracker, handlers.openInTracker);
  commands.command(CommandId.SyncFollowups, handlers.syncFollowups);
  commands.command(CommandId.SetTrackerToken, handlers.setTrackerToken);
}
