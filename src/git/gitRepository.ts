/**
 * One git work tree, as the UI and the CLI need it: commit lookups, ranges for
 * suspect commits, the incident-reference scan, and committing the incident
 * log. Plain data in and out; the caller writes the store.
 *
 * Safety: a revision that came from a user, a webview or a file is shape-checked
 * (revisionText.ts), then resolved to a commit by `git cat-file --batch-check`
 * reading `<rev>^{commit}` on stdin (see resolveMany); only the 40-hex sha that
 * comes back is ever put on a command line, and still after `--end-of-options`.
 * Paths go after `--` as `:(literal)` pathspecs. Nothing a user typed is ever
 * where git reads options: the argument guard GitCommand applies (simple-git's)
 * still lets `--output=<file>` through.
 */
import type { CommitSummary } from '../core/code/commitSummary';
import { DEFAULT_STORE_FOLDER } from '../core/record/storePath';
import { GitCommand, type GitOptions, type RunOptions } from './gitCommand';
import { readIdentity, readTopLevel, type GitIdentity } from './identity';
import { GitCommandError, InvalidRevisionError, NotARepositoryError } from './errors';
import { COMMIT_SUMMARY_FORMAT, COMMIT_WITH_FILES_FORMAT, LOG, isoFromUnixSeconds, parseCommitSummaries, parseCommitsWithFiles, type CommitWithFiles } from './logRecords';
import { parseReferenceLog, REFERENCE_LOG_FORMAT, referenceGrepArgs, type ReferencingCommit } from './referenceLog';
import { checkRepositoryPath, checkRevisionText, isFullSha, literalPathspec } from './revisionText';
import { parseChangedFiles, type ChangedFile } from './changedFiles';
import { isMissingPath, lineRangeArguments, linesByFile, parseShas, type EvidenceLine } from './lineHistory';

export type { GitIdentity } from './identity';

export interface AuthorActivity {
  /** "Name <email>", after .mailmap */
  author: string;
  /** Commits in the window looked at. */
  commits: number;
  lastCommitAt: string;
}

export interface ReferenceScanOptions extends RunOptions {
  /** Compiled extra patterns (compileReferencePatterns in core/code/references). */
  extraPatterns?: readonly RegExp[];
  /**
   * Commits already scanned (the `head` of earlier scans, e.g. one per branch):
   * only commits reachable from HEAD and from none of these are read. Empty or
   * absent: a full scan.
   */
  since?: readonly string[];
}

export interface ReferenceScan {
  /** HEAD when the scan ran: remember it and pass it as `since` next time. Undefined in an empty repository. */
  head: string | undefined;
  /** True when the whole history was read (asked for, or every remembered commit was gone). */
  full: boolean;
  /** Newest first. */
  commits: ReferencingCommit[];
}

export interface CommitChanges {
  sha: string;
  /** The first parent, or undefined for a root commit (diff against the empty tree). */
  parent: string | undefined;
  files: ChangedFile[];
}

export interface CommitRangeOptions extends RunOptions {
  /** How many of the newest commits to list with their fields. */
  newest: number;
  /** Paths whose touching commits are all listed, with the files under those paths. */
  onlyPaths?: readonly string[];
}

export interface CommitRange {
  /** The newest commits of the range, newest first; `files` is empty (not asked for). */
  newest: CommitWithFiles[];
  /** The range holds more commits than `newest`. */
  more: boolean;
  /** Every commit of the range that touched one of the paths (merges excepted), newest first, with those files. */
  touching: CommitWithFiles[];
}

/**
 * Files touched under the pathspecs. --no-renames: a rename counts as both
 * paths, which is what matching evidence wants, and skips rename detection;
 * --full-history: without it git may skip a side branch that touched a path.
 */
const TOUCHED_FILES = ['--name-only', '--no-renames', '--full-history', '--no-follow'];

const MAX_REMEMBERED_COMMITS = 32;

/**
 * What a store writer leaves in the folder for a moment (its lock with the
 * owner file, a lock moved aside, a temp file): never part of the incident log.
 * Fixed patterns under a folder already checked to hold plain characters only.
 */
const transientFilesOf = (dir: string) => [`:(exclude,glob)${dir}/**/*.lock/**`, `:(exclude,glob)${dir}/**/*.lock.stale-*/**`, `:(exclude,glob)${dir}/**/*.tmp`];

