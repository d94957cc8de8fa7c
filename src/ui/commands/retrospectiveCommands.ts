/**
 * The retrospective: offered when an incident is resolved here, opened on the
 * panel's retrospective tab, and exported as `.incidents/postmortems/<id>.md`
 * (opened beside its Markdown preview; the team's Notes section survives
 * re-exports).
 */
import * as vscode from 'vscode';
import { CommandId } from './commandIds';
import { IncidentPanel } from '../panels/incidentPanel';
import type { Services } from '../services';

export function registerRetrospectiveCommands({ commands, actions, panelHost, context }: Services): void {
  commands.incidentCommand(CommandId.OpenRetrospective, { ask: vscode.l10n.t('Open the retrospective of…') }, ({ id }) => IncidentPanel.show(id, panelHost, 'retrospective'));

  commands.incidentCommand(CommandId.ExportPostmortem, { ask: vscode.l10n.t('Export the postmortem of…') }, async ({ id }) => {
    const { path, updated } = await actions.exportPostmortem(id);
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
  });

  context.subscriptions.push(
    actions.onDidResolve(async (id) => {
      const [open, exportIt] = [vscode.l10n.t('Open Retrospective'), vscode.l10n.t('Export Postmortem')];
      const choice = await vscode.window.showInformationMessage(vscode.l10n.t('{0} is resolved. Start the blameless retrospective while it is fresh?', id), open, exportIt);
      if (choice === open) await vscode.commands.executeCommand(CommandId.OpenRetrospective, id);
      if (choice === exportIt) await vscode.commands.executeCommand(CommandId.ExportPostmortem, id);
    }),
  );
}
