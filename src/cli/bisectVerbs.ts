/**
 * `incident bisect`: git bisect between the incident's last good and bad
 * deploys in a temporary worktree (src/workflows/bisect.ts), progress on
 * stderr, the result on stdout. Exit codes beyond main's: 4 the command does
 * not tell good from bad (it passed on the bad end or failed on the good one;
 * nothing is linked), 5 the bisect stopped (the command exited above 127, was
 * killed, killed the shell running it, its process group or git bisect, or ran
 * past --step-timeout; the worktree is removed first), 130/143 ended by Ctrl+C
 * / SIGTERM (the worktree is removed first).
 */
import { terminalText } from '../core/text/terminalText';
import { InvalidRevisionError } from '../git/errors';
import { BisectStoppedError } from '../git/bisectRun';
import { GitRepository } from '../git/gitRepository';
import { bisectIncident, CANNOT_TELL, type BisectResult } from '../workflows/bisect';
import { NoSuspectRangeError } from '../workflows/suspects';
import { UsageError, VerbExit } from './cliContext';
import { findIncident, loaded, type Verb, verbArguments } from './verbSupport';

const short = (sha: string) => sha.slice(0, 8);
const shown = (text: string) => terminalText(text, { oneLine: true });
const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;
type StopSignal = keyof typeof SIGNAL_EXIT_CODES;

export const BISECT_VERBS: Record<string, Verb> = {
  bisect: {
    summary: 'find the first bad commit between the last good and the bad deploy with git bisect (in a temporary worktree) and link it as the cause',
    usage:
      'incident bisect ID --run "CMD" [--good REV] [--bad REV] [--step-timeout SECONDS] [--json]   (CMD exits 0 on a good commit, 125 to skip, 1–127 on a bad one; exit 4: CMD does not tell good from bad, 5: the bisect stopped)',
    async run(args, { store, now, author, out, err }) {
      const { values, positionals } = verbArguments(args, {
        run: { type: 'string' },
        good: { type: 'string' },
        bad: { type: 'string' },
        'step-timeout': { type: 'string' },
        json: { type: 'boolean', default: false },
      });
      const incident = findIncident(store, positionals[0]);
      const command = values.run?.trim();
      if (!command) throw new UsageError('--run "CMD" is required: a command that fails on a bad commit and succeeds on a good one');
      const seconds = values['step-timeout'] === undefined ? undefined : Number(values['step-timeout']);
      if (seconds !== undefined && !(Number.isFinite(seconds) && seconds > 0))
        throw new UsageError(`--step-timeout must be a positive number of seconds (got "${values['step-timeout']}")`);
      const progress = err ?? (() => undefined);
      // Ctrl+C or a kill: cancel, let the workflow remove the worktree and say so on the timeline, then end.
      const abort = new AbortController();
      let signalled: StopSignal | undefined;
      const onSignal = (signal: NodeJS.Signals) => {
        signalled = signal as StopSignal;
        progress(`bisect: ${signal}: stopping and removing the worktree…`);
        abort.abort();
      };
      for (const signal of Object.keys(SIGNAL_EXIT_CODES)) process.on(signal, onSignal);
      let result: BisectResult;
      try {
        result = await bisectIncident(
          new GitRepository(store.root),
          incident,
          loaded(store).deploys,
          {
            command,
            good: values.good,
            bad: values.bad,
            stepTimeoutMs: seconds === undefined ? undefined : seconds * 1000,
            signal: abort.signal,
            linkCause: true,
            onProgress: ({ done, left, step }) =>
              progress(step ? `bisect: step ${done}, roughly ${left} left: ${short(step.sha)} ${step.verdict} (exit ${step.exitCode})` : `bisect: roughly ${left} step(s) to go`),
          },
          (id, change) => store.update(id, (current) => change(current, { at: now(), author })),
        );
      } catch (error) {
        if (signalled) throw new VerbExit(`bisect stopped by ${signalled}; the worktree was removed`, SIGNAL_EXIT_CODES[signalled]);
        if (error instanceof BisectStoppedError) throw new VerbExit(error.message, 5);
        if (error instanceof InvalidRevisionError || error instanceof NoSuspectRangeError) throw new UsageError(error.message);
        throw error;
      } finally {
        for (const signal of Object.keys(SIGNAL_EXIT_CODES)) process.off(signal, onSignal);
      }
      if (values.json) out(JSON.stringify({ incident: incident.id, ...result }, null, 2));
      else for (const line of resultLines(incident.id, result)) out(line);
      if (result.kind === 'cannot-tell') {
        // What the command printed on each end says why it did not tell them apart (a missing tool, a typo).
        for (const [end, output] of [
          ['bad', result.badOutput],
          ['good', result.goodOutput],
        ] as const)
          if (output.trim()) progress(`bisect: the command's last output on the ${end} end:\n${indented(output)}`);
      }
      if (result.kind === 'cannot-tell') throw new VerbExit(`${CANNOT_TELL} (exit ${result.badExit} on the bad end, ${result.goodExit} on the good one); nothing was linked`, 4);
    },
  },
};

/** The command's output under a heading, terminal-safe, each line indented. */
const indented = (output: string) =>
  terminalText(output.trimEnd())
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');

function resultLines(id: string, result: BisectResult): string[] {
  switch (result.kind) {
    case 'found':
      return [
        `${result.commit.sha} is the first bad commit in ${result.rangeText} (${result.steps} step(s))`,
        `  ${shown(result.commit.subject)}  (${shown(result.commit.author)})`,
        `Linked ${short(result.commit.sha)} to ${id} as the cause.`,
      ];
    case 'ambiguous':
      return [
        `Skipped commits leave ${result.candidates.length} candidates for the first bad commit in ${result.rangeText}; nothing was linked:`,
        ...result.candidates.map((commit) => `${commit.sha}  ${shown(commit.subject)}`),
      ];
    case 'cannot-tell':
      return [`${CANNOT_TELL} in ${result.rangeText}: it exited ${result.badExit} on the bad end and ${result.goodExit} on the good one.`];
  }
}
