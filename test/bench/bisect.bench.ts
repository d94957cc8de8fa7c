/**
 * Bisect overhead: `bisectIncident` (a temporary worktree, the command run on
 * both ends first, then git bisect one step at a time, each step written to
 * an in-memory timeline) against raw `git bisect start` + `git bisect run` +
 * `git bisect reset` of the same command in a plain clone, on a 5,000-commit
 * linear range whose first bad commit is known. The command is trivial, so
 * what is measured is our overhead around git; the goal is ≤ 1.2×.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { declareIncident } from '../../src/core/lifecycle/declare';
import { newIncidentId } from '../../src/core/record/ids';
import type { Incident } from '../../src/core/record/schema';
import { GitRepository } from '../../src/git/gitRepository';
import { bisectIncident } from '../../src/workflows/bisect';
import { emptyRepo, git, importCommits, linearHistory } from '../unit/git/repoBuilder';
import { timeSideBySide } from './timing';

const COMMITS = 5_000;
const BREAKING = 3_141;
const COMMAND = 'test ! -f broken-marker';
const CACHE = join(tmpdir(), 'incident-responder-bench-bisect-5k-v1');
const READY = join(CACHE, '.git', 'bench-ready');

const devNull = openSync('/dev/null', 'w');

function rawBisectRun(clone: string, good: string, bad: string): void {
  const quiet = { cwd: clone, stdio: ['ignore', devNull, devNull] as ['ignore', number, number] };
  execFileSync('git', ['bisect', 'start', bad, good, '--'], quiet);
  execFileSync('git', ['bisect', 'run', 'sh', '-c', COMMAND], quiet);
  execFileSync('git', ['bisect', 'reset'], quiet);
}

/** Cached under the OS temp folder by a fixed name, so reruns skip the build; delete the folder to rebuild it. */
function cachedRepository(): string {
  if (existsSync(READY)) return CACHE;
  rmSync(CACHE, { recursive: true, force: true });
  const built = emptyRepo('incident-bench-bisect-');
  const t0 = performance.now();
  const specs = linearHistory(COMMITS).map((spec, i) => (i >= BREAKING ? { ...spec, files: { ...spec.files, 'broken-marker': 'x\n' } } : spec));
  importCommits(built, specs);
  git(built, ['gc', '--quiet']);
  console.log(`built ${COMMITS.toLocaleString('en')} commits in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  renameSync(built, CACHE);
  writeFileSync(READY, 'ok\n');
  return CACHE;
}

async function main(): Promise<void> {
  const dir = cachedRepository();
  const shas = git(dir, ['rev-list', '--reverse', 'HEAD']).trim().split('\n');
  const [good, bad] = [shas[0], shas.at(-1) ?? ''];
  const clone = mkdtempSync(join(tmpdir(), 'incident-bench-bisect-clone-'));
  execFileSync('git', ['clone', '--quiet', dir, clone]);

  const repo = new GitRepository(dir);
  const incident: Incident = declareIncident({ title: 'Checkout fails', category: 'regression', severity: 'SEV2' }, { at: new Date(), author: 'Bench' }, newIncidentId(new Date()));
  let found = '';
  const ours = async () => {
    let record = incident;
    const result = await bisectIncident(repo, record, [], { command: COMMAND, good, bad, linkCause: true }, async (_id, change) => {
      record = change(record, { at: new Date(), author: 'Bench' });
    });
    if (result.kind === 'found') found = result.commit.sha;
  };
  const [oursMs, rawMs] = await timeSideBySide(5, ours, () => rawBisectRun(clone, good, bad));
  if (found !== shas[BREAKING]) throw new Error(`bisect found ${found}, expected ${shas[BREAKING]}`);

  console.log(`\n${'ours'.padEnd(36)} ${'ms'.padStart(9)}   ${'raw git'.padEnd(34)} ${'ms'.padStart(9)}   ratio`);
  console.log(
    `${'bisect 5,000 commits'.padEnd(36)} ${oursMs.toFixed(1).padStart(9)}   ${'git bisect start+run+reset'.padEnd(34)} ${rawMs.toFixed(1).padStart(9)}   ${(oursMs / rawMs).toFixed(2).padStart(5)}x   (goal ≤ 1.20x)`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
