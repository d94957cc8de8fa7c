/**
 * Real git repositories for tests and benchmarks, built with `git fast-import`
 * (one process writes thousands of commits in well under a second, where
 * `git commit` in a loop would take minutes).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMMIT_WITH_FILES_FORMAT, LOG, parseCommitsWithFiles, type CommitWithFiles } from '../../../src/git/logRecords';

export interface Person {
  name: string;
  email: string;
}

export interface CommitSpec {
  message: string;
  /** Files written by this commit: path → content. */
  files?: Record<string, string>;
  /** Files removed by this commit. */
  deletes?: string[];
  /** Default `main`. */
  branch?: string;
  /** First parent: an index in this batch or a sha; default: the branch's previous tip. */
  parent?: number | string;
  /** Indexes (in this batch) of further parents: a merge. */
  merges?: number[];
  author?: Person;
  /** Seconds since the epoch; default: one minute after the previous commit. */
  time?: number;
}

export const DANA: Person = { name: 'Dana Ortiz', email: 'dana@example.com' };

export const git = (dir: string, args: readonly string[]): string =>
  execFileSync('git', args, { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });

/** An empty repository in a temp folder, with a local identity. */
export function emptyRepo(prefix = 'incident-git-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  git(dir, ['init', '--quiet', '--initial-branch=main']);
  git(dir, ['config', 'user.name', DANA.name]);
  git(dir, ['config', 'user.email', DANA.email]);
  return dir;
}

let clock = 1_750_000_000;

/**
 * Appends commits with fast-import and returns their shas in the order given.
 * The work tree is then reset to main's tip, so tests can go on with plain git.
 */
export function importCommits(dir: string, commits: readonly CommitSpec[], options: { checkout?: boolean } = {}): string[] {
  const chunks: string[] = [];
  const tips = new Map<string, string>();
  const byteLength = (text: string) => Buffer.byteLength(text, 'utf8');
  const data = (text: string) => `data ${byteLength(text)}\n${text}\n`;
  commits.forEach((spec, index) => {
    const branch = spec.branch ?? 'main';
    const author = spec.author ?? DANA;
    const from = typeof spec.parent === 'number' ? `:${spec.parent + 1}` : typeof spec.parent === 'string' ? spec.parent : (tips.get(branch) ?? existingTip(dir, branch));
    const time = spec.time ?? (clock += 60);
    chunks.push(`commit refs/heads/${branch}\nmark :${index + 1}\n`);
    chunks.push(`author ${author.name} <${author.email}> ${time} +0000\ncommitter ${author.name} <${author.email}> ${time} +0000\n`);
    chunks.push(data(spec.message));
    if (from) chunks.push(`from ${from}\n`);
    for (const merge of spec.merges ?? []) chunks.push(`merge :${merge + 1}\n`);
    for (const path of spec.deletes ?? []) chunks.push(`D ${path}\n`);
    for (const [path, content] of Object.entries(spec.files ?? {})) chunks.push(`M 100644 inline ${path}\n${data(content)}`);
    chunks.push('\n');
    tips.set(branch, `:${index + 1}`);
  });
  const marks = join(mkdtempSync(join(tmpdir(), 'incident-marks-')), 'marks');
  execFileSync('git', ['fast-import', '--quiet', `--export-marks=${marks}`], { cwd: dir, input: chunks.join(''), maxBuffer: 1 << 30 });
  const shaByMark = new Map(
    readFileSync(marks, 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split(' ') as [string, string]),
  );
  rmSync(marks, { force: true });
  if (options.checkout !== false) git(dir, ['reset', '--hard', '--quiet']);
  return commits.map((_, index) => shaByMark.get(`:${index + 1}`) ?? '');
}

/** The branch's tip, if it exists; moves the clock past it so appended commits are newer, as real ones are. */
function existingTip(dir: string, branch: string): string | undefined {
  try {
    const [sha, time] = git(dir, ['log', '-1', '--format=%H %ct', `refs/heads/${branch}`, '--'])
      .trim()
      .split(' ');
    clock = Math.max(clock, Number(time));
    return sha;
  } catch {
    return undefined;
  }
}

/** `count` commits on main, each touching one file, with `message(i)` as the message. */
export function linearHistory(count: number, message: (i: number) => string = (i) => `Change ${i}`): CommitSpec[] {
  return Array.from({ length: count }, (_, i) => ({ message: message(i), files: { [`src/module${i % 50}/file${i % 7}.ts`]: `export const v = ${i};\n` } }));
}

/** A repository with `count` commits on main; returns the folder and the shas, oldest first. */
export function repoWithHistory(count: number, message?: (i: number) => string): { dir: string; shas: string[] } {
  const dir = emptyRepo();
  return { dir, shas: importCommits(dir, linearHistory(count, message)) };
}

/**
 * Every commit of `good..bad` (newest first) with its parents and the files it
 * touched, listed by plain `git log` (a rename counts as both paths, a merge
 * touches nothing): the full listing that the adapter's paged commitRange is
 * checked against. With `onlyPaths`, only files at or under those paths are kept.
 */
export function logBetween(dir: string, good: string, bad: string, onlyPaths?: readonly string[]): CommitWithFiles[] {
  const commits = parseCommitsWithFiles(git(dir, [...LOG, '--name-only', '--no-renames', `--format=${COMMIT_WITH_FILES_FORMAT}`, `${good}..${bad}`, '--']));
  if (!onlyPaths) return commits;
  const under = (file: string) => onlyPaths.some((path) => file === path || file.startsWith(`${path}/`));
  return commits.map((commit) => ({ ...commit, files: commit.files.filter(under) }));
}
