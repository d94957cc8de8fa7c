/**
 * Starts one git process and collects what it says: the only place the
 * extension and the CLI start git, always for GitCommand (which decides the
 * arguments, the environment and what a failure means). Output is complete when this settles: it waits for git's
 * streams to close, never a fixed time after exit, and a process that says
 * nothing costs nothing extra.
 */
import { spawn } from 'node:child_process';
import { errorMessage } from '../core/record/errors';
import { GitNotFoundError, GitTimeoutError } from './errors';

export interface GitProcessOptions {
  gitPath: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Written to stdin, which is then closed; without it stdin is closed from the start. */
  input?: string | Buffer;
  signal?: AbortSignal;
  /** Hard limit: git (and with `group`, everything it started) is killed when it passes (GitTimeoutError). */
  timeoutMs?: number;
  /**
   * Git leads a process group of its own and a timeout or cancel kills the whole
   * group: for commands that talk to a remote, whose ssh or http helper would
   * otherwise live on. Not on Windows, where helpers end when their pipes close.
   */
  group?: boolean;
  /** With `group`: once git exits, what is left in its group is killed too, so nothing it started outlives it. */
  endGroupOnExit?: boolean;
  /** Each piece of stdout as it arrives (it is still collected): for progress from a long command such as `git bisect run`. */
  onStdout?: (chunk: Buffer) => void;
}

/** How a git process ended: the exit code with both streams, so callers can read git's verdict on failure too. */
export interface GitProcessResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** The same, with stdout as git wrote it (object contents, whose sizes git gives in bytes). */
export interface GitProcessBytes extends Omit<GitProcessResult, 'stdout'> {
  stdout: Buffer;
}

/** How long the output streams may stay open after git has exited (a helper git left behind, an ssh ControlPersist master, can hold them). */
const STREAM_GRACE_MS = 250;

/** Kills what is left of a process group whose leader has exited; an empty group is already gone. */
function endGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Nothing left.
  }
}

export const cancelledError = (): Error => Object.assign(new Error('git was cancelled'), { name: 'AbortError' });

/** Runs git to the end. Rejects only when it could not start (GitNotFoundError), timed out (GitTimeoutError) or was cancelled (AbortError). */
export function runGitProcess(args: readonly string[], options: GitProcessOptions): Promise<GitProcessBytes> {
  const { input, signal, timeoutMs } = options;
  if (signal?.aborted) return Promise.reject(cancelledError());
  const group = options.group === true && process.platform !== 'win32';
  return new Promise((resolve, reject) => {
    const child = spawn(options.gitPath, [...args], {
      cwd: options.cwd,
      env: options.env,
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      detached: group,
      windowsHide: true,
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let ended: Error | undefined;
    let exited = false;
    const kill = (reason: Error) => {
      if (exited) return; // finished just in time: its result stands
      ended ??= reason;
      try {
        if (group && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        else child.kill(group ? 'SIGKILL' : 'SIGTERM');
      } catch {
        // Already gone.
      }
    };
    const timer = timeoutMs === undefined ? undefined : setTimeout(() => kill(new GitTimeoutError(args[0] ?? '', timeoutMs)), timeoutMs);
    const onAbort = () => kill(cancelledError());
    signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout.push(chunk);
      options.onStdout?.(chunk);
    });
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error) => {
      ended ??= new GitNotFoundError(options.gitPath, errorMessage(error));
      finish(null);
    });
    if (input !== undefined && child.stdin) {
      // git may exit before reading all of it (an error, or --batch stopping early): that is its answer, not ours to report.
      child.stdin.on('error', () => undefined);
      child.stdin.end(input);
    }
    let finished = false;
    function finish(code: number | null) {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (ended) reject(ended);
      else resolve({ exitCode: code ?? -1, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr).toString('utf8') });
    }
    // 'close' comes once the streams have ended too, so the output is complete.
    child.on('close', finish);
    child.on('exit', (code) => {
      exited = true;
      if (group && options.endGroupOnExit && child.pid !== undefined) endGroup(child.pid);
      setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
        finish(code);
      }, STREAM_GRACE_MS);
    });
  });
}
