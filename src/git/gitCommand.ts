/**
 * The one place that starts git. Every call goes through simple-git's raw()
 * with an argument array we built (never a shell string), and every failure
 * comes back as one of the typed errors in errors.ts. The exception is
 * runBounded() for commands that talk to a remote (see there).
 */
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { GitPluginError, simpleGit, type SimpleGit, type SimpleGitOptions } from 'simple-git';
import { GitCommandError, GitNotFoundError, GitTimeoutError, NotARepositoryError } from './errors';
import { countGitProcesses } from './processCount';
import { errorMessage } from '../core/errors';

export interface GitOptions {
  /** The git binary (VS Code's `git.path` setting); default: `git` on PATH. */
  gitPath?: string;
}

export interface RunOptions {
  /** Cancels a long command (a scan behind a progress notification with a Cancel button). */
  signal?: AbortSignal;
}

interface RunWithInput extends RunOptions {
  /** Written to git's stdin: how user text reaches git as pure data (cat-file --batch-check). */
  input?: string;
}

export interface BoundedRunOptions extends RunOptions {
  /** Added to (and overriding) this process's environment. */
  env?: Readonly<Record<string, string>>;
  /** Hard limit: git and every process it started are killed when it passes (GitTimeoutError). */
  timeoutMs: number;
}

/** How a bounded run ended: the exit code with both streams, so callers can read git's verdict on failure too. */
export interface GitProcessResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export class GitCommand {
  readonly gitPath: string;
  private git: SimpleGit | undefined;

  constructor(
    readonly folder: string,
    options: GitOptions = {},
  ) {
    this.gitPath = options.gitPath?.trim() || 'git';
  }

  async run(args: readonly string[], options: RunWithInput = {}): Promise<string> {
    const { signal, input } = options;
    const scoped: Partial<SimpleGitOptions> = { ...(signal && { abort: signal }), ...(input !== undefined && { input: () => input }) };
    const git = signal || input !== undefined ? this.create(scoped) : (this.git ??= this.create());
    countGitProcesses();
    try {
      return await git.raw([...args]);
    } catch (error) {
      throw this.translate(args, error);
    }
  }

  /**
   * Runs git with a hard time limit and stdin closed, for commands that talk to
   * a remote. Not through simple-git: its abort sends SIGINT to git alone, which
   * leaves git-remote-http or ssh behind, and it has no time limit of its own.
   * Here git leads a process group of its own, so a timeout or a cancel kills
   * the whole group (on Windows only git itself: its helpers end when their
   * pipes close). A non-zero exit is a result, not an error: push --porcelain
   * reports a rejected ref on stdout with exit code 1.
   */
  runBounded(args: readonly string[], options: BoundedRunOptions): Promise<GitProcessResult> {
    const { env, timeoutMs, signal } = options;
    if (!existsSync(this.folder) || !statSync(this.folder).isDirectory()) return Promise.reject(new NotARepositoryError(this.folder));
    if (signal?.aborted) return Promise.reject(cancelled());
    countGitProcesses();
    const groupLeader = process.platform !== 'win32';
    return new Promise((resolve, reject) => {
      const child = spawn(this.gitPath, [...args], { cwd: this.folder, env: boundedEnvironment(env), stdio: ['ignore', 'pipe', 'pipe'], detached: groupLeader, windowsHide: true });
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      let ended: Error | undefined;
      let exited = false;
      const kill = (reason: Error) => {
        if (exited) return; // finished just in time: its result stands
        ended ??= reason;
        try {
          if (groupLeader && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
          else child.kill('SIGKILL');
        } catch {
          // Already gone.
        }
      };
      const timer = setTimeout(() => kill(new GitTimeoutError(args[0] ?? '', timeoutMs)), timeoutMs);
      const onAbort = () => kill(cancelled());
      signal?.addEventListener('abort', onAbort, { once: true });
      child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
      child.on('error', (error) => {
        ended ??= new GitNotFoundError(this.gitPath, errorMessage(error));
      });
      let finished = false;
      const finish = (code: number | null) => {
        if (finished) return;
        finished = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        if (ended) reject(ended);
        else resolve({ exitCode: code ?? -1, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') });
      };
      // 'close' comes once the streams have ended too, so the output is complete. A
      // process git left behind can hold them open (an ssh ControlPersist master
      // inherits stderr), so once git itself has exited, it gets a moment, no more.
      child.on('close', finish);
      child.on('exit', (code) => {
        exited = true;
        setTimeout(() => {
          child.stdout.destroy();
          child.stderr.destroy();
          finish(code);
        }, STREAM_GRACE_MS);
      });
    });
  }

  private create(extra: Partial<SimpleGitOptions> = {}): SimpleGit {
    if (!existsSync(this.folder) || !statSync(this.folder).isDirectory()) throw new NotARepositoryError(this.folder);
    // simple-git refuses binary paths with spaces ("C:\Program Files\Git\cmd\git.exe",
    // which is what VS Code's git.path often holds). It spawns without a shell, so an
    // absolute path is safe to allow; a bare name still gets simple-git's check.
    const allowUnsafeCustomBinary = isAbsolute(this.gitPath);
    try {
      // completion: simple-git by default settles 50 ms after git exits even when the output
      // has not all been read, which on a busy machine hands back empty or cut output
      // (an empty `git remote`, no sha from commit-tree). Wait for the streams to close.
      return simpleGit({ baseDir: this.folder, binary: this.gitPath, unsafe: { allowUnsafeCustomBinary }, completion: { onClose: true, onExit: false }, ...extra });
    } catch (error) {
      throw new GitNotFoundError(this.gitPath, errorMessage(error));
    }
  }

  private translate(args: readonly string[], error: unknown): Error {
    const message = errorMessage(error);
    if (/\bspawn\b.*\b(ENOENT|EACCES|ENOTDIR)\b/.test(message)) return new GitNotFoundError(this.gitPath, message.split('\n')[0]);
    if (/not a git repository/i.test(message)) return new NotARepositoryError(this.folder);
    if (error instanceof GitPluginError && error.plugin === 'abort') return cancelled();
    return new GitCommandError(args[0] ?? '', message);
  }
}

/**
 * This process's environment plus `extra`, less the variables that point git at
 * another repository than `folder` (set when we run inside a git hook). The
 * rest stays: proxies, certificates, the user's GIT_SSH_COMMAND.
 */
function boundedEnvironment(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_COMMON_DIR', 'GIT_OBJECT_DIRECTORY', 'GIT_ALTERNATE_OBJECT_DIRECTORIES', 'GIT_NAMESPACE'])
    delete env[name];
  return env;
}

/** How long the output streams may stay open after git has exited. */
const STREAM_GRACE_MS = 250;

const cancelled = (): Error => Object.assign(new Error('git was cancelled'), { name: 'AbortError' });
