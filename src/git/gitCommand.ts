/**
 * The one place that starts git. Every call goes through simple-git's raw()
 * with an argument array we built (never a shell string), and every failure
 * comes back as one of the typed errors in errors.ts.
 */
import { existsSync, statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { GitPluginError, simpleGit, type SimpleGit, type SimpleGitOptions } from 'simple-git';
import { GitCommandError, GitNotFoundError, NotARepositoryError } from './errors';
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

  private create(extra: Partial<SimpleGitOptions> = {}): SimpleGit {
    if (!existsSync(this.folder) || !statSync(this.folder).isDirectory()) throw new NotARepositoryError(this.folder);
    // simple-git refuses binary paths with spaces ("C:\Program Files\Git\cmd\git.exe",
    // which is what VS Code's git.path often holds). It spawns without a shell, so an
    // absolute path is safe to allow; a bare name still gets simple-git's check.
    const allowUnsafeCustomBinary = isAbsolute(this.gitPath);
    try {
      return simpleGit({ baseDir: this.folder, binary: this.gitPath, unsafe: { allowUnsafeCustomBinary }, ...extra });
    } catch (error) {
      throw new GitNotFoundError(this.gitPath, errorMessage(error));
    }
  }

  private translate(args: readonly string[], error: unknown): Error {
    const message = errorMessage(error);
    if (/\bspawn\b.*\b(ENOENT|EACCES|ENOTDIR)\b/.test(message)) return new GitNotFoundError(this.gitPath, message.split('\n')[0]);
    if (/not a git repository/i.test(message)) return new NotARepositoryError(this.folder);
    if (error instanceof GitPluginError && error.plugin === 'abort') return Object.assign(new Error('git was cancelled'), { name: 'AbortError' });
    return new GitCommandError(args[0] ?? '', message);
  }
}
