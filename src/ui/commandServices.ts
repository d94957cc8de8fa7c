/**
 * What command modules get from the composition root (extension.ts): the
 * services built once at activation and `register`, which wraps a handler with
 * the Workspace Trust check and error reporting.
 */
import type * as vscode from 'vscode';
import type { CommandId } from './commands';
import type { CurrentIncident } from './currentIncident';
import type { IncidentActions } from './incidentActions';
import type { IncidentPanelHost } from './incidentPanel';
import type { WorkspaceStore } from './workspaceStore';

export type Register = (id: CommandId, handler: (...args: unknown[]) => unknown) => void;

export interface CommandServices {
  readonly context: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  /** The first workspace folder, where the store and the repository live. */
  readonly folder: vscode.Uri | undefined;
  readonly workspace: WorkspaceStore;
  readonly actions: IncidentActions;
  readonly current: CurrentIncident;
  readonly panelHost: IncidentPanelHost;
  /** VS Code's `git.path` setting, or undefined for git on PATH. */
  readonly gitPath: () => string | undefined;
  /** "Name <email>" of the person making changes. */
  readonly author: () => Promise<string>;
  /** Asks for an incident when a command was not given one. */
  readonly pickIncidentId: () => Promise<string | undefined>;
}
