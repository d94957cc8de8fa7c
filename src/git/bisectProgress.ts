/**
 * Reads `git bisect run`'s stdout as it arrives and turns it into steps. Our
 * wrapper around the user's command prints `<marker> <exit code>` after each
 * run (the marker has a random part, so the command's own output, which is
 * thrown away anyway, could not fake one); git then prints the next commit,
 * "Bisecting: N revisions left to test after this (roughly K steps)", or the
 * answer. A step is reported once git has said how many are left.
 */
import type { BisectStep, BisectVerdict } from './bisectRun';

/** git bisect run's reading of an exit code: 0 good, 125 skip, 1–127 bad (above 127 stops the bisect). */
export const verdictOfExit = (code: number): BisectVerdict => (code === 0 ? 'good' : code === 125 ? 'skip' : 'bad');

export class BisectProgressReader {
  private text = '';
  private current: string;
  private pending: { sha: string; exitCode: number } | undefined;
  /** Steps whose verdict git took (an exit code above 127 is not one). */
  done = 0;
  /** The last exit code the command gave, for a stop above 127. */
  lastExit: number | undefined;

  constructor(
    private readonly marker: string,
    firstSha: string,
    /** A step ended with its verdict; `left` is git's estimate after it. */
    private readonly onStep: (step: BisectStep) => void,
    /** The command finished a run (the per-step time limit starts again). */
    private readonly onRunEnded: () => void,
  ) {
    this.current = firstSha;
  }

  push(chunk: Buffer): void {
    this.text += chunk.toString('utf8');
    const lines = this.text.split('\n');
    this.text = lines.pop() ?? '';
    for (const line of lines) this.line(line);
  }

  /** At the end: a step git answered without a "Bisecting:" line (the first bad commit, the candidates). */
  end(): void {
    if (this.text) this.line(this.text);
    this.text = '';
    this.flush(0);
  }

  private line(line: string): void {
    if (line.startsWith(`${this.marker} `)) {
      const exitCode = Number(line.slice(this.marker.length + 1));
      this.lastExit = exitCode;
      this.onRunEnded();
      if (exitCode <= 127) this.pending = { sha: this.current, exitCode };
      return;
    }
    const left = /^Bisecting: .*\(roughly (\d+) steps?\)/.exec(line);
    if (left) return this.flush(Number(left[1]));
    const next = /^\[([0-9a-f]{40})\]/.exec(line);
    if (next) this.current = next[1];
  }

  private flush(left: number): void {
    if (!this.pending) return;
    const { sha, exitCode } = this.pending;
    this.pending = undefined;
    this.done++;
    this.onStep({ sha, verdict: verdictOfExit(exitCode), exitCode, done: this.done, left });
  }
}
