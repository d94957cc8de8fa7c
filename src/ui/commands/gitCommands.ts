/**
 * Commands that read git: link a commit (palette, panel, Source Control graph),
 * scan commit messages for references, suspect commits, evidence from the
 * editor, a commit's diff, and recording a deploy. Finding the breaking commit
 * with git bisect is in bisectCommands.ts.
 *
 * One named handler per command on `GitCommands`; the table at the end says
 * which handler each command id runs.
 */
import * as vscode from 'vscode';
import { linkCommit } from '../../core/lifecycle/changes';
import { COMMIT_RELATIONS, DEPLOY_STATUSES, type CommitRelation, type Deploy, type Incident } from '../../core/record/schema';
import { addTimelineEvent } from '../../core/lifecycle/timeline';
import { deployedRef } from '../../core/lifecycle/deploys';
import { parseGivenTime } from '../../core/text/givenTime';
import { shortUtc } from '../../core/text/time';
import { findSuspects, NoSuspectRangeError, type SuspectAnswer } from '../../workflows/suspects';
import { CommandId } from './commandIds';
import { openCommitDiff } from '../commitDiff';
import { fail, NO_FOLDER, type Services } from '../services';
import { incidentInStore } from '../storeSnapshot';
import { evidenceFromSelection } from '../evidence';
import { findErrorText } from '../errorEvidenceSource';
import { evidenceFromError } from '../../workflows/errorEvidence';
import { ownersForSuspects } from '../../workflows/suspectOwners';
import { incidentIdIn } from './incidentArgument';
import { describeChanges } from '../referenceScanner';
import { pickOne, pickRelation } from '../pickers';

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

export class GitCommands {
  constructor(private readonly services: Services) {}

  /**
   * *Link Commit to Incident…* (`incidents.linkCommit`): (incident id?) from the palette, tree and panel; (provider, history item) from the
   * Source Control graph; (incident id, sha, relation) from scripts and tests. Asks for what is missing.
   */
  readonly linkCommit = async (...args: unknown[]) => {
    const { commands, actions, repository: repo } = this.services;
    const sha = shaFromArguments(args);
    const given = args.find((arg): arg is CommitRelation => typeof arg === 'string' && (COMMIT_RELATIONS as readonly string[]).includes(arg));
    const id = (
      await commands.resolve(
        args.find((arg) => incidentIdIn(arg)),
        { ask: vscode.l10n.t('Link a commit to…') },
      )
    )?.id;
    if (!id) return;
    if (!sha) return actions.linkCommitInteractively(id, repo());
    // Resolved first, so the question names the commit by its subject rather than a bare sha.
    const commit = await repo().resolveCommit(sha);
    const relation = given ?? (await pickRelation(commit, id));
    if (!relation) return;
    await actions.update(id, (incident, ctx) => linkCommit(incident, commit, relation, ctx));
  };

  /** *Open Commit Changes* (`incidents.openCommit`): (sha or graph item, subject?) from the panel and scripts. */
  readonly openCommit = async (...args: unknown[]) => {
    const sha = shaFromArguments(args);
    if (!sha) throw new Error(vscode.l10n.t('Open Commit needs a commit sha.'));
    const subject = typeof args[1] === 'string' ? args[1] : undefined;
    await openCommitDiff(this.services.repository(), sha, subject && `${sha.slice(0, 8)} ${subject}`);
  };

  /** *Scan Commit Messages for Incident References* (`incidents.scanReferences`): the commits since the last scan; returns what the scan found. */
  readonly scanReferences = () => this.scan(false);

  /** *Rescan All Commit Messages for Incident References* (`incidents.rescanReferences`): every commit again; returns what the scan found. */
  readonly rescanReferences = () => this.scan(true);