export class GitRepository {
  private readonly git: GitCommand;

  constructor(
    readonly root: string,
    options: GitOptions = {},
  ) {
    this.git = new GitCommand(root, options);
  }

  /** The work tree's top-level folder; NotARepositoryError outside one. */
  topLevel(): Promise<string> {
    return readTopLevel(this.git);
  }

  /**
   * A path inside the repository's git directory (worktree-aware), for state
   * that belongs to this clone and must never be committed. `name` is ours,
   * never a user's.
   */
  async privatePath(name: string): Promise<string> {
    const path = (await this.git.run(['rev-parse', '--path-format=absolute', '--git-path', name])).trim();
    if (!path) throw new NotARepositoryError(this.root);
    return path;
  }

  /** HEAD's sha, or undefined before the first commit. */
  async head(): Promise<string | undefined> {
    return (await this.resolveMany(['HEAD']))[0];
  }

  /** The full sha a revision names, or InvalidRevisionError; the only door for user revisions. */
  async resolveSha(revision: string): Promise<string> {
    const [sha] = await this.resolveShas([revision]);
    return sha;
  }

  /** resolveSha for several revisions in one git process. */
  async resolveShas(revisions: readonly string[]): Promise<string[]> {
    const texts = revisions.map(checkRevisionText);
    const shas = await this.resolveMany(texts);
    return shas.map((sha, i) => {
      if (!sha) throw new InvalidRevisionError(revisions[i], 'no such commit in this repository');
      return sha;
    });
  }

  /** Resolves a sha (full or abbreviated), branch, tag or HEAD to the commit it names. */
  async resolveCommit(revision: string): Promise<CommitSummary> {
    const sha = await this.resolveSha(revision);
    return parseCommitSummaries(await this.git.run([...LOG, '-1', `--format=${COMMIT_SUMMARY_FORMAT}`, '--end-of-options', sha, '--']))[0];
  }

  /** The last `limit` commits of HEAD, newest first, for a quick pick. */
  async recentCommits(limit = 50): Promise<CommitSummary[]> {
    if (!(await this.head())) return [];
    const output = await this.git.run([...LOG, `-n${clamp(limit, 1, 10_000)}`, `--format=${COMMIT_SUMMARY_FORMAT}`, 'HEAD', '--']);
    return parseCommitSummaries(output);
  }

  /**
   * Distinct authors of the last `window` commits, most commits first (ties:
   * most recent first), for suggesting who takes a role.
   */
  async authors(limit = 20, window = 1000): Promise<AuthorActivity[]> {
    if (!(await this.head())) return [];
    const output = await this.git.run([...LOG, `-n${clamp(window, 1, 100_000)}`, '--format=%aN <%aE>%x1f%ct', 'HEAD', '--']);
    const byAuthor = new Map<string, AuthorActivity>();
    for (const record of output.split('\0')) {
      const [author, date] = record.replace(/^\n/, '').split('\u001f');
      if (!author || !date) continue;
      const seen = byAuthor.get(author);
      if (seen) seen.commits++;
      // Newest first, so the first commit seen is the author's last.
      else byAuthor.set(author, { author, commits: 1, lastCommitAt: isoFromUnixSeconds(date) });
    }
    return [...byAuthor.values()].sort((a, b) => b.commits - a.commits || b.lastCommitAt.localeCompare(a.lastCommitAt)).slice(0, clamp(limit, 1, 1000));
  }

  /** user.name and user.email as git would use them for a commit here. */
  currentIdentity(): Promise<GitIdentity> {
    return readIdentity(this.git);
  }

  /**
   * What ranking suspects needs from `good..bad`, in parallel git processes:
   * the newest `newest` commits, whether the range holds more, and every
   * commit that touched one of `onlyPaths` (with those files). Listing only
   * shas is served from the commit-graph; printing anything else makes git
   * read each commit, so the fields are asked for just the commits that can
   * be shown. countBetween tells how many there are in all.
   */
  async commitRange(good: string, bad: string, options: CommitRangeOptions): Promise<CommitRange> {
    const pathspecs = (options.onlyPaths ?? []).map(literalPathspec);
    const page = clamp(options.newest, 1, 100_000);
    return this.inRange(good, bad, async (range) => {
      const [newest, touching] = await Promise.all([
        // One more than the page: whether the range holds more, without counting it.
        this.git.run([...LOG, `--max-count=${page + 1}`, `--format=${COMMIT_WITH_FILES_FORMAT}`, ...range], options),
        pathspecs.length ? this.git.run([...LOG, ...TOUCHED_FILES, `--format=${COMMIT_WITH_FILES_FORMAT}`, ...range, ...pathspecs], options) : Promise.resolve(''),
      ]);
      const listed = parseCommitsWithFiles(newest);
      // --full-history also lists merges whose sides differ under the paths; they have no files of their own.
      const touched = parseCommitsWithFiles(touching).filter((commit) => commit.files.length > 0);
      return { newest: listed.slice(0, page), more: listed.length > page, touching: touched };
    });
  }

