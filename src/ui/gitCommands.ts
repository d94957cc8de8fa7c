/**
 * Commands that read git: link a commit (palette, panel, Source Control graph),
 * scan commit messages for references, suspect commits, evidence from the
 * editor, a commit's diff, and recording a deploy.
 */
import * as vscode from 'vscode';
import { linkCommit } from '../core/changes';
import { COMMIT_RELATIONS, DEPLOY_STATUSES, type CommitRelation } from '../core/schema';
import { addTimelineEvent } from '../core/timeline';
import { findSuspects, NoSuspectRangeError } from '../workflows/suspects';
import { CommandId } from './commands';
import { openCommitDiff } from './commitDiff';
import { fail, NO_FOLDER, type Services } from './services';
import { evidenceFromSelection } from './evidence';
import { incidentIdIn } from './incidentArgument';
import { describeChanges } from './referenceScanner';

const FULL_SHA = /^[0-9a-f]{40}$/;

/** A sha from whatever VS Code passes: a string, or a Source Control graph item (`{ id: sha }`). */
export function shaFromArguments(args: readonly unknown[]): string | undefined {
  for (const arg of args) {
    if (typeof arg === 'string' && FULL_SHA.test(arg)) return arg;
    const id = (arg as { id?: unknown } | undefined)?.id;
    if (typeof id === 'string' && FULL_SHA.test(id)) return id;
  }
  return undefined;
}

