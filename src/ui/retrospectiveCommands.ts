/**
 * The retrospective: offered when an incident is resolved here, opened on the
 * panel's retrospective tab, and exported as `.incidents/postmortems/<id>.md`
 * (opened beside its Markdown preview; the team's Notes section survives
 * re-exports).
 */
import * as vscode from 'vscode';
import { CommandId } from './commands';
import { IncidentPanel } from './incidentPanel';
import type { Services } from './services';

export function registerRetrospectiveCommands({ commands, actions, panelHost, context }: Services): void {
  commands.incidentCommand(CommandId.OpenRetrospective, { ask: 'Open the retrospective of…' }, ({ id }) => IncidentPanel.show(id, panelHost, 'retrospective'));

  commands.incidentCommand(CommandId.ExportPostmortem, { ask: 'Export the postmortem of…' }, async ({ id }) => {
    const { path, updated } = await actions.exportPostmortem(id);
    const uri = vscode.Uri.file(path);
    await vscode.window.showTextDocument(uri, { preview: false });
    await vscode.commands.executeCommand('markdown.showPreviewToSide', uri).then(undefined, () => undefined);
    void vscode.window.showInformationMessage(`${updated ? 'Updated' : 'Wrote'} ${vscode.workspace.asRelativePath(uri)}. Write your own text under "Notes": re-exporting keeps it.`);
    return path;
  });

  context.subscriptions.push(
    actions.onDidResolve(async (id) => {
      const choice = await vscode.window.showInformationMessage(`${id} is resolved. Start the blameless retrospective while it is fresh?`, 'Open Retrospective', 'Export Postmortem');
      if (choice === 'Open Retrospective') await vscode.commands.executeCommand(CommandId.OpenRetrospective, id);
      if (choice === 'Export Postmortem') await vscode.commands.executeCommand(CommandId.ExportPostmortem, id);
    }),
  );
}