  /** *Show Suspect Commits* (`incidents.showSuspects`): (incident) from the tree, the panel and scripts; the one picked is linked as the cause. */
  readonly showSuspects = async ({ id }: Incident) => {
    // The file as it is now, not the view's snapshot: a pipeline may have recorded a deploy a moment ago.
    const { incident, document } = incidentInStore(this.services.store().read(), id);
    const answer = await this.suspectsOf(incident, document.deploys);
    if (!answer) return;
    const { suspects } = answer;
    if (!suspects.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No commits in {0}.', answer.rangeText));
      return;
    }
    const owners = ownersForSuspects(this.services.store().root, incident, suspects);
    const items = suspects.map(({ commit, score, matchedFiles, changedLines }) => {
      const why = changedLines?.length
        ? vscode.l10n.t('changed {0}', changedLines.map(({ line, file }) => vscode.l10n.t('line {0} of {1}', line, file)).join(', '))
        : matchedFiles.length
          ? vscode.l10n.t('touches {0}', matchedFiles.join(', '))
          : commit.files.length
            ? vscode.l10n.t('changes files beside the evidence: {0}', commit.files.join(', '))
            : undefined;
      const owned = owners.suspects.get(commit.sha);
      return {
        label: `${changedLines?.length ? '$(debug-stackframe) ' : score > 0 ? '$(target) ' : ''}${commit.subject}`,
        description: `${commit.sha.slice(0, 8)} · ${commit.author.replace(/ <.*>$/, '')} · ${commit.committedAt.slice(0, 16).replace('T', ' ')}`,
        detail: [why, owned?.length ? vscode.l10n.t('owners {0}', owned.join(' ')) : undefined].filter(Boolean).join(' · ') || undefined,
        commit,
      };
    });
    const title = (total?: number) =>
      answer.more
        ? vscode.l10n.t(
            'Suspects for {0}: {1} — the first {2} by rank of {3} — pick one to link as the cause',
            id,
            answer.rangeText,
            items.length,
            total?.toLocaleString() ?? vscode.l10n.t('more'),
          )
        : vscode.l10n.t('Suspects for {0}: {1} — pick one to link as the cause', id, answer.rangeText);
    // The list shows at once; on a long range the count of its commits follows in the title.
    const countAll = answer.more
      ? this.services
          .repository()
          .countBetween(answer.good, answer.bad)
          .catch(() => undefined)
      : undefined;
    const picked = await pickOne(items, title(), countAll?.then(title));
    if (picked) await this.services.actions.update(id, (i, ctx) => linkCommit(i, picked.commit, 'cause', ctx));
  };

  /** *Add Selection to Incident as Evidence* (`incidents.addSelectionToIncident`): (incident id?) from the editor menu and scripts. */
  readonly addSelectionToIncident = async (incidentId?: unknown) => {
    const { commands, actions, repository } = this.services;
    const editor = vscode.window.activeTextEditor;
    if (!editor) throw new Error(vscode.l10n.t('Select the lines to record in an editor first.'));
    const folder = this.services.folder();
    const id = (await commands.resolve(incidentId, { ask: vscode.l10n.t('Add the selection to…') }))?.id;
    if (!id) return;
    const head = await repository()
      .head()
      .catch(() => undefined);
    const evidence = evidenceFromSelection(editor, folder, head);
    await actions.update(id, (incident, ctx) => addTimelineEvent(incident, evidence, ctx));
    void vscode.window.showInformationMessage(vscode.l10n.t('Added {0}:{1} to {2} as evidence.', evidence.data.file, evidence.data.startLine, id));
  };

  /** *Add Error as Evidence…* (`incidents.addErrorAsEvidence`): (incident id?) from the palette, editor and terminal menus; (incident id, text) from scripts and tests. */
  readonly addErrorAsEvidence = async (incidentId?: unknown, text?: unknown) => {
    const { commands, actions, repository } = this.services;
    const id = (await commands.resolve(incidentId, { ask: vscode.l10n.t('Add the error to…') }))?.id;
    if (!id) return;
    const error = await findErrorText(text);
    if (!error) return;
    const evidence = await evidenceFromError(repository(), error.text, error.source);
    await actions.update(id, (incident, ctx) => addTimelineEvent(incident, evidence, ctx));
    void vscode.window.showInformationMessage(vscode.l10n.t('Added to {0}: {1}', id, evidence.text.split('\n')[0]));
  };

  /**
   * *Record a Deploy* (`incidents.recordDeploy`): (incident id?) to record it for, else the current incident; environment,
   * revision, time (default now) and outcome asked. The revision is resolved by git and recorded as its commit (HEAD as its sha).
   */
  readonly recordDeploy = async (incidentId?: unknown) => {
    const { actions, repository } = this.services;
    this.services.store(); // Without a folder, say so before asking anything.
    const environment = await vscode.window.showInputBox({
      title: vscode.l10n.t('Record a deploy (1/4)'),
      prompt: vscode.l10n.t('Environment'),
      value: 'production',
      validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Name the environment')),
    });
    if (!environment) return;
    const ref = await vscode.window.showInputBox({
      title: vscode.l10n.t('Record a deploy (2/4)'),
      prompt: vscode.l10n.t('What was deployed: a sha, tag or branch'),
      value: 'HEAD',
      validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Name what was deployed')),
    });
    if (!ref) return;
    const commit = await repository().resolveCommit(ref.trim());
    const opened = new Date();
    const when = await vscode.window.showInputBox({
      title: vscode.l10n.t('Record a deploy (3/4): when did it go out?'),
      prompt: vscode.l10n.t('UTC; also "30m ago" or "10:05". Suspects are the deploys before the impact began.'),
      value: `${shortUtc(opened.toISOString())} UTC`,
      validateInput: (text) => {
        const given = parseGivenTime(text, new Date());
        return given.kind === 'problem' ? given.problem : undefined;
      },
    });
    if (when === undefined) return;
    const given = parseGivenTime(when, new Date());
    if (given.kind === 'problem') return;
    const status = await vscode.window.showQuickPick([...DEPLOY_STATUSES], { title: vscode.l10n.t('Record a deploy (4/4): how did it go?') });
    if (!status) return;
    const forIncident = incidentIdIn(incidentId) ?? this.services.current.incident()?.id;
    await actions.recordDeploy({
      environment: environment.trim(),
      ref: deployedRef(ref, commit.sha),
      sha: commit.sha,
      at: given.at,
      status: status as (typeof DEPLOY_STATUSES)[number],
      incidentIds: forIncident ? [forIncident] : [],
    });
    const deployed = [environment.trim(), deployedRef(ref, commit.sha), commit.sha.slice(0, 8)] as const;
    void vscode.window.showInformationMessage(
      forIncident ? vscode.l10n.t('Recorded the {0} deploy of {1} ({2}) for {3}.', ...deployed, forIncident) : vscode.l10n.t('Recorded the {0} deploy of {1} ({2}).', ...deployed),
    );
  };