export function registerGitCommands(services: Services): void {
  const { actions, commands, repository: repo } = services;

  // Palette, tree and panel: (incidentId?). Source Control graph: (provider, historyItem). Scripts and tests: (incidentId, sha, relation).
  commands.command(CommandId.LinkCommit, async (...args: unknown[]) => {
    const sha = shaFromArguments(args);
    const given = args.find((arg): arg is CommitRelation => typeof arg === 'string' && (COMMIT_RELATIONS as readonly string[]).includes(arg));
    const id = (await commands.resolve(args.find((arg) => incidentIdIn(arg)), { ask: 'Link a commit to…' }))?.id;
    if (!id) return;
    if (!sha) return actions.linkCommitInteractively(id, repo());
    const relation = given ?? ((await vscode.window.showQuickPick([...COMMIT_RELATIONS], { title: `${sha.slice(0, 8)} is… to ${id}` })) as CommitRelation | undefined);
    if (!relation) return;
    const commit = await repo().resolveCommit(sha);
    await actions.update(id, (incident, ctx) => linkCommit(incident, commit, relation, ctx));
  });

  commands.command(CommandId.OpenCommit, async (...args: unknown[]) => {
    const sha = shaFromArguments(args);
    if (!sha) throw new Error('Open Commit needs a commit sha.');
    const subject = typeof args[1] === 'string' ? args[1] : undefined;
    await openCommitDiff(repo(), sha, subject && `${sha.slice(0, 8)} ${subject}`);
  });

  const scan = (full: boolean) => {
    const scanner = services.scanner ?? fail(NO_FOLDER);
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: full ? 'Rescanning all commit messages for incidents' : 'Scanning new commit messages for incidents', cancellable: true }, async (_progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      const result = await scanner.scan({ full, signal: abort.signal });
      if (!result) return undefined;
      if (!result.storeExists) {
        void vscode.window.showInformationMessage('There is no incident store yet, so there is nothing to link.');
        return result;
      }
      if (!result.offered.length) {
        void vscode.window.showInformationMessage(describeChanges(result));
        return result;
      }
      const picks = await vscode.window.showQuickPick(
        result.offered.map((offer) => ({ label: offer.commit.subject, description: `${offer.commit.sha.slice(0, 8)} · ${offer.incidentId}`, detail: offer.commit.author, picked: false, offer })),
        { title: `${describeChanges(result)} These commits mention an incident: link them as related?`, canPickMany: true },
      );
      for (const { offer } of picks ?? []) await actions.update(offer.incidentId, (incident, ctx) => linkCommit(incident, offer.commit, 'related', ctx));
      return result;
    });
  };
  commands.command(CommandId.ScanReferences, () => scan(false));
  commands.command(CommandId.RescanReferences, () => scan(true));

  commands.incidentCommand(CommandId.ShowSuspects, { ask: 'Find suspect commits for…' }, async ({ id }) => {
    // The file as it is now, not the view's snapshot: a pipeline may have recorded a deploy a moment ago.
    const snapshot = services.store().read();
    const incident = snapshot.incident(id);
    if (!incident || snapshot.kind !== 'loaded') throw new Error(`${id} is not in the store.`);
    const openFiles = vscode.window.visibleTextEditors.map((editor) => vscode.workspace.asRelativePath(editor.document.uri, false)).filter((path) => !path.startsWith('/'));
    const query = async (good?: string) =>
      vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Finding suspect commits for ${id}`, cancellable: true }, (_progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        return findSuspects(repo(), incident, snapshot.document.deploys, { good, extraPaths: openFiles, signal: abort.signal });
      });
    let answer;
    try {
      answer = await query();
    } catch (error) {
      if (!(error instanceof NoSuspectRangeError)) throw error;
      const good = await vscode.window.showInputBox({ title: 'Suspect commits since…', prompt: `${error.message}. Name the last good revision (sha, tag or branch).`, ignoreFocusOut: true });
      if (!good) return;
      answer = await query(good);
    }
    if (!answer.suspects.length) {
      void vscode.window.showInformationMessage(`No commits in ${answer.rangeText}.`);
      return;
    }
    const items = answer.suspects.map(({ commit, score, matchedFiles }) => ({
      label: `${score > 0 ? '$(target) ' : ''}${commit.subject}`,
      description: `${commit.sha.slice(0, 8)} · ${commit.author.replace(/ <.*>$/, '')} · ${commit.committedAt.slice(0, 16).replace('T', ' ')}`,
      detail: matchedFiles.length ? `touches ${matchedFiles.join(', ')}` : commit.files.length ? `changes files beside the evidence: ${commit.files.join(', ')}` : undefined,
      commit,
    }));
    const title = (total?: number) =>
      `Suspects for ${id}: ${answer.rangeText}${answer.more ? ` — the first ${items.length} by rank of ${total?.toLocaleString() ?? 'more'}` : ''} — pick one to link as the cause`;
    // The list shows at once; on a long range the count of its commits follows in the title.
    const countAll = answer.more ? repo().countBetween(answer.good, answer.bad).catch(() => undefined) : undefined;
    const picked = await pickOne(items, title(), countAll?.then(title));
    if (picked) await actions.update(id, (i, ctx) => linkCommit(i, picked.commit, 'cause', ctx));
  });

  commands.command(CommandId.AddSelectionToIncident, async (incidentId?: unknown) => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) throw new Error('Select the lines to record in an editor first.');
    const folder = services.folder();
    const id = (await commands.resolve(incidentId, { ask: 'Add the selection to…' }))?.id;
    if (!id) return;
    const head = await repo().head().catch(() => undefined);
    const evidence = evidenceFromSelection(editor, folder, head);
    await actions.update(id, (incident, ctx) => addTimelineEvent(incident, evidence, ctx));
    void vscode.window.showInformationMessage(`Added ${evidence.data.file}:${evidence.data.startLine} to ${id} as evidence.`);
  });

  commands.command(CommandId.RecordDeploy, async (incidentId?: unknown) => {
    services.store(); // Without a folder, say so before asking anything.
    const environment = await vscode.window.showInputBox({ title: 'Record a deploy (1/3)', prompt: 'Environment', value: 'production', validateInput: (v) => (v.trim() ? undefined : 'Name the environment') });
    if (!environment) return;
    const ref = await vscode.window.showInputBox({ title: 'Record a deploy (2/3)', prompt: 'What was deployed: a sha, tag or branch', value: 'HEAD', validateInput: (v) => (v.trim() ? undefined : 'Name what was deployed') });
    if (!ref) return;
    const commit = await repo().resolveCommit(ref.trim());
    const status = await vscode.window.showQuickPick([...DEPLOY_STATUSES], { title: 'Record a deploy (3/3): how did it go?' });
    if (!status) return;
    const forIncident = incidentIdIn(incidentId) ?? services.current.incident()?.id;
    await actions.recordDeploy({ environment: environment.trim(), ref: ref.trim(), sha: commit.sha, status: status as (typeof DEPLOY_STATUSES)[number], incidentIds: forIncident ? [forIncident] : [] });
    void vscode.window.showInformationMessage(`Recorded the ${environment.trim()} deploy of ${ref.trim()} (${commit.sha.slice(0, 8)})${forIncident ? ` for ${forIncident}` : ''}.`);
  });
}

/** One item from a quick pick whose title may change while it is open; undefined when dismissed. */
function pickOne<T extends vscode.QuickPickItem>(items: T[], title: string, laterTitle?: Promise<string>): Promise<T | undefined> {
  const pick = vscode.window.createQuickPick<T>();
  Object.assign(pick, { items, title, matchOnDescription: true, matchOnDetail: true });
  void laterTitle?.then((text) => (pick.title = text));
  return new Promise((resolve) => {
    pick.onDidAccept(() => {
      resolve(pick.selectedItems[0]);
      pick.hide();
    });
    pick.onDidHide(() => {
      resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}
