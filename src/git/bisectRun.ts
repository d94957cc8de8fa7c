/**
 * `git bisect` in a temporary worktree, so the user's work tree, index, HEAD,
 * branch, stash and refs/bisect (which git keeps per worktree) are never
 * touched. First we run the user's command ourselves on both ends
 * (runUserCommand), so a command that cannot tell them apart runs no bisect.
 * Then `git bisect start` and one `git bisect run` of a small wrapper that
 * runs the command (taken from the environment, so no text of the user's
 * reaches git's arguments) and prints its exit code after a marker: each step
 * is read from git's output as it ends and reported, and a cancel or the
 * per-step time limit kills git's process group. The verdicts are
 * `git bisect run`'s: exit 0 good, 125 skip, 1–127 bad, above 127 (or a
 * signal, or the time limit) stops.
 *
 * The worktree is ours alone (src/git/bisectWorktree.ts): a run that was
 * killed leaves one behind, and the next run (pruneAbandonedBisects) removes
 * those whose process is gone.
 *
 * Whatever the command does to the processes around it (kills its parent
 * shell, its process group or git bisect itself), the bisect ends as
 * "stopped" with a reason in plain words, never git's words about our wrapper.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:os';
import { runUserCommand, type UserCommandEnd } from './userCommand';
import { BisectProgressReader, verdictOfExit } from './bisectProgress';
import { bisectPlace, markBisectWorktree, removeBisectWorktree, type BisectWorktree } from './bisectWorktree';
import { GitCommand, type GitOptions, type GitProcessResult } from './gitCommand';
import { isFullSha } from './revisionText';

export type BisectVerdict = 'good' | 'bad' | 'skip';

export interface BisectStep {
  sha: string;
  verdict: BisectVerdict;
  exitCode: number;
  /** Steps done so far, this one included. */
  done: number;
  /** What git estimates is left after this step ("roughly K steps"); 0 once the answer is known. */
  left: number;
}

export interface BisectRunOptions {
  /** Full shas, already resolved (GitRepository.resolveSha). */
  good: string;
  bad: string;
  /** A shell command line the user typed: run with `shell: true` in the worktree. */
  command: string;
  /** Per step (and per check of the ends); default 10 minutes. */
  stepTimeoutMs?: number;
  signal?: AbortSignal;
  /** Names the worktree, so an abandoned one can be traced to its incident. */
  label: string;
  /** Before the first step: git's first estimate of the steps. */
  onStart?: (left: number) => void | Promise<void>;
  onStep?: (step: BisectStep) => void | Promise<void>;
  /** The first bad commit is known; called before the worktree is removed, so describing it can overlap that. */
  onFound?: (sha: string) => void;
}

export type BisectOutcome =
  | { kind: 'found'; sha: string; steps: number }
  /** Skipped commits left git unable to choose: the first bad commit is one of these. */
  | { kind: 'ambiguous'; candidates: string[]; steps: number }
  /** The command did not fail on `bad` or did not succeed on `good`: no bisect was run. */
  | { kind: 'cannot-tell'; badExit: number; goodExit: number; badOutput: string; goodOutput: string };

/** The command said stop (an exit code above 127, a signal) or overran its time limit; `git bisect run` stops the same way. */
export class BisectStoppedError extends Error {
  constructor(
    readonly reason: string,
    readonly steps: number,
  ) {
    super(`bisect stopped: ${reason}`);
    this.name = 'BisectStoppedError';
  }
}

const DEFAULT_STEP_TIMEOUT_MS = 10 * 60_000;
/** Git's own work per step (a checkout) gets a generous bound of its own. */
const GIT_STEP_TIMEOUT_MS = 10 * 60_000;
/** Inside `git bisect run` a step is the command plus git's checkout of the next commit: the checkout gets as long again as the command, at most this. */
const GIT_CHECKOUT_ALLOWANCE_MS = 10_000;

