/**
 * The retrospective: offered when an incident is resolved here, opened on the
 * panel's retrospective tab, and exported as `.incidents/postmortems/<id>.md`
 * (opened beside its Markdown preview; the team's Notes section survives
 * re-exports); its action items completed or dropped from the Action Items
 * view.
 *
 * One named handler per command on `RetrospectiveCommands`; the table at the
 * end says which handler each command id runs.
 */
import * as vscode from 'vscode';
import { setActionItemStatus } from '../../core/lifecycle/changes';
import type { Incident } from '../../core/record/schema';
import { actionItemTarget } from '../views/actionItemsTree';
import { CommandId } from './commandIds';
import { IncidentPanel } from '../panels/incidentPanel';
import type { Services } from '../services';

export class RetrospectiveCommands {
  constructor(private readonly services: Services) {}

  /** *Open Retrospective* (`incidents.openRetrospective`): (incident) from the tree, the resolve notification and scripts. */
  readonly openRetrospective = ({ id }: Incident) => IncidentPanel.show(id, this.services.panelHost, 'retrospective');

  /** *Export Postmortem* (`incidents.exportPostmortem`): (incident) from the tree, the panel and scripts; returns the file's path. */
  readonly exportPostmortem = async ({ id }: Incident) => {
    const { path, updated } = await this.services.actions.exportPostmortem(id);
    const uri = vscode.Uri.file(path);
    await vscode.window.showTextDocument(uri, { preview: false });
    await vscode.commands.executeCommand('markdown.showPreviewToSide', uri).then(undefined, () => undefined);
    const file = vscode.workspace.asRelativePath(uri);
    void vscode.window.showInformationMessage(
      updated
        ? vscode.l10n.t('Updated {0}. Write your own text under "Notes": re-exporting keeps it.', file)
        : vscode.l10n.t('Wrote {0}. Write your own text under "Notes": re-exporting keeps it.', file),
    );
    return path;
  };

  /** *Complete Action Item* (`incidents.completeActionItem`): a row of the Action Items view, or (incident id, action item id) from scripts. */
  readonly completeActionItem = (...args: unknown[]) => this.closeActionItem(args, 'done');

  /** *Won't Fix Action Item* (`incidents.dropActionItem`): the same arguments as *Complete Action Item*. */
  readonly dropActionItem = (...args: unknown[]) => this.closeActionItem(args, 'wontfix');

  /** When an incident is resolved here: offer to open its retrospective or export its postmortem. */
  readonly offerRetrospective = async (id: string) => {
    const [open, exportIt] = [vscode.l10n.t('Open Retrospective'), vscode.l10n.t('Export Postmortem')];
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('{0} is resolved. Start the blameless retrospective while it is fresh?', id), open, exportIt);
    if (choice === open) await vscode.commands.executeCommand(CommandId.OpenRetrospective, id);
    if (choice === exportIt) await vscode.commands.executeCommand(CommandId.ExportPostmortem, id);
  };

  private async closeActionItem(args: unknown[], status: 'done' | 'wontfix'): Promise<void> {
    const target = actionItemTarget(args);
    if (!target) throw new Error(vscode.l10n.t('Pick an action item in the Action Items view.'));
    await this.services.actions.update(target.incidentId, (i, ctx) => {
      if (!i.retrospective.actionItems.some((item) => item.id === target.actionId))
        throw new Error(vscode.l10n.t('{0} has no action item {1}.', target.incidentId, target.actionId));
      return setActionItemStatus(i, target.actionId, status, ctx);
    });
  }
}

export function registerRetrospectiveCommands(services: Services): void {
  const { commands, actions, context } = services;
  const handlers = new RetrospectiveCommands(services);
  commands.incidentCommand(CommandId.OpenRetrospective, { ask: vscode.l10n.t('Open the retrospective of…') }, handlers.openRetrospective);
  commands.incidentCommand(CommandId.ExportPostmortem, { ask: vscode.l10n.t('Export the postmortem of…') }, handlers.exportPostmortem);
  commands.command(CommandId.CompleteActionItem, handlers.completeActionItem);
  commands.command(CommandId.DropActionItem, handlers.dropActionItem);
  context.subscriptions.push(actions.onDidResolve(handlers.offerRetrospective));
}