  /**
   * For each commit of `good..bad` that changed one of `lines` (numbered in
   * `bad`), those lines; one `git log -L` per file, in parallel.
   */
  async commitsChangingLines(good: string, bad: string, lines: readonly EvidenceLine[], options: RunOptions = {}): Promise<Map<string, EvidenceLine[]>> {
    const byFile = linesByFile(lines);
    const changed = new Map<string, EvidenceLine[]>();
    if (!byFile.size) return changed;
    await this.inRange(good, bad, (range) =>
      Promise.all(
        [...byFile].map(async ([file, numbers]) => {
          // One process per line: git -L merges nearby ranges, and then could not say which line a commit changed.
          await Promise.all(
            numbers.map(async (line) => {
              const output = await this.git.run([...LOG, '--no-patch', '--format=%H', ...lineRangeArguments(file, [line]), ...range], options).catch((error: unknown) => {
                if (error instanceof GitCommandError && isMissingPath(error.stderr)) return '';
                throw error;
              });
              for (const sha of parseShas(output)) changed.set(sha, [...(changed.get(sha) ?? []), { file, line }]);
            }),
          );
        }),
      ),
    );
    return changed;
  }

  /**
   * Regular files in the index, for placing stack-trace frames. Symlinks and
   * submodules are left out: evidence must never lead outside the repository.
   */
  async trackedFiles(options: RunOptions = {}): Promise<string[]> {
    const output = await this.git.run(['ls-files', '--stage', '-z'], options);
    return output
      .split('\0')
      .filter((entry) => entry.startsWith('100'))
      .map((entry) => entry.slice(entry.indexOf('\t') + 1));
  }

  /** How many commits `good..bad` holds (`git rev-list --count`). */
  async countBetween(good: string, bad: string, options: RunOptions = {}): Promise<number> {
    return this.inRange(good, bad, async (range) => Number((await this.git.run(['rev-list', '--count', ...range], options)).trim()));
  }

  /** Runs `work` on `good..bad` as git arguments, both ends checked; a missing commit is an InvalidRevisionError. */
  private async inRange<T>(good: string, bad: string, work: (range: string[]) => Promise<T>): Promise<T> {
    // Full shas (what deploys record) are shape-checked and go straight to git, which fails on a
    // missing one; anything else is resolved first. Either way no text reaches git as an option.
    const [goodSha, badSha] = isFullSha(good) && isFullSha(bad) ? [good, bad] : await this.resolveShas([good, bad]);
    try {
      return await work(['--end-of-options', `${goodSha}..${badSha}`, '--']);
    } catch (error) {
      if (error instanceof GitCommandError && /bad revision|unknown revision|bad object|invalid revision range/i.test(error.stderr)) {
        throw new InvalidRevisionError(`${good}..${bad}`, 'no such commit in this repository');
      }
      throw error;
    }
  }

  /**
   * Commits whose message references an incident (or closes an action item),
   * newest first. Incremental when `since` names earlier scans' heads.
   */
  async scanReferences(options: ReferenceScanOptions = {}): Promise<ReferenceScan> {
    // Remembered heads come from a file: only full shas are looked up, and one a
    // rebase and gc removed is dropped (its commits are then read again).
    const remembered = [...new Set((options.since ?? []).filter(isFullSha))].slice(-MAX_REMEMBERED_COMMITS);
    const [head, ...present] = await this.resolveMany(['HEAD', ...remembered]);
    if (!head) return { head: undefined, full: true, commits: [] };
    const extraPatterns = options.extraPatterns ?? [];
    const exclusions = present.filter((sha): sha is string => sha !== undefined).map((sha) => `^${sha}`);
    const output = await this.git.run(
      [...LOG, `--format=${REFERENCE_LOG_FORMAT}`, ...referenceGrepArgs(extraPatterns.length > 0), '--end-of-options', head, ...exclusions, '--'],
      options,
    );
    return { head, full: exclusions.length === 0, commits: parseReferenceLog(output, extraPatterns) };
  }