export async function bisectBetween(root: string, options: BisectRunOptions, gitOptions: GitOptions = {}): Promise<BisectOutcome> {
  if (!isFullSha(options.good) || !isFullSha(options.bad)) throw new Error('bisectBetween needs full shas');
  const repo = new GitCommand(root, gitOptions);
  const place = bisectPlace(options.label);
  const ours: BisectWorktree = { place };
  const signal = options.signal;
  const bounded = { timeoutMs: GIT_STEP_TIMEOUT_MS, signal };
  try {
    await checked(repo, ['worktree', 'add', '--detach', '--end-of-options', place, options.bad], bounded);
    ours.admin = markBisectWorktree(place);
    const worktree = new GitCommand(place, gitOptions);
    const run = () => runUserCommand(options.command, { cwd: place, timeoutMs: options.stepTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS, signal });
    // Both ends first: a command that cannot tell them apart would "find" a commit that means nothing.
    const onBad = await run();
    stopIfAsked(onBad, 0);
    // switch, not checkout: git 2.39's checkout reads --end-of-options as a path.
    await checked(worktree, ['switch', '--quiet', '--detach', '--end-of-options', options.good], bounded);
    const onGood = await run();
    stopIfAsked(onGood, 0);
    if (verdictOf(onBad) !== 'bad' || verdictOf(onGood) !== 'good')
      return { kind: 'cannot-tell', badExit: exitOf(onBad), goodExit: exitOf(onGood), badOutput: onBad.output, goodOutput: onGood.output };
    // `git bisect start` takes no --end-of-options; the ends are 40-hex shas, which cannot be read as options.
    const answer = parseBisectOutput(await checked(worktree, ['bisect', 'start', options.bad, options.good, '--'], bounded));
    await options.onStart?.(answer.kind === 'next' ? answer.left : 0);
    if (answer.kind === 'found') return { kind: 'found', sha: answer.sha, steps: 0 };
    if (answer.kind === 'ambiguous') return { kind: 'ambiguous', candidates: answer.candidates, steps: 0 };
    return await runSteps(worktree, answer.sha, options);
  } finally {
    await removeBisectWorktree(repo, ours);
  }
}

/**
 * `git bisect run` of a wrapper that runs the user's command (from the
 * environment, so no text of theirs reaches git's arguments) and prints its
 * exit code after a marker: one git process for the whole bisect, as fast as
 * `git bisect run` itself, with each step read from its output as it comes.
 * The per-step time limit and a cancel kill git's process group.
 */
async function runSteps(worktree: GitCommand, firstSha: string, options: BisectRunOptions): Promise<BisectOutcome> {
  const marker = `incident-bisect-exit-${randomBytes(8).toString('hex')}`;
  // When our process is gone (killed, so it could not stop git), exit 255 stops git bisect run at the next step instead of running on unwatched.
  // The command runs in a shell of its own, as on the ends (runUserCommand): its $$ is its own and its $PPID this wrapper, never git.
  const wrapper = `kill -0 "$INCIDENT_BISECT_OWNER" 2>/dev/null || exit 255; sh -c "$INCIDENT_BISECT_COMMAND" </dev/null >/dev/null 2>&1; code=$?; echo "${marker} $code"; exit $code`;
  const stepTimeoutMs = options.stepTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS;
  const stop = new AbortController();
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const startClock = () => {
    clearTimeout(timer);
    timer = setTimeout(() => ((timedOut = true), stop.abort()), stepTimeoutMs + Math.min(stepTimeoutMs, GIT_CHECKOUT_ALLOWANCE_MS));
  };
  // Steps are written in order, each after the one before (onStep writes the timeline).
  let written: Promise<void> = Promise.resolve();
  const reader = new BisectProgressReader(marker, firstSha, (step) => (written = written.then(() => options.onStep?.(step))), startClock);
  startClock();
  let output: GitProcessResult;
  try {
    output = await worktree.runBounded(['bisect', 'run', 'sh', '-c', wrapper], {
      env: { INCIDENT_BISECT_COMMAND: options.command, INCIDENT_BISECT_OWNER: String(process.pid) },
      // The step clock above is the limit that matters; this is only the longest timer node allows.
      timeoutMs: 2 ** 31 - 1,
      signal: options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal,
      onStdout: (chunk) => reader.push(chunk),
      // What the command left running in git's group (it killed git's script, whose helper would run on) ends with git.
      endGroupOnExit: true,
    });
  } catch (error) {
    if (timedOut) throw new BisectStoppedError(`the command ran longer than ${stepTimeoutMs / 1000} s`, reader.done);
    throw error;
  } finally {
    clearTimeout(timer);
  }
  reader.end();
  await written;
  if (reader.lastExit !== undefined && reader.lastExit > 127) throw new BisectStoppedError(`the command exited with ${reader.lastExit} (above 127 stops a bisect)`, reader.done);
  try {
    const answer = parseBisectOutput(output.stdout);
    if (answer.kind === 'found') options.onFound?.(answer.sha);
    if (answer.kind === 'found') return { kind: 'found', sha: answer.sha, steps: reader.done };
    if (answer.kind === 'ambiguous') return { kind: 'ambiguous', candidates: answer.candidates, steps: reader.done };
  } catch {
    // No answer: said below.
  }
  throw new BisectStoppedError(unansweredReason(output), reader.done);
}

