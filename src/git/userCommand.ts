/**
 * Runs a command line the user typed (the test that tells a good commit from
 * a bad one in a bisect): it IS a shell command, so it runs with `shell: true`,
 * in a process group of its own, so a time limit or a cancel ends it and
 * everything it started (a test runner's workers), not just the shell; what
 * it leaves running is ended with it.
 *
 * It runs in a shell of its own under one of ours, as each step does inside
 * `git bisect run` (src/git/bisectRun.ts): its `$PPID` is that shell, never
 * this process, so a command that kills its parent stops the bisect (our
 * shell ends by a signal) instead of killing the extension or the CLI.
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

/** Our shell: runs the command ("$1") in a shell of its own; the `exit` after it keeps a shell that execs its last command from giving the command our process. */
const OUR_SHELL = 'sh -c "$1"; exit $?';

/** Variables that would point git, inside the command, at another repository than the folder it runs in. */
const REPOSITORY_VARIABLES = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_COMMON_DIR', 'GIT_OBJECT_DIRECTORY', 'GIT_ALTERNATE_OBJECT_DIRECTORIES', 'GIT_NAMESPACE'];

/** How the command ended; rejects (AbortError) only when cancelled, after the process group is killed. */
export function runUserCommand(command: string, options: UserCommandOptions): Promise<UserCommandEnd> {
  if (options.signal?.aborted) return Promise.reject(cancelledError());
  const env = { ...process.env };
  for (const name of REPOSITORY_VARIABLES) delete env[name];
  const group = process.platform !== 'win32';
  return new Promise((resolve, reject) => {
    const stdio: ['ignore', 'pipe', 'pipe'] = ['ignore', 'pipe', 'pipe'];
    const child = group
      ? spawn('/bin/sh', ['-c', OUR_SHELL, 'sh', command], { cwd: options.cwd, env, stdio, detached: true })
      : spawn(command, { cwd: options.cwd, env, shell: true, stdio, windowsHide: true });
    let output = '';
    const keep = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let stopped: 'timeout' | 'cancel' | undefined;
    const killGroup = () => {
      try {
        if (group && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const kill = (why: 'timeout' | 'cancel') => {
      stopped ??= why;
      killGroup();
    };
    // Our shell has ended: what the command left behind (holding the output open, or orphaned when it killed our shell) goes too.
    if (group) child.on('exit', killGroup);
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
