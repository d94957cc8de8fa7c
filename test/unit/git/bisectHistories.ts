/**
 * Histories for bisect tests: a main line with side branches merged back, one
 * commit that breaks things (it and every descendant hold `broken-marker`, so
 * `test ! -f broken-marker` tells good from bad), and what the user's clone
 * looked like before a bisect, to check it is left byte for byte as it was.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededRandom } from '../seededRandom';
import { git, importCommits, type CommitSpec } from './repoBuilder';

export const TELLS = 'test ! -f broken-marker';

export interface BrokenHistory {
  shas: string[];
  /** Index of the breaking commit in `shas`. */
  breaking: number;
  root: string;
  tip: string;
}

/**
 * `size` commits: a main line where, now and then, a side branch of 1–3 commits
 * forks from a recent main commit and is merged back. Commit `breaking` (chosen
 * by the seed, never the root) adds the marker; every commit with a bad parent
 * keeps it, merges included, so badness follows ancestry as git bisect assumes.
 * `skipped` commits also hold `skip-marker` (and only they).
 */
export function brokenHistory(dir: string, seed: number, size: number, options: { breaking?: number; skipped?: readonly number[] } = {}): BrokenHistory {
  const random = seededRandom(seed);
  const specs: CommitSpec[] = [];
  const parents: number[][] = [];
  let mainTip = -1;
  let branches = 0;
  while (specs.length < size) {
    const index = specs.length;
    if (index > 2 && random() < 0.3 && size - index >= 3) {
      const forkFrom = mainTip - Math.floor(random() * Math.min(3, mainTip));
      const length = 1 + Math.floor(random() * Math.min(3, size - index - 2));
      const branch = `side${branches++}`;
      let previous = forkFrom;
      for (let i = 0; i < length; i++) {
        specs.push({ message: `Side ${branch} ${i}`, branch, parent: previous, files: { [`side/${branch}-${i}.txt`]: `${i}\n` } });
        parents.push([previous]);
        previous = specs.length - 1;
      }
      specs.push({ message: `Merge ${branch}`, parent: mainTip, merges: [previous], files: { 'merges.txt': `${branch}\n` } });
      parents.push([mainTip, previous]);
    } else {
      specs.push({ message: `Change ${index}`, ...(mainTip >= 0 ? { parent: mainTip } : {}), files: { [`src/file${index % 9}.txt`]: `${index}\n` } });
      parents.push(mainTip >= 0 ? [mainTip] : []);
    }
    mainTip = specs.length - 1;
  }
  const breaking = options.breaking ?? 1 + Math.floor(random() * (specs.length - 1));
  const bad = new Set<number>();
  specs.forEach((spec, index) => {
    if (index === breaking || parents[index].some((parent) => bad.has(parent))) {
      bad.add(index);
      spec.files = { ...spec.files, 'broken-marker': 'x\n' };
    }
    // A merge takes its first parent's tree: a skip marker there must not leak into it.
    if (options.skipped?.includes(index)) spec.files = { ...spec.files, 'skip-marker': 'x\n' };
    else if (parents[index].some((parent) => options.skipped?.includes(parent))) spec.deletes = ['skip-marker'];
  });
  // A branch tip that a later main commit merged is never main's tip: branch refs stay for the merges, main ends on the last main commit.
  const shas = importCommits(dir, specs);
  return { shas, breaking, root: shas[0], tip: shas[mainTip] };
}

/**
 * What raw `git bisect run` of the same command says in a scratch clone: the
 * first bad commit, or the candidates when skips leave several.
 */
export function rawBisect(dir: string, good: string, bad: string, command: string): { found?: string; candidates?: string[] } {
  const clone = mkdtempSync(join(tmpdir(), 'incident-raw-bisect-'));
  execFileSync('git', ['clone', '--quiet', '--no-checkout', dir, clone]);
  git(clone, ['checkout', '--quiet', '--detach', bad]);
  git(clone, ['bisect', 'start', bad, good, '--']);
  let output: string;
  try {
    output = execFileSync('git', ['bisect', 'run', 'sh', '-c', command], { cwd: clone, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    output = String((error as { stdout?: string }).stdout ?? '');
  }
  const found = /^([0-9a-f]{40}) is the first bad commit/m.exec(output);
  if (found) return { found: found[1] };
  const anyOf = output.indexOf('could be any of');
  return { candidates: [...output.slice(anyOf).matchAll(/^([0-9a-f]{40})$/gm)].map((m) => m[1]) };
}

/** Everything of the user's clone a bisect must leave alone: work tree files (but the top-level `except`), index, HEAD, refs (refs/bisect too), stash, their own bisect. */
export function userState(dir: string, except: readonly string[] = []): Record<string, string> {
  const state: Record<string, string> = {};
  const walk = (folder: string, prefix: string) => {
    for (const name of readdirSync(folder).sort()) {
      if (prefix === '' && (name === '.git' || except.includes(name))) continue;
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path, `${prefix}${name}/`);
      else state[`file ${prefix}${name}`] = readFileSync(path, 'base64');
    }
  };
  walk(dir, '');
  for (const name of ['index', 'HEAD', 'BISECT_LOG', 'BISECT_START', 'ORIG_HEAD']) {
    try {
      state[`.git/${name}`] = readFileSync(join(dir, '.git', name), 'base64');
    } catch {
      state[`.git/${name}`] = 'absent';
    }
  }
  state['ls-files -s'] = git(dir, ['ls-files', '-s']);
  state['for-each-ref'] = git(dir, ['for-each-ref', '--format=%(objectname) %(refname)']);
  state['stash list'] = git(dir, ['stash', 'list', '--format=%H %s']);
  state['worktree list'] = git(dir, ['worktree', 'list', '--porcelain']);
  return state;
}
