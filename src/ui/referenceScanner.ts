/**
 * Runs the incremental reference scan quietly: once at start-up and after
 * every new HEAD (a commit, a pull, a branch switch), one scan at a time.
 * It only reads git in a trusted workspace with the setting on, and only says
 * something when it linked a commit or closed an action item.
 */
import * as vscode from 'vscode';
import { compileReferencePatterns } from '../core/code/references';
import type { GitRepository } from '../git/gitRepository';
import type { IncidentStore } from '../store/incidentStore';
import { syncReferences, type ReferenceSyncResult } from '../workflows/referenceSync';
import { Disposable } from './disposable';
import { gitExtensionApi, repositoryFor } from './gitExtension';
import { errorMessage } from '../core/record/errors';

export interface ScannerDeps {
  folder: vscode.Uri;
  repo: () => GitRepository;
  store: () => IncidentStore | undefined;
  author: () => Promise<string>;
  log: vscode.LogOutputChannel;
  afterChange: () => void;
}

export function referencePatterns(log?: vscode.LogOutputChannel): RegExp[] {
  const sources = vscode.workspace.getConfiguration('incidents').get<string[]>('referencePatterns', []);
  const { patterns, errors } = compileReferencePatterns(Array.isArray(sources) ? sources.filter((s) => typeof s === 'string') : []);
  for (const error of errors) log?.warn(`incidents.referencePatterns: "${error.source}" is not used: ${error.message}`);
  return patterns;
}

export class ReferenceScanner extends Disposable {
  private running: Promise<ReferenceSyncResult | undefined> = Promise.resolve(undefined);
  private lastHead: string | undefined;

  constructor(private readonly deps: ScannerDeps) {
    super();
  }

  async start(): Promise<void> {
    const api = await gitExtensionApi();
    if (api) {
      const watch = () => {
        const repository = repositoryFor(api, this.deps.folder);
        if (!repository) return;
        this.register(
          repository.state.onDidChange(() => {
            const head = repository.state.HEAD?.commit;
            if (head && head !== this.lastHead) {
              this.lastHead = head;
              void this.scan({ quiet: true });
            }
          }),
        );
      };
      if (repositoryFor(api, this.deps.folder)) watch();
      else this.register(api.onDidOpenRepository(() => repositoryFor(api, this.deps.folder) && watch()));
    }
    await this.scan({ quiet: true });
  }

  private enabled(): boolean {
    return vscode.workspace.isTrusted && vscode.workspace.getConfiguration('incidents').get<boolean>('scanCommits', true);
  }

  /** Queues a scan after any running one; `quiet` scans only speak when they changed the store. */
  scan(options: { full?: boolean; quiet?: boolean; signal?: AbortSignal } = {}): Promise<ReferenceSyncResult | undefined> {
    this.running = this.running
      .then(() => this.scanNow(options))
      .catch((error) => {
        this.deps.log.warn(`reference scan: ${errorMessage(error)}`);
        if (!options.quiet) throw error;
        return undefined;
      });
    return this.running;
  }

  private async scanNow(options: { full?: boolean; quiet?: boolean; signal?: AbortSignal }): Promise<ReferenceSyncResult | undefined> {
    const store = this.deps.store();
    if (!store || (options.quiet && !this.enabled())) return undefined;
    const author = await this.deps.author();
    const result = await syncReferences(this.deps.repo(), store, {
      full: options.full,
      extraPatterns: referencePatterns(this.deps.log),
      signal: options.signal,
      context: () => ({ at: new Date(), author }),
    });
    this.deps.log.info(
      `reference scan (${result.full ? 'full' : 'incremental'}): ${result.referencingCommits} referencing commits, ${result.linked.length} linked, ${result.closedActions.length} actions closed, ${result.offered.length} mentions`,
    );
    if (result.linked.length || result.closedActions.length) {
      this.deps.afterChange();
      if (options.quiet) void vscode.window.showInformationMessage(describeChanges(result));
    }
    return result;
  }
}

export function describeChanges(result: ReferenceSyncResult): string {
  const parts = [
    ...result.linked.map((link) => vscode.l10n.t('linked {0} to {1} as {2}', link.sha.slice(0, 8), link.incidentId, link.relation)),
    ...result.closedActions.map((closed) => vscode.l10n.t('closed action item {0} of {1}', closed.actionId, closed.incidentId)),
  ];
  if (!parts.length) return vscode.l10n.t('No new commit names an incident in a trailer.');
  const shown = parts.slice(0, 3).join('; ');
  return parts.length > 3 ? vscode.l10n.t('From commit messages: {0} and {1} more.', shown, parts.length - 3) : vscode.l10n.t('From commit messages: {0}.', shown);
}