  /** Scans commit messages (all of them when `full`) and offers to link the commits that mention an incident. */
  private scan(full: boolean) {
    const scanner = this.services.scanner ?? fail(NO_FOLDER);
    return vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: full ? vscode.l10n.t('Rescanning all commit messages for incidents') : vscode.l10n.t('Scanning new commit messages for incidents'),
        cancellable: true,
      },
      async (_progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        const result = await scanner.scan({ full, signal: abort.signal });
        if (!result) return undefined;
        if (!result.storeExists) {
          void vscode.window.showInformationMessage(vscode.l10n.t('There is no incident store yet, so there is nothing to link.'));
          return result;
        }
        if (!result.offered.length) {
          void vscode.window.showInformationMessage(describeChanges(result));
          return result;
        }
        const picks = await vscode.window.showQuickPick(
          result.offered.map((offer) => ({
            label: offer.commit.subject,
            description: `${offer.commit.sha.slice(0, 8)} · ${offer.incidentId}`,
            detail: offer.commit.author,
            picked: false,
            offer,
          })),
          { title: vscode.l10n.t('{0} These commits mention an incident: link them as related?', describeChanges(result)), canPickMany: true },
        );
        for (const { offer } of picks ?? []) await this.services.actions.update(offer.incidentId, (incident, ctx) => linkCommit(incident, offer.commit, 'related', ctx));
        return result;
      },
    );
  }

  /** The suspect commits of an incident between its deploys; without such a range, after asking for the last good revision (undefined when dismissed). */
  private async suspectsOf(incident: Incident, deploys: readonly Deploy[]): Promise<SuspectAnswer | undefined> {
    const openFiles = vscode.window.visibleTextEditors.map((editor) => vscode.workspace.asRelativePath(editor.document.uri, false)).filter((path) => !path.startsWith('/'));
    const query = async (good?: string) =>
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Finding suspect commits for {0}', incident.id), cancellable: true },
        (_progress, token) => {
          const abort = new AbortController();
          token.onCancellationRequested(() => abort.abort());
          return findSuspects(this.services.repository(), incident, deploys, { good, extraPaths: openFiles, signal: abort.signal });
        },
      );
    try {
      return await query();
    } catch (error) {
      if (!(error instanceof NoSuspectRangeError)) throw error;
      const good = await vscode.window.showInputBox({
        title: vscode.l10n.t('Suspect commits since…'),
        prompt: vscode.l10n.t('{0}. Name the last good revision (sha, tag or branch).', error.message),
        ignoreFocusOut: true,
      });
      return good ? query(good) : undefined;
    }
  }
}

export function registerGitCommands(services: Services): void {
  const { commands } = services;
  const handlers = new GitCommands(services);
  commands.command(CommandId.LinkCommit, handlers.linkCommit);
  commands.command(CommandId.OpenCommit, handlers.openCommit);
  commands.command(CommandId.ScanReferences, handlers.scanReferences);
  commands.command(CommandId.RescanReferences, handlers.rescanReferences);
  commands.incidentCommand(CommandId.ShowSuspects, { ask: vscode.l10n.t('Find suspect commits for…') }, handlers.showSuspects);
  commands.command(CommandId.AddSelectionToIncident, handlers.addSelectionToIncident);
  commands.command(CommandId.AddErrorAsEvidence, handlers.addErrorAsEvidence);
  commands.command(CommandId.RecordDeploy, handlers.recordDeploy);
}
