/**
 * Finds the commit that broke an incident's service with `git bisect` between
 * its last good and bad deploys (or ends the responder names), writing each
 * step to the timeline as it happens and linking the first bad commit as the
 * cause. The bisect runs in a temporary worktree (src/git/bisectRun.ts).
 */
import { linkCommit } from '../core/lifecycle/changes';
import { clipText, SHORT_TEXT_MAX } from '../core/text/clip';
import type { CommitSummary } from '../core/code/commitSummary';
import type { ChangeContext } from '../core/record/context';
import type { Deploy, Incident } from '../core/record/schema';
import { addTimelineEvent } from '../core/lifecycle/timeline';
import { bisectBetween, BisectStoppedError, type BisectStep } from '../git/bisectRun';
import { pruneAbandonedBisects } from '../git/bisectWorktree';
import type { GitOptions } from '../git/gitCommand';
import type { GitRepository } from '../git/gitRepository';
import { suspectEnds } from './suspects';

/** How the workflow writes to the store: the CLI through IncidentStore.update, VS Code through its incident actions. */
export type IncidentWriter = (incidentId: string, change: (incident: Incident, ctx: ChangeContext) => Incident) => Promise<unknown>;

export interface BisectRequest {
  /** The shell command that fails on a bad commit: exit 0 good, 125 skip, 1–127 bad, above 127 stops. */
  command: string;
  /** Revisions a person typed; default: the incident's last good and bad deploys. */
  good?: string;
  bad?: string;
  stepTimeoutMs?: number;
  signal?: AbortSignal;
  /** Whether to link the first bad commit as the cause: yes (the CLI) or after asking (VS Code's confirmation). */
  linkCause: boolean | ((commit: CommitSummary) => Promise<boolean>);
  onProgress?: (progress: BisectProgress) => void;
}

export interface BisectProgress {
  done: number;
  /** Git's estimate of the steps still to run. */
  left: number;
  /** The step just finished; undefined for the estimate before the first. */
  step?: BisectStep;
}

export type BisectResult = { rangeText: string } & (
  | { kind: 'found'; commit: CommitSummary; steps: number; linked: boolean }
  | { kind: 'ambiguous'; candidates: CommitSummary[]; steps: number }
  | { kind: 'cannot-tell'; badExit: number; goodExit: number; badOutput: string; goodOutput: string }
);

export const CANNOT_TELL = 'this command does not tell good from bad';

const short = (sha: string) => sha.slice(0, 8);
const isCancel = (error: unknown) => (error as Error | undefined)?.name === 'AbortError';

export async function bisectIncident(
  repo: GitRepository,
  incident: Incident,
  deploys: readonly Deploy[],
  request: BisectRequest,
  write: IncidentWriter,
  gitOptions: GitOptions = {},
): Promise<BisectResult> {
  const { good, bad, rangeText } = suspectEnds(incident, deploys, request);
  const [[goodSha, badSha]] = await Promise.all([repo.resolveShas([good, bad]), noteAbandonedBisects(repo.root, write, gitOptions)]);
  const note = (text: string, data: Record<string, unknown>) =>
    write(incident.id, (current, ctx) => addTimelineEvent(current, { kind: 'note', text, data: { bisect: data } }, ctx));
  const command = clipText(request.command, SHORT_TEXT_MAX);
  let steps = 0;
  let describing: Promise<CommitSummary> | undefined;
  try {
    const outcome = await bisectBetween(
      repo.root,
      {
        good: goodSha,
        bad: badSha,
        command: request.command,
        stepTimeoutMs: request.stepTimeoutMs,
        signal: request.signal,
        label: incident.id,
        onFound: (sha) => {
          describing = repo.resolveCommit(sha);
          describing.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
        },
        onStart: async (left) => {
          await note(`Bisect started on ${rangeText} with \`${command}\` (roughly ${left} step(s))`, { event: 'start', good: goodSha, bad: badSha, command });
          request.onProgress?.({ done: 0, left });
        },
        onStep: async (step) => {
          steps = step.done;
          await note(`Bisect step ${step.done}: ${short(step.sha)} is ${step.verdict} (exit ${step.exitCode})`, {
            event: 'step',
            sha: step.sha,
            verdict: step.verdict,
            exitCode: step.exitCode,
          });
          request.onProgress?.({ done: step.done, left: step.left, step });
        },
      },
      gitOptions,
    );
    if (outcome.kind === 'cannot-tell') return { ...outcome, rangeText };
    if (outcome.kind === 'ambiguous') {
      const candidates = await Promise.all(outcome.candidates.map((sha) => repo.resolveCommit(sha)));
      await note(`Bisect finished: skipped commits leave ${candidates.length} candidates: ${candidates.map((c) => short(c.sha)).join(', ')}`, {
        event: 'ambiguous',
        candidates: outcome.candidates,
      });
      return { kind: 'ambiguous', candidates, steps: outcome.steps, rangeText };
    }
    const commit = await (describing ?? repo.resolveCommit(outcome.sha));
    await note(`Bisect finished: ${short(commit.sha)} is the first bad commit (${clipText(commit.subject, 200)})`, { event: 'found', sha: commit.sha });
    const link = typeof request.linkCause === 'function' ? await request.linkCause(commit) : request.linkCause;
    if (link) await write(incident.id, (current, ctx) => linkCommit(current, commit, 'cause', ctx));
    return { kind: 'found', commit, steps: outcome.steps, linked: link, rangeText };
  } catch (error) {
    if (isCancel(error) || error instanceof BisectStoppedError) {
      const reason = error instanceof BisectStoppedError ? error.reason : 'cancelled';
      await note(`Bisect stopped after ${steps} step(s): ${reason}`, { event: 'stopped', reason });
    }
    throw error;
  }
}

/** Worktrees of bisects whose process was killed: removed, and their incidents told the bisect stopped. */
async function noteAbandonedBisects(root: string, write: IncidentWriter, gitOptions: GitOptions): Promise<void> {
  for (const incidentId of await pruneAbandonedBisects(root, gitOptions)) {
    const text = 'Bisect stopped: its process ended before it finished (the worktree it left was removed)';
    await write(incidentId, (current, ctx) => addTimelineEvent(current, { kind: 'note', text, data: { bisect: { event: 'stopped', reason: 'killed' } } }, ctx)).catch(
      () => undefined,
    );
  }
}
