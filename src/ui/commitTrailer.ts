/**
 * Offers the `Incident: <id>` trailer in the Source Control commit box while
 * an incident is current, through the built-in Git extension's API. The
 * trailer follows the current incident, comes back after each commit (the box
 * is emptied), and goes away when the setting is turned off.
 */
import * as vscode from 'vscode';
import { withIncidentTrailer } from '../core/code/trailers';
import type { CurrentIncident } from './views/currentIncident';
import { Disposable } from './disposable';
import { gitExtensionApi, repositoryFor, type GitApi } from './gitExtension';

export class CommitTrailerPrefill extends Disposable {
  // Keyed by root path: the Git API hands out a new wrapper object for a repository on each access.
  /** The incident whose trailer we put in each repository's box (to take out again), and HEAD at the time. */
  private readonly added = new Map<string, { incidentId: string; head: string | undefined }>();
  private readonly watched = new Set<string>();
  private api: GitApi | undefined;

  constructor(
    private readonly folder: vscode.Uri,
    private readonly current: CurrentIncident,
    private readonly enabled: () => boolean,
  ) {
    super();
    this.register(current.onDidChange(() => this.apply()));
    this.register(vscode.workspace.onDidChangeConfiguration((event) => event.affectsConfiguration('incidents.commitMessageTrailer') && this.apply()));
  }

  /** Connects to the Git extension (it may activate after us); resolves once the first prefill ran. */
  async start(): Promise<void> {
    this.api = await gitExtensionApi();
    if (!this.api) return;
    this.register(this.api.onDidOpenRepository(() => this.apply()));
    this.register(this.api.onDidChangeState(() => this.apply()));
    this.apply();
  }

  apply(): void {
    const repository = this.api && repositoryFor(this.api, this.folder);
    if (!repository) return;
    const key = repository.rootUri.fsPath;
    if (!this.watched.has(key)) {
      this.watched.add(key);
      // After a commit the box is emptied and HEAD moves: offer the trailer again.
      this.register(repository.state.onDidChange(() => this.apply()));
    }
    const wanted = this.enabled() ? this.current.id : undefined;
    const head = repository.state.HEAD?.commit;
    const previous = this.added.get(key);
    // Same incident, same HEAD, trailer gone: the person removed it for this commit; respect that until the next one.
    if (wanted && previous?.incidentId === wanted && previous.head === head) return;
    const before = repository.inputBox.value;
    const after = withIncidentTrailer(before, wanted, previous?.incidentId);
    if (after !== before) repository.inputBox.value = after;
    if (wanted) this.added.set(key, { incidentId: wanted, head });
    else this.added.delete(key);
  }
}
