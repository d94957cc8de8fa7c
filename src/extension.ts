/**
 * Composition root: builds every service once and hands each disposable to
 * `context.subscriptions`. Activation does no heavy work: it reads one JSON
 * file and registers views and commands.
 */
import * as vscode from 'vscode';
import { CommandId, ContextKey, WRITING_COMMANDS } from './ui/commands';
import { askDeclareAnswers } from './ui/declareFlow';
import { parseHostMessage } from './protocol';
import { IncidentPanel, INCIDENT_PANEL_VIEW_TYPE } from './ui/incidentPanel';
import { IncidentsTreeProvider } from './ui/incidentsTree';
import { WorkspaceStoreSource } from './ui/workspaceStoreSource';

export interface IncidentResponderApi {
  /** For tests and other extensions: the store's state as the views see it. */
  readonly storeState: () => string;
}

export async function activate(context: vscode.ExtensionContext): Promise<IncidentResponderApi> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const log = vscode.window.createOutputChannel('Incident Responder', { log: true });
  context.subscriptions.push(log);
  const source = new WorkspaceStoreSource(folder);
  const tree = new IncidentsTreeProvider(source);
  context.subscriptions.push(source, tree);

  const updateContext = () => void vscode.commands.executeCommand('setContext', ContextKey.StoreState, source.current().kind);
  context.subscriptions.push(source.onDidChange(updateContext));

  const register = (id: CommandId, handler: (...args: unknown[]) => unknown) => {
    context.subscriptions.push(
      vscode.commands.registerCommand(id, (...args: unknown[]) => {
        if (WRITING_COMMANDS.has(id) && !vscode.workspace.isTrusted) {
          void vscode.window.showWarningMessage(
            'Incident Responder only reads incidents in Restricted Mode. Trust this workspace to declare or change incidents.',
          );
          return undefined;
        }
        return handler(...args);
      }),
    );
  };

  register(CommandId.Refresh, () => source.reload());
  register(CommandId.RevealStore, async () => {
    const uri = source.storeUri;
    if (!uri || source.current().kind === 'missing') {
      void vscode.window.showInformationMessage('This workspace has no incident store yet. Declare an incident to create it.');
      return;
    }
    await vscode.window.showTextDocument(uri);
  });
  register(CommandId.OpenIncident, async (incidentId?: unknown) => {
    const id = typeof incidentId === 'string' ? incidentId : await pickIncidentId(source);
    if (id) IncidentPanel.show(id, context.extensionUri, source, log);
  });
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(INCIDENT_PANEL_VIEW_TYPE, {
      async deserializeWebviewPanel(panel, state: unknown) {
        const saved = parseHostMessage(state);
        const id = saved.ok ? (saved.message.type === 'state' ? saved.message.incident.id : saved.message.incidentId) : undefined;
        if (id) IncidentPanel.revive(panel, id, context.extensionUri, source, log);
        else panel.dispose();
      },
    }),
  );
  register(CommandId.Declare, async () => {
    const answers = await askDeclareAnswers();
    if (!answers) return undefined;
    void vscode.window.showErrorMessage('Declaring needs the incident store, which is not built yet.');
    return undefined;
  });

  await source.reload();
  updateContext();
  return { storeState: () => source.current().kind };
}

async function pickIncidentId(source: WorkspaceStoreSource): Promise<string | undefined> {
  const snapshot = source.current();
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
