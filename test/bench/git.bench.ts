/**
 * The git layer against git itself, measured side by side in one run on a
 * 100,000-commit history with references to 1,000 incidents spread through it:
 *
 * - full reference scan vs raw `git log --format=%H%x00%B` (every message out)
 *   and vs raw `git log --grep` of the same patterns (the yardstick);
 * - the same scan with a team pattern, which git cannot prefilter;
 * - incremental scans after 10 and 100 new commits;
 * - suspects (findSuspects, a ranked page of 100) on 1,000- and 5,000-commit
 *   ranges vs raw `git rev-list`, and with evidence vs raw `git rev-list -- paths`
 *   (the walk that finds the commits touching the evidence).
 *
 * The repository is cached under the OS temp folder by a fixed name, so reruns
 * skip the build; delete the folder to rebuild it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileReferencePatterns } from '../../src/core/code/references';
import { declareIncident } from '../../src/core/lifecycle/declare';
import { newIncidentId } from '../../src/core/record/ids';
import { addTimelineEvent } from '../../src/core/lifecycle/timeline';
import { GitRepository } from '../../src/git/gitRepository';
import { findSuspects } from '../../src/workflows/suspects';
import { emptyRepo, git, importCommits, linearHistory } from '../unit/git/repoBuilder';
import { timeSideBySide } from './timing';

const COMMITS = 100_000;
const INCIDENTS = 1_000;
const CACHE = join(tmpdir(), 'incident-responder-bench-git-100k-v2');
const READY = join(CACHE, '.git', 'bench-ready');
const INCIDENT_GREP = ['--extended-regexp', '--grep=INC-[0-9A-HJKMNP-TV-Z]{8}', '--grep=[Cc][Ll][Oo][Ss][Ee][Ss]-[Aa][Cc][Tt][Ii][Oo][Nn]'];

/** INC- plus 8 Crockford characters, distinct for each n < 32^8. */
function incidentId(n: number): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  let code = '';
  for (let i = 0, rest = n * 7919 + 12345; i < 8; i++, rest = Math.floor(rest / 32)) code = alphabet[rest % 32] + code;
  return `INC-${code}`;
}

/** One commit in 100 references an incident: a trailer (fix or related), a mention, or a team-style mention. */
function message(i: number): string {
  if (i % (COMMITS / INCIDENTS) !== 0) return `Change ${i}\n\nRefactor module ${i % 50} for clarity.`;
  const id = incidentId(i / (COMMITS / INCIDENTS));
  switch (i % 400) {
    case 0:
      return `Fix change ${i}\n\nIncident: ${id}`;
    case 100:
      return `Change ${i}\n\nIncident: ${id}`;
    case 200:
      return `Change ${i}, follow-up of ${id}`;
    default:
      return `Change ${i} for incident #${id.slice(4)}`;
  }
}