  /** Files a commit changed against its first parent (or the empty tree), for VS Code's diff view. */
  async filesChanged(revision: string): Promise<CommitChanges> {
    const sha = await this.resolveSha(revision);
    const [parents] = (await this.git.run([...LOG, '-1', '--format=%P', '--end-of-options', sha, '--'])).split('\0');
    const parent = parents.split(' ')[0] || undefined;
    const output = parent
      ? await this.git.run(['diff-tree', '-r', '-z', '--no-commit-id', '--name-status', '-M', '--end-of-options', parent, sha, '--'])
      : await this.git.run(['diff-tree', '-r', '-z', '--no-commit-id', '--name-status', '--root', '--end-of-options', sha, '--']);
    return { sha, parent, files: parseChangedFiles(output) };
  }

  /**
   * The files each commit changed against its first parent (a merge too: a
   * pull request's merge is often what gets linked as the fix), by full sha, in two git processes whatever the count: shas are looked up
   * on stdin first, so one that is not in this clone (linked on another
   * machine, or gone after a rebase) is left out instead of failing the log.
   */
  async filesOfCommits(shas: readonly string[], options: RunOptions = {}): Promise<Map<string, string[]>> {
    const wanted = [...new Set(shas.filter(isFullSha))];
    const present = (await this.resolveMany(wanted)).filter((sha): sha is string => sha !== undefined);
    if (!present.length) return new Map();
    const output = await this.git.run(
      [...LOG, '--no-walk=unsorted', '--stdin', '--name-only', '--no-renames', '--diff-merges=first-parent', `--format=${COMMIT_WITH_FILES_FORMAT}`],
      {
        ...options,
        input: `${present.join('\n')}\n`,
      },
    );
    return new Map(parseCommitsWithFiles(output).map((commit) => [commit.sha, commit.files]));
  }

  /**
   * Commits the store's folder (`.incidents/` by default) alone: `commit --only`
   * takes those paths as they are in the work tree and leaves whatever else was
   * staged staged and uncommitted.
   * Returns the new sha, or undefined when the incident log has no changes.
   */
  async commitIncidentLog(message: string, dir: string = DEFAULT_STORE_FOLDER): Promise<string | undefined> {
    const paths = [literalPathspec(dir), ...transientFilesOf(checkRepositoryPath(dir))];
    const status = await this.git.run(['status', '--porcelain', '--untracked-files=all', '--', ...paths]);
    if (!status.trim()) return undefined;
    // New files must be known to the index before `--only` can take them.
    await this.git.run(['add', '--intent-to-add', '--', ...paths]);
    // The message is the value of --message=, one argv element: git cannot read it as an option.
    await this.git.run(['commit', '--only', '--no-edit', `--message=${message}`, '--', ...paths]);
    return this.head();
  }

  /**
   * Resolves revisions to commit shas in one git process. The text goes to
   * `git cat-file --batch-check` on stdin, one `<rev>^{commit}` per line, so it
   * never touches git's argument list at all (the same lookup rules as
   * `rev-parse --verify <rev>^{commit}`: abbreviations, refs, tags peeled to
   * their commit; an ambiguous or missing name, or a tree, answers "missing").
   * It also keeps the incremental scan to two processes instead of one per remembered commit.
   */
  private async resolveMany(revisions: readonly string[]): Promise<(string | undefined)[]> {
    // One line each: a line break inside a revision would make it two questions (callers shape-check; this is the backstop).
    const lines = revisions.map((revision) => (/[\r\n]/.test(revision) ? '' : `${revision}^{commit}`));
    const output = await this.git.run(['cat-file', '--batch-check=%(objectname) %(objecttype)'], { input: lines.map((line) => `${line}\n`).join('') });
    const answers = output.split('\n');
    return revisions.map((_, i) => {
      const [sha, type] = (answers[i] ?? '').split(' ');
      return type === 'commit' && isFullSha(sha) ? sha : undefined;
    });
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, Math.floor(Number.isFinite(value) ? value : min)));
}
