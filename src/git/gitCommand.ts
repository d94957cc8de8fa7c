/**
 * The one place that decides how git runs: every git process of the extension
 * and the CLI starts here, from an argument array we built (never a shell
 * string), at most six at once per GitCommand.
 * - run(): an environment without the caller's GIT_* variables (they would
 *   point git at another repository or change what it does), git's refusal of
 *   abbreviated options, and simple-git's argument guard (@simple-git/argv-parser:
 *   no core.sshCommand, --upload-pack and the like; a call may name the one
 *   kind it needs, as the merge driver does to set its own command). Every
 *   failure comes back as one of the typed errors in errors.ts.
 * - runBounded(), for fetch, push and bisect: a hard time limit that kills git's
 *   whole process group; the user's GIT_SSH_COMMAND, proxies and certificates
 *   kept, only what points git at another repository dropped; a non-zero exit
 *   is a result.
 */
import { existsSync, statSync } from 'node:fs';
import { isGitEnvKey, vulnerabilityCheck, type VulnerabilityCategory } from '@simple-git/argv-parser';
import { GitCommandError, NotARepositoryError } from './errors';
import { cancelledError, runGitProcess, type GitProcessBytes, type GitProcessOptions, type GitProcessResult } from './gitProcess';
import { countGitProcesses } from './processCount';

export type { GitProcessResult } from './gitProcess';

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
  input?: string | Buffer;
  /**
   * What the argument guard may let through for this call: only for a setting
   * whose value is a command we built from our own paths, never from user text
   * (the merge driver's `merge.incidents.driver`, allowUnsafeMergeDriver).
   */
  allow?: readonly VulnerabilityCategory[];
}

export interface BoundedRunOptions extends RunOptions {
  /** Added to (and overriding) this process's environment. */
  env?: Readonly<Record<string, string>>;
  /** Hard limit: git and every process it started are killed when it passes (GitTimeoutError). */
  timeoutMs: number;
  /** stdout as it arrives, for progress. */
  onStdout?: (chunk: Buffer) => void;
  /** Once git exits, whatever is left in its process group is killed too (a bisect step's command whose git parent was killed). */
  endGroupOnExit?: boolean;
}

/** Git processes one GitCommand runs at once; more wait their turn (a view asking about a thousand incidents starts a few at a time). */
const MAX_CONCURRENT = 6;

export class GitCommand {
  readonly gitPath: string;

  constructor(
    readonly folder: string,
    options: GitOptions = {},
  ) {
    this.gitPath = options.gitPath?.trim() || 'git';
  }

  async run(args: readonly string[], options: RunWithInput = {}): Promise<string> {
    return (await this.runForBytes(args, options)).toString('utf8');
  }

  /** run() with the output as git wrote it: for object contents, whose sizes git gives in bytes. */
  async runForBytes(args: readonly string[], options: RunWithInput = {}): Promise<Buffer> {
    const { signal, input, allow = [] } = options;
    const unsafe = vulnerabilityCheck([...args], {}).filter((found) => !allow.includes(found.category));
    if (unsafe.length) throw new GitCommandError(args[0] ?? '', `refused: ${unsafe[0].message}`);
    const result = await this.start(args, { env: localEnvironment(), input, signal });
    // A failure is a non-zero exit with something on stderr. Some commands answer
    // "no" by exit code alone (`config --get` of an unset key, `merge-base
    // --is-ancestor`): that is their output, empty, as simple-git had it.
    if (result.exitCode === 0 || !result.stderr.trim()) return result.stdout;
    if (/not a git repository/i.test(result.stderr)) throw new NotARepositoryError(this.folder);
    throw new GitCommandError(args[0] ?? '', result.stderr);
  }

  /**
   * Runs git with a hard time limit and stdin closed, for commands that talk to
   * a remote. Git leads a process group of its own, so a timeout or a cancel
   * kills the whole group (git-remote-http, ssh). A non-zero exit is a result,
   * not an error: push --porcelain reports a rejected ref on stdout with exit
   * code 1. The environment keeps the user's GIT_SSH_COMMAND, proxies and
   * certificates; only the variables that point git at another repository go.
   */
  async runBounded(args: readonly string[], options: BoundedRunOptions): Promise<GitProcessResult> {
    const { timeoutMs, signal, onStdout, endGroupOnExit } = options;
    const result = await this.start(args, { env: boundedEnvironment(options.env), timeoutMs, signal, onStdout, group: true, endGroupOnExit });
    return { ...result, stdout: result.stdout.toString('utf8') };
  }

  private running = 0;
  private readonly waiting: Array<() => void> = [];

  private async start(
    args: readonly string[],
    options: Pick<GitProcessOptions, 'env' | 'input' | 'signal' | 'timeoutMs' | 'group' | 'endGroupOnExit' | 'onStdout'>,
  ): Promise<GitProcessBytes> {
    if (!existsSync(this.folder) || !statSync(this.folder).isDirectory()) throw new NotARepositoryError(this.folder);
    if (this.running >= MAX_CONCURRENT) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      if (options.signal?.aborted) throw cancelledError();
      countGitProcesses();
      return await runGitProcess(args, { gitPath: this.gitPath, cwd: this.folder, ...options });
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}

/**
 * This process's environment without what could change which repository git
 * works on or what it runs: every GIT_* variable (GIT_DIR in a hook, a
 * GIT_CONFIG_* override) and the few others git reads (EDITOR, PAGER,
 * SSH_ASKPASS...); git refuses abbreviated options. The same set simple-git's
 * environment guard removes, so local commands behave as they did when
 * simple-git ran them.
 */
function localEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    const key = name.toLowerCase().trim();
    if (!key.startsWith('git_') && !isGitEnvKey(key)) env[name] = value;
  }
  env.GIT_TEST_DISALLOW_ABBREVIATED_OPTIONS = 'true';
  return env;
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
