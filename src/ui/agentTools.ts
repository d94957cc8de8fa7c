/**
 * The agent tools (src/agent) for VS Code's chat agent mode: each registered
 * with `vscode.lm.registerTool` under the name package.json contributes; a
 * write tool first shows exactly what it will write and runs only when the
 * person confirms. In Restricted Mode only the read tools exist (the write
 * tools' contributions are hidden by their `when` clause and registered once
 * the workspace is trusted). The `incident mcp` server is offered to VS Code
 * too, read-only, for MCP-aware agents and clients.
 */
import * as vscode from 'vscode';
import type { AgentTool, AgentWorkspace, WriteTool } from '../agent/toolKit';
import { MCP_PROVIDER_ID } from '../agent/toolManifest';
import { AGENT_TOOLS, callTool, confirmationOf } from '../agent/tools';
import type { Services } from './services';

function agentWorkspace({ store, workspace, repository, author, actions }: Services): AgentWorkspace {
  return {
    store: store(),
    plan: () => workspace.plan(),
    repository,
    now: () => new Date(),
    author,
    sayRunbooksLeftOut: (problems) => actions.sayRunbooksLeftOut(problems),
  };
}

/** An AbortSignal that follows VS Code's cancellation token, so a long git log stops with the chat request. */
function signalOf(token: vscode.CancellationToken): AbortSignal {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  else token.onCancellationRequested(() => controller.abort());
  return controller.signal;
}

function languageModelTool(tool: AgentTool, services: Services): vscode.LanguageModelTool<object> {
  return {
    async prepareInvocation(options) {
      if (!tool.writes) return { invocationMessage: vscode.l10n.t('{0}…', tool.title) };
      const { title, message } = await confirmationOf(tool as WriteTool, options.input, agentWorkspace(services));
      return { invocationMessage: vscode.l10n.t('{0}…', title), confirmationMessages: { title, message: new vscode.MarkdownString(message) } };
    },
    async invoke(options, token) {
      const result = await callTool(tool, options.input, agentWorkspace(services), signalOf(token));
      // Views and panels show the change at once rather than at the file watcher's next event.
      if (tool.writes) services.workspace.reload();
      return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(result.text)]);
    },
  };
}

/** The cli beside the extension, run by the editor's own Node (Electron acts as Node with ELECTRON_RUN_AS_NODE). */
function mcpServerDefinition(services: Services): vscode.McpStdioServerDefinition {
  const cli = vscode.Uri.joinPath(services.context.extensionUri, 'dist', 'cli.js').fsPath;
  const folder = services.folder();
  const definition = new vscode.McpStdioServerDefinition(
    vscode.l10n.t('Incident Responder'),
    process.execPath,
    [cli, '--repo', folder.fsPath, 'mcp'],
    process.versions.electron ? { ELECTRON_RUN_AS_NODE: '1' } : {},
    String(services.context.extension.packageJSON.version ?? ''),
  );
  definition.cwd = folder;
  return definition;
}

/** Registers the tools VS Code may offer now (and the write tools once the workspace is trusted); returns them by name, as registered. */
export function registerAgentTools(services: Services): ReadonlyMap<string, vscode.LanguageModelTool<object>> {
  const { context } = services;
  const registered = new Map<string, vscode.LanguageModelTool<object>>();
  // An editor without the language-model API (older than the engine says, or trimmed) runs the rest of the extension.
  if (typeof vscode.lm?.registerTool !== 'function') return registered;
  const register = (tools: readonly AgentTool[]) => {
    for (const tool of tools) {
      if (registered.has(tool.name)) continue;
      const languageModel = languageModelTool(tool, services);
      registered.set(tool.name, languageModel);
      context.subscriptions.push(vscode.lm.registerTool(tool.name, languageModel));
    }
  };
  const trusted = () => vscode.workspace.isTrusted && vscode.workspace.workspaceFolders?.length;
  register(AGENT_TOOLS.filter((tool) => !tool.writes || vscode.workspace.isTrusted));
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => register(AGENT_TOOLS)));

  if (typeof vscode.lm.registerMcpServerDefinitionProvider !== 'function') return registered;
  const changed = new vscode.EventEmitter<void>();
  context.subscriptions.push(
    changed,
    vscode.workspace.onDidGrantWorkspaceTrust(() => changed.fire()),
    vscode.workspace.onDidChangeConfiguration((event) => event.affectsConfiguration('incidents.agent.mcpServer') && changed.fire()),
    vscode.lm.registerMcpServerDefinitionProvider(MCP_PROVIDER_ID, {
      onDidChangeMcpServerDefinitions: changed.event,
      // Restricted Mode runs no process of ours; the setting turns the offer off.
      provideMcpServerDefinitions: () => (trusted() && services.settings().get<boolean>('agent.mcpServer', true) ? [mcpServerDefinition(services)] : []),
    }),
  );
  return registered;
}
