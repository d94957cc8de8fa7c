/**
 * The one place commands are registered. Every handler gets the same three
 * things done around it: the Workspace Trust check for the commands that write
 * or run git (`WRITING_COMMANDS`, checked against the manifest's enablement by a
 * unit test), errors reported once (log and notification), and, for commands
 * about one incident, the incident resolved from whatever invoked them.
 */
import * as vscode from 'vscode';
import type { Incident } from '../../core/record/schema';
import { WRITING_COMMANDS, type CommandId } from './commandIds';
import { incidentIdIn } from './incidentArgument';
import { incidentInStore, type StoreSnapshotSource } from '../storeSnapshot';
import { errorMessage } from '../../core/record/errors';

export type CommandHandler = (...args: unknown[]) => unknown;
/** Gets the incident as the store has it now, then the invocation's other arguments. */
export type IncidentCommandHandler = (incident: Incident, ...args: unknown[]) => unknown;

export interface CommandRegistryDeps {
  readonly subscriptions: vscode.Disposable[];
  readonly log: vscode.LogOutputChannel;
  readonly source: StoreSnapshotSource;
  /** The incident in front: the one whose panel is the active tab, else the one whose row is selected in the Active Incidents view. */
  readonly incidentInFront?: () => string | undefined;
  /** The incident a command applies to when it was not given one and none is in front (the status bar's), while the store holds it and it is active. */
  readonly currentIncident: () => Incident | undefined;
  /** Asks for an incident; undefined when dismissed or there is none. */
  readonly pickIncidentId: (title: string) => Promise<string | undefined>;
}

export interface IncidentCommandOptions {
  /** The question when the command must ask which incident ("Open Incident"). */
  readonly ask: string;
  /** Without an incident named, use the current incident rather than ask (the default). */
  readonly current?: boolean;
}

export const RESTRICTED_MODE_REFUSAL = vscode.l10n.t('Incident Responder only reads incidents in Restricted Mode. Trust this workspace to declare or change incidents.');

export class CommandRegistry {
  constructor(private readonly deps: CommandRegistryDeps) {}

  /** Registers a command; its arguments reach `handler` as VS Code passes them. */
  command(id: CommandId, handler: CommandHandler): void {
    this.deps.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        if (WRITING_COMMANDS.has(id) && !vscode.workspace.isTrusted) {
          void vscode.window.showWarningMessage(RESTRICTED_MODE_REFUSAL);
          return undefined;
        }
        try {
          return await handler(...args);
        } catch (error) {
          const text = errorMessage(error);
          this.deps.log.error(`${id}: ${text}`);
          void vscode.window.showErrorMessage(text);
          return undefined;
        }
      }),
    );
  }

  /**
   * Registers a command about one incident. Its first argument names the
   * incident (a row of the Active Incidents or Action Items view, or an id);
   * without one it applies to the incident in front (its panel active, its row
   * selected), else to the current incident while it is active, else asks. The handler is
   * not called when the responder dismisses the question.
   */
  incidentCommand(id: CommandId, options: IncidentCommandOptions, handler: IncidentCommandHandler): void {
    this.command(id, async (first?: unknown, ...rest: unknown[]) => {
      const incident = await this.resolve(first, options);
      return incident && handler(incident, ...rest);
    });
  }

  /** The incident `argument` names, else the one in front, else the current one (neither with `current: false`), else one the responder picks. */
  async resolve(argument: unknown, { ask, current = true }: IncidentCommandOptions): Promise<Incident | undefined> {
    const inFront = current ? this.deps.incidentInFront?.() : undefined;
    const known = (id: string | undefined) => (id !== undefined && this.deps.source.current().incident(id) ? id : undefined);
    const id = incidentIdIn(argument) ?? known(inFront) ?? (current ? this.deps.currentIncident()?.id : undefined) ?? (await this.deps.pickIncidentId(ask));
    return id === undefined ? undefined : incidentInStore(this.deps.source.current(), id).incident;
  }
}
