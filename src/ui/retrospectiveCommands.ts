/**
 * The retrospective: offered when an incident is resolved here, opened on the
 * panel's retrospective tab, and exported as `.incidents/postmortems/<id>.md`
 * (opened beside its Markdown preview; the team's Notes section survives
 * re-exports).
 */
import * as vscode from 'vscode';
import { writePostmortem } from '../store/postmortemFile';
import { CommandId } from './commands';
import type { CommandServices, Register } from './commandServices';
import { IncidentPanel } from './incidentPanel';

export function registerRetrospectiveCommands(register: Register, services: CommandServices): vscode.Disposable {
  const { workspace, current, panelHost } = services;
  const incidentFor = async (value: unknown) => (typeof value === 'string' && /^INC-/.test(value) ? value : (current.incident()?.id ?? (await services.pickIncidentId())));

  register(CommandId.OpenRetrospective, async (incidentId?: unknown) => {
    const id = await incidentFor(incidentId);
    if (id) IncidentPanel.show(id, panelHost, 'retrospective');
  });

  register(CommandId.ExportPostmortem, async (incidentId?: unknown) => {
    const id = await incidentFor(incidentId);
    if (!id) return undefined;
    const snapshot = workspace.current();
    const incident = snapshot.kind === 'loaded' ? snapshot.document.incidents.find((i) => i.id === id) : undefined;
    if (!incident || snapshot.kind !== 'loaded' || !workspace.store) throw new Error(`${id} is not in the store.`);
    const { path, updated } = writePostmortem(workspace.store, incident, snapshot.document.deploys, new Date());
    const uri = vscode.Uri.file(path);
    await vscode.window.showTextDocument(uri, { preview: false });
    await vscode.commands.executeCommand('markdown.showPreviewToSide', uri).then(undefined, () => undefined);
    void vscode.window.showInformationMessage(`${updated ? 'Updated' : 'Wrote'} ${vscode.workspace.asRelativePath(uri)}. Write your own text under "Notes": re-exporting keeps it.`);
    return path;
  });

  return services.actions.onDidResolve(async (id) => {
    const choice = await vscode.window.showInformationMessage(`${id} is resolved. Start the blameless retrospective while it is fresh?`, 'Open Retrospective', 'Export Postmortem');
    if (choice === 'Open Retrospective') await vscode.commands.executeCommand(CommandId.OpenRetrospective, id);
    if (choice === 'Export Postmortem') await vscode.commands.executeCommand(CommandId.ExportPostmortem, id);
  });
}