function cachedRepository(): string {
  if (existsSync(READY)) return CACHE;
  rmSync(CACHE, { recursive: true, force: true });
  const built = emptyRepo('incident-bench-build-');
  const t0 = performance.now();
  importCommits(built, linearHistory(COMMITS, message), { checkout: false });
  // What a working clone has after git's automatic maintenance: packed objects and a commit-graph.
  git(built, ['gc', '--quiet']);
  console.log(`built ${COMMITS.toLocaleString('en')} commits in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  renameSync(built, CACHE);
  writeFileSync(READY, 'ok\n');
  return CACHE;
}

const devNull = openSync('/dev/null', 'w');
/** Raw git with its output thrown away: what git alone costs. */
const rawGit = (dir: string, args: string[]) => () => execFileSync('git', args, { cwd: dir, stdio: ['ignore', devNull, 'inherit'] });

const rows: string[] = [];
function row(name: string, ours: number, limitName: string, limit: number): void {
  rows.push(`${name.padEnd(36)} ${ours.toFixed(1).padStart(9)}   ${limitName.padEnd(34)} ${limit.toFixed(1).padStart(9)}   ${(ours / limit).toFixed(2).padStart(5)}x`);
}

/** Adds `count` commits on a throwaway branch checked out as HEAD, runs `work`, then puts main back. */
async function withNewCommits(dir: string, count: number, work: (base: string) => Promise<void>): Promise<void> {
  const base = git(dir, ['rev-parse', 'refs/heads/main']).trim();
  const branch = `bench-incremental-${count}`;
  git(dir, ['branch', '-f', branch, base]);
  importCommits(
    dir,
    linearHistory(count, (i) => message(i * 100 + 100)).map((spec) => ({ ...spec, branch })),
    { checkout: false },
  );
  git(dir, ['symbolic-ref', 'HEAD', `refs/heads/${branch}`]);
  try {
    await work(base);
  } finally {
    git(dir, ['symbolic-ref', 'HEAD', 'refs/heads/main']);
    git(dir, ['branch', '-D', '--quiet', branch]);
  }
}

async function main(): Promise<void> {
  const dir = cachedRepository();
  const repo = new GitRepository(dir);
  const { patterns } = compileReferencePatterns(['incident #([0-9A-HJKMNP-TV-Z]{8})']);
  const shas = git(dir, ['rev-list', '--first-parent', 'HEAD']).trim().split('\n');
  const full = await repo.scanReferences();
  const withTeamPattern = await repo.scanReferences({ extraPatterns: patterns });
  console.log(`${shas.length.toLocaleString('en')} commits; full scan found ${full.commits.length} referencing commits, ${withTeamPattern.commits.length} with the team pattern`);

  const logAll = rawGit(dir, ['log', '--format=%H%x00%B', 'HEAD']);
  const [ourScan, rawGrep] = await timeSideBySide(7, () => repo.scanReferences(), rawGit(dir, ['log', ...INCIDENT_GREP, '--format=%H%x00%B', 'HEAD']));
  const [ourScanAgain, rawAll] = await timeSideBySide(5, () => repo.scanReferences(), logAll);
  const [ourTeamScan, rawAllAgain] = await timeSideBySide(5, () => repo.scanReferences({ extraPatterns: patterns }), logAll);
  row('full scan', ourScan, 'git log --grep (same patterns)', rawGrep);
  row('full scan', ourScanAgain, 'git log --format=%H%x00%B', rawAll);
  row('full scan + team pattern', ourTeamScan, 'git log --format=%H%x00%B', rawAllAgain);

  for (const count of [10, 100]) {
    await withNewCommits(dir, count, async (base) => {
      const [ours, raw] = await timeSideBySide(9, () => repo.scanReferences({ since: [base] }), rawGit(dir, ['log', '--format=%H%x00%B', `${base}..HEAD`]));
      row(`incremental scan, ${count} new commits`, ours, `git log ${count} commits`, raw);
    });
  }

  // An incident whose evidence points at one file, with another file open in the editor.
  const declared = declareIncident({ title: 'Checkout fails', category: 'regression', severity: 'SEV2' }, { at: new Date(), author: 'Bench' }, newIncidentId(new Date()));
  const incident = addTimelineEvent(declared, { kind: 'evidence', text: 'trace', data: { file: 'src/module7/file3.ts', startLine: 1 } }, { at: new Date(), author: 'Bench' });
  const openFile = 'src/module12/file1.ts';
  const evidence = ['src/module7/file3.ts', openFile, 'src/module7', 'src/module12'];
  for (const span of [1_000, 5_000]) {
    const [bad, good] = [shas[20_000], shas[20_000 + span]];
    const revList = rawGit(dir, ['rev-list', `${good}..${bad}`]);
    const [oursNoEvidence, rawRevList] = await timeSideBySide(15, () => findSuspects(repo, declared, [], { good, bad }), revList);
    const [oursEvidence, rawEvidence] = await timeSideBySide(
      9,
      () => findSuspects(repo, incident, [], { good, bad, extraPaths: [openFile] }),
      rawGit(dir, ['rev-list', '--full-history', `${good}..${bad}`, '--', ...evidence]),
    );
    const [oursEvidenceAgain, rawRevListAgain] = await timeSideBySide(9, () => findSuspects(repo, incident, [], { good, bad, extraPaths: [openFile] }), revList);
    row(`suspects ${span}, no evidence yet`, oursNoEvidence, 'git rev-list', rawRevList);
    row(`suspects ${span}, evidence paths`, oursEvidence, 'git rev-list -- paths', rawEvidence);
    row(`suspects ${span}, evidence paths`, oursEvidenceAgain, 'git rev-list', rawRevListAgain);
  }

  console.log(`\n${'ours'.padEnd(36)} ${'ms'.padStart(9)}   ${'raw git'.padEnd(34)} ${'ms'.padStart(9)}   ratio`);
  for (const line of rows) console.log(line);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
