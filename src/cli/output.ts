/**
 * The one way the command line writes to its standard output and error
 * (outputSafety.test.ts checks no other file of src/cli writes there). Every
 * line passes printableLine once: main() does it for all a verb or an error
 * writes through its `out` and `err`, stderrLine and stdoutPrompt for what is
 * written outside them. So no verb, warning or error message can send a
 * terminal an escape sequence from the record, a file name or an argument.
 */
import { printableLine } from '../core/text/terminalText';

/**
 * The command line's standard output and error. A pipe takes 64 KiB before
 * Node queues the rest, so exiting right after the last write would cut the
 * output short; `finish()` resolves only once everything written has been
 * handed to the OS, or with the error that stopped it (a reader that went
 * away, a full disk), so the command can fail instead of exiting 0.
 */
export class StreamOutput {
  private failure: NodeJS.ErrnoException | undefined;

  constructor(private readonly stream: NodeJS.WritableStream) {
    stream.on('error', (error: NodeJS.ErrnoException) => (this.failure ??= error));
  }

  line(text: string): void {
    if (this.failure) return;
    try {
      this.stream.write(`${text}\n`);
    } catch (error) {
      this.failure ??= error as NodeJS.ErrnoException;
    }
  }

  /** Everything written so far is out, or the reason it could not be. */
  finish(): Promise<NodeJS.ErrnoException | undefined> {
    if (this.failure) return Promise.resolve(this.failure);
    return new Promise((resolve) => {
      const failed = (error: NodeJS.ErrnoException) => resolve(error);
      this.stream.once('error', failed);
      try {
        this.stream.write('', (error) => {
          this.stream.off('error', failed);
          resolve((error as NodeJS.ErrnoException | null | undefined) ?? this.failure);
        });
      } catch (error) {
        resolve(error as NodeJS.ErrnoException);
      }
    });
  }
}

/**
 * One line for a failed output: what happened, in words, and whether the
 * command's change was saved anyway (a responder who retries a `declare`
 * whose id could not be printed would otherwise declare it twice).
 */
export function outputFailure(error: NodeJS.ErrnoException, changedStore = false): string {
  const reason =
    error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED'
      ? 'the program reading the output closed it before all of it was written'
      : error.code === 'ENOSPC'
        ? 'no space left on the device'
        : error.message;
  const saved = changedStore ? '; the change itself is saved, run "incident list" to see it' : '';
  return `incident: could not write the output: ${reason}${error.code ? ` (${error.code})` : ''}${saved}`;
}

/** A line a verb cannot hand to its context's `err` (a plan or runbook warning from deep in a read), on stderr, controls shown. */
export function stderrLine(text: string): void {
  process.stderr.write(`${printableLine(text)}\n`);
}

/** A question asked on stdout, the answer typed after it on the same line (triage), controls shown. */
export function stdoutPrompt(text: string): void {
  process.stdout.write(printableLine(text));
}

/** Lines for main() when it is called without writers: the process's streams (main() has shown each line's controls already). */
export const processLines = { out: (line: string) => process.stdout.write(`${line}\n`), err: (line: string) => process.stderr.write(`${line}\n`) };
