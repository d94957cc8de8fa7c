/**
 * Runs a command line the user typed (the test that tells a good commit from
 * a bad one in a bisect): it IS a shell command, so it runs with `shell: true`,
 * in a process group of its own, so a time limit or a cancel ends it and
 * everything it started (a test runner's workers), not just the shell.
 */
import { spawn } from 'node:child_process';
import { cancelledError } from './gitProcess';

type CommandEnd = { kind: 'exited'; exitCode: number } | { kind: 'signalled'; signal: string } | { kind: 'timed-out'; timeoutMs: number };
export type UserCommandEnd = CommandEnd & {
  /** The end of what it printed (stdout and stderr as they came), for a person to see why it failed. */
  output: string;
};

/** How much of the command's output is kept: its last lines are where a test runner says what failed. */
export const OUTPUT_TAIL_CHARS = 4_000;

export interface UserCommandOptions {
  cwd: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Variables that would point git, inside the command, at another repository than the folder it runs in. */
const REPOSITORY_VARIABLES = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_COMMON_DIR', 'GIT_OBJECT_DIRECTORY', 'GIT_ALTERNATE_OBJECT_DIRECTORIES', 'GIT_NAMESPACE'];

/** How the command ended; rejects (AbortError) only when cancelled, after the process group is killed. */
export function runUserCommand(command: string, options: UserCommandOptions): Promise<UserCommandEnd> {
  if (options.signal?.aborted) return Promise.reject(cancelledError());
  const env = { ...process.env };
  for (const name of REPOSITORY_VARIABLES) delete env[name];
  const group = process.platform !== 'win32';
  return new Promise((resolve, reject) => {
    const child = spawn(command, { cwd: options.cwd, env, shell: true, stdio: ['ignore', 'pipe', 'pipe'], detached: group, windowsHide: true });
    let output = '';
    const keep = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let stopped: 'timeout' | 'cancel' | undefined;
    const kill = (why: 'timeout' | 'cancel') => {
      stopped ??= why;
      try {
        if (group && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => kill('timeout'), options.timeoutMs);
    const onAbort = () => kill('cancel');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const finish = (end: CommandEnd | Error) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (end instanceof Error) reject(end);
      else resolve({ ...end, output });
    };
    child.on('error', (error) => finish(error));
    child.on('close', (code, signal) => {
      if (stopped === 'cancel') return finish(cancelledError());
      if (stopped === 'timeout') return finish({ kind: 'timed-out', timeoutMs: options.timeoutMs });
      finish(code === null ? { kind: 'signalled', signal: signal ?? 'a signal' } : { kind: 'exited', exitCode: code });
    });
  });
}