/**
 * Why `git bisect run` ended without an answer, in plain words: the only
 * process running besides git's own is the command, so this is the command
 * (or something it ran) killing the shell around it or git bisect. git's own
 * words quote our wrapper; only a last line of theirs that does not is kept.
 */
function unansweredReason(output: GitProcessResult): string {
  // git bisect run's own message when a step's shell ends without an exit code of the command's: it was killed.
  const step = /exit code (\d+) from/.exec(output.stderr);
  if (step) return `the shell running the command was ${endedBy(Number(step[1]))}`;
  if (output.exitCode < 0) return 'git bisect was killed while the command ran';
  if (output.exitCode > 128) return `git bisect was ${endedBy(output.exitCode)} while the command ran`;
  const said = output.stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.includes('INCIDENT_BISECT_'))
    .at(-1);
  return `git bisect run ended without an answer (exit ${output.exitCode})${said ? `: ${said}` : ''}`;
}

/** "ended by SIGKILL" for a shell's exit code 128+n, else the code. */
function endedBy(code: number): string {
  const signal = Object.entries(constants.signals).find(([, number]) => number === code - 128)?.[0];
  return code > 128 && signal ? `ended by ${signal}` : `ended with exit code ${code}`;
}

type ParsedBisect = { kind: 'next'; sha: string; left: number } | { kind: 'found'; sha: string } | { kind: 'ambiguous'; candidates: string[] };

/** What `git bisect start|good|bad|skip` said: the next commit to test, the first bad commit, or the candidates skips left. */
export function parseBisectOutput(output: string): ParsedBisect {
  const found = /^([0-9a-f]{40}) is the first bad commit/m.exec(output);
  if (found) return { kind: 'found', sha: found[1] };
  const anyOf = output.indexOf('could be any of');
  if (anyOf >= 0) return { kind: 'ambiguous', candidates: [...output.slice(anyOf).matchAll(/^([0-9a-f]{40})$/gm)].map((m) => m[1]) };
  const next = /^\[([0-9a-f]{40})\]/m.exec(output);
  const left = /\(roughly (\d+) steps?\)/.exec(output);
  if (next) return { kind: 'next', sha: next[1], left: left ? Number(left[1]) : 0 };
  throw new Error(`git bisect said something unexpected: ${output.trim().split('\n')[0] ?? ''}`);
}

const exitOf = (end: UserCommandEnd) => (end.kind === 'exited' ? end.exitCode : -1);

/** The same reading for the runs on the two ends; a timeout or a signal stops before it matters. */
const verdictOf = (end: UserCommandEnd): BisectVerdict => (end.kind === 'exited' ? verdictOfExit(end.exitCode) : 'bad');

function stopIfAsked(end: UserCommandEnd, steps: number): void {
  if (end.kind === 'timed-out') throw new BisectStoppedError(`the command ran longer than ${end.timeoutMs / 1000} s`, steps);
  if (end.kind === 'signalled') throw new BisectStoppedError(`the shell running the command was ended by ${end.signal}`, steps);
  if (end.exitCode > 127) throw new BisectStoppedError(`the command exited with ${end.exitCode} (above 127 stops a bisect)`, steps);
}

/** Runs git in a folder; a non-zero exit is an error with git's words. */
async function checked(git: GitCommand, args: string[], options: { timeoutMs: number; signal?: AbortSignal }): Promise<string> {
  const result = await git.runBounded(args, options);
  if (result.exitCode !== 0) throw new Error(`git ${args[0]} ${args[1] ?? ''} failed: ${(result.stderr || result.stdout).trim().split('\n')[0]}`);
  return result.stdout;
}
