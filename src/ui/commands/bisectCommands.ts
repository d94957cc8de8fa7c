/**
 * *Find the Breaking Commit…*: git bisect between the incident's last good and
 * bad deploys (src/workflows/bisect.ts), behind a cancellable progress
 * notification with the steps done and left, then a modal confirmation before
 * the first bad commit is linked as the cause.
 *
 * Scripts and tests: (incidentId, { command, good?, bad?, stepTimeoutSeconds?, confirm? }),
 * `confirm` answering the confirmation (true links, false does not).
 *
 * The named handler is `BisectCommands.bisect`; the table at the end
 * registers it.
 */
import * as vscode from 'vscode';
import { linkCommit } from '../../core/lifecycle/changes';
import type { CommitSummary } from '../../core/code/commitSummary';
import type { Incident } from '../../core/record/schema';
import { bisectIncident, CANNOT_TELL, type BisectResult } from '../../workflows/bisect';
import { NoSuspectRangeError } from '../../workflows/suspects';
import { CommandId } from './commandIds';
import { givenText } from './commandArguments';
import type { Services } from '../services';
import { incidentInStore } from '../storeSnapshot';

interface ScriptedBisect {
  command?: unknown;
  good?: unknown;
  bad?: unknown;
  stepTimeoutSeconds?: unknown;
  confirm?: unknown;
}

/** One bisect of one incident: what is run on each commit, and what a script said in place of the questions. */
interface BisectRun {
  readonly id: string;
  readonly command: string;
  readonly scripted: ScriptedBisect;
}

const short = (sha: string) => sha.slice(0, 8);

export class BisectCommands {
  constructor(private readonly services: Services) {}

  /** *Find the Breaking Commit…* (`incidents.bisect`): (incident, { command, good?, bad?, stepTimeoutSeconds?, confirm? }) from scripts and tests; returns the result. */
  readonly bisect = async ({ id }: Incident, given?: unknown) => {
    const scripted = (given ?? {}) as ScriptedBisect;
    const command =
      givenText(scripted.command) ??
      (await vscode.window.showInputBox({
        title: vscode.l10n.t('Find the breaking commit of {0}', id),
        prompt: vscode.l10n.t('A shell command that fails on a bad commit and succeeds on a good one (exit 125 skips a commit). It runs in a temporary worktree.'),
        placeHolder: 'npm test -- --grep checkout',
        ignoreFocusOut: true,
        validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('Type the command that tells good from bad')),
      }));
    if (!command?.trim()) return undefined;
    const run: BisectRun = { id, command: command.trim(), scripted };
    const result = await this.runAskingForRange(run);
    if (!result) return undefined;
    if (result.kind !== 'found') {
      this.sayNothingLinked(id, result);
      return result;
    }
    const { commit } = result;
    if (await this.confirmLink(run, commit)) {
      await this.services.actions.update(id, (incident, ctx) => linkCommit(incident, commit, 'cause', ctx));
      return { ...result, linked: true };
    }
    return result;
  };

  /** The bisect, asking for the last good revision when the deploys give no range; undefined when that is dismissed or the bisect is cancelled. */
  private async runAskingForRange(run: BisectRun): Promise<BisectResult | undefined> {
    const { id, scripted } = run;
    try {
      try {
        return await this.runWithProgress(run, givenText(scripted.good));
      } catch (error) {
        if (!(error instanceof NoSuspectRangeError) || scripted.command !== undefined) throw error;
        const good = await vscode.window.showInputBox({
          title: vscode.l10n.t('Find the breaking commit since…'),
          prompt: vscode.l10n.t('{0}. Name the last good revision (sha, tag or branch).', error.message),
          ignoreFocusOut: true,
        });
        if (!good?.trim()) return undefined;
        return await this.runWithProgress(run, good.trim());
      }
    } catch (error) {
      if ((error as Error).name !== 'AbortError') throw error;
      void vscode.window.showInformationMessage(vscode.l10n.t('Bisect of {0} stopped; its temporary worktree was removed.', id));
      return undefined;
    }
  }

  private runWithProgress({ id, command, scripted }: BisectRun, good: string | undefined): Thenable<BisectResult> {
    const { services } = this;
    const seconds = typeof scripted.stepTimeoutSeconds === 'number' && scripted.stepTimeoutSeconds > 0 ? scripted.stepTimeoutSeconds : undefined;
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Finding the breaking commit of {0}', id), cancellable: true },
      (progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        // The file as it is now: a pipeline may have recorded a deploy a moment ago.
        const { incident, document } = incidentInStore(services.store().read(), id);
        return bisectIncident(
          services.repository(),
          incident,
          document.deploys,
          {
            command,
            good,
            bad: givenText(scripted.bad),
            stepTimeoutMs: seconds === undefined ? undefined : seconds * 1000,
            signal: abort.signal,
            // Asked after the progress ends (confirmLink), so the notification does not sit under the modal.
            linkCause: false,
            onProgress: ({ done, left, step }) =>
              progress.report({
                message: step
                  ? vscode.l10n.t('{0} step(s) done, roughly {1} left: {2} is {3}', done, left, short(step.sha), step.verdict)
                  : vscode.l10n.t('roughly {0} step(s) to go', left),
              }),
          },
          services.actions.update.bind(services.actions),
          { gitPath: services.gitPath() },
        );
      },
    );
  }

  /** Why no commit was linked: the command cannot tell good from bad (its output in the log), or skipped commits leave several candidates. */
  private sayNothingLinked(id: string, result: Exclude<BisectResult, { kind: 'found' }>): void {
    const { log } = this.services;
    if (result.kind === 'cannot-tell') {
      // What the command printed on each end says why (a missing tool, a typo): in the log, one click away.
      log.warn(
        `bisect of ${id}: ${CANNOT_TELL}\n--- on the bad end (exit ${result.badExit}):\n${result.badOutput}\n--- on the good end (exit ${result.goodExit}):\n${result.goodOutput}`,
      );
      const show = vscode.l10n.t('Show Output');
      void vscode.window
        .showWarningMessage(
          vscode.l10n.t('{0}: it exited {1} on the bad end and {2} on the good one of {3}. Nothing was linked.', CANNOT_TELL, result.badExit, result.goodExit, result.rangeText),
          show,
        )
        .then((answer) => answer === show && log.show());
      return;
    }
    void vscode.window.showWarningMessage(
      vscode.l10n.t(
        'Skipped commits leave {0} candidates for the first bad commit: {1}. Nothing was linked.',
        result.candidates.length,
        result.candidates.map((c) => short(c.sha)).join(', '),
      ),
    );
  }

  /** The script's `confirm`, else the responder's answer to a modal question. */
  private async confirmLink({ id, scripted }: BisectRun, commit: CommitSummary): Promise<boolean> {
    if (typeof scripted.confirm === 'boolean') return scripted.confirm;
    const link = vscode.l10n.t('Link as Cause');
    const answer = await vscode.window.showInformationMessage(
      vscode.l10n.t('Link {0} {1} as the cause of {2}?', short(commit.sha), commit.subject, id),
      { modal: true, detail: vscode.l10n.t('git bisect found it as the first bad commit ({0}).', commit.author) },
      link,
    );
    return answer === link;
  }
}

export function registerBisectCommands(services: Services): void {
  const { commands } = services;
  const handlers = new BisectCommands(services);
  commands.incidentCommand(CommandId.Bisect, { ask: vscode.l10n.t('Find the breaking commit of…') }, handlers.bisect);
}
