/**
 * *Find the Breaking Commit…*: git bisect between the incident's last good and
 * bad deploys (src/workflows/bisect.ts), behind a cancellable progress
 * notification with the steps done and left, then a modal confirmation before
 * the first bad commit is linked as the cause.
 *
 * Scripts and tests: (incidentId, { command, good?, bad?, stepTimeoutSeconds?, confirm? }),
 * `confirm` answering the confirmation (true links, false does not).
 */
import * as vscode from 'vscode';
import { linkCommit } from '../../core/lifecycle/changes';
import type { CommitSummary } from '../../core/code/commitSummary';
import { bisectIncident, CANNOT_TELL, type BisectResult } from '../../workflows/bisect';
import { NoSuspectRangeError } from '../../workflows/suspects';
import { CommandId } from './commandIds';
import type { Services } from '../services';
import { incidentInStore } from '../storeSnapshot';

interface ScriptedBisect {
  command?: unknown;
  good?: unknown;
  bad?: unknown;
  stepTimeoutSeconds?: unknown;
  confirm?: unknown;
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
const short = (sha: string) => sha.slice(0, 8);

export function registerBisectCommand(services: Services): void {
  const { actions, commands } = services;
  commands.incidentCommand(CommandId.Bisect, { ask: vscode.l10n.t('Find the breaking commit of…') }, async ({ id }, given?: unknown) => {
    const scripted = (given ?? {}) as ScriptedBisect;
    const command =
      text(scripted.command) ??
      (await vscode.window.showInputBox({
        title: vscode.l10n.t('Find the breaking commit of {0}', id),
        prompt: vscode.l10n.t('A shell command that fails on a bad commit and succeeds on a good one (exit 125 skips a commit). It runs in a temporary worktree.'),
        placeHolder: 'npm test -- --grep checkout',
        ignoreFocusOut: true,
        validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('Type the command that tells good from bad')),
      }));
    if (!command?.trim()) return;
    const seconds = typeof scripted.stepTimeoutSeconds === 'number' && scripted.stepTimeoutSeconds > 0 ? scripted.stepTimeoutSeconds : undefined;
    const confirmLink = async (commit: CommitSummary) => {
      if (typeof scripted.confirm === 'boolean') return scripted.confirm;
      const link = vscode.l10n.t('Link as Cause');
      const answer = await vscode.window.showInformationMessage(
        vscode.l10n.t('Link {0} {1} as the cause of {2}?', short(commit.sha), commit.subject, id),
        { modal: true, detail: vscode.l10n.t('git bisect found it as the first bad commit ({0}).', commit.author) },
        link,
      );
      return answer === link;
    };
    const bisect = (good: string | undefined) =>
      vscode.window.withProgress(
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
              command: command.trim(),
              good,
              bad: text(scripted.bad),
              stepTimeoutMs: seconds === undefined ? undefined : seconds * 1000,
              signal: abort.signal,
              // Asked after the progress ends (below), so the notification does not sit under the modal.
              linkCause: false,
              onProgress: ({ done, left, step }) =>
                progress.report({
                  message: step
                    ? vscode.l10n.t('{0} step(s) done, roughly {1} left: {2} is {3}', done, left, short(step.sha), step.verdict)
                    : vscode.l10n.t('roughly {0} step(s) to go', left),
                }),
            },
            actions.update.bind(actions),
            { gitPath: services.gitPath() },
          );
        },
      );
    let result: BisectResult;
    try {
      try {
        result = await bisect(text(scripted.good));
      } catch (error) {
        if (!(error instanceof NoSuspectRangeError) || scripted.command !== undefined) throw error;
        const good = await vscode.window.showInputBox({
          title: vscode.l10n.t('Find the breaking commit since…'),
          prompt: vscode.l10n.t('{0}. Name the last good revision (sha, tag or branch).', error.message),
          ignoreFocusOut: true,
        });
        if (!good?.trim()) return;
        result = await bisect(good.trim());
      }
    } catch (error) {
      if ((error as Error).name !== 'AbortError') throw error;
      void vscode.window.showInformationMessage(vscode.l10n.t('Bisect of {0} stopped; its temporary worktree was removed.', id));
      return;
    }
    if (result.kind === 'cannot-tell') {
      // What the command printed on each end says why (a missing tool, a typo): in the log, one click away.
      services.log.warn(
        `bisect of ${id}: ${CANNOT_TELL}\n--- on the bad end (exit ${result.badExit}):\n${result.badOutput}\n--- on the good end (exit ${result.goodExit}):\n${result.goodOutput}`,
      );
      const show = vscode.l10n.t('Show Output');
      void vscode.window
        .showWarningMessage(
          vscode.l10n.t('{0}: it exited {1} on the bad end and {2} on the good one of {3}. Nothing was linked.', CANNOT_TELL, result.badExit, result.goodExit, result.rangeText),
          show,
        )
        .then((answer) => answer === show && services.log.show());
      return result;
    }
    if (result.kind === 'ambiguous') {
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          'Skipped commits leave {0} candidates for the first bad commit: {1}. Nothing was linked.',
          result.candidates.length,
          result.candidates.map((c) => short(c.sha)).join(', '),
        ),
      );
      return result;
    }
    const { commit } = result;
    if (await confirmLink(commit)) {
      await actions.update(id, (incident, ctx) => linkCommit(incident, commit, 'cause', ctx));
      return { ...result, linked: true };
    }
    return result;
  });
}
