/**
 * What a sync branch may hold: the store file and nothing else. A sync
 * commit's tree has that one file, so pushing it on top of a tree with other
 * files would delete them from the branch, and a teammate's next `git pull`
 * of it would delete them from their work tree. So before a sync writes
 * anything it checks the branch it is given:
 *
 *   - not the branch checked out here (in any worktree), nor the remote's
 *     default branch (refs/remotes/<remote>/HEAD): branches people work on;
 *   - not a branch whose commit, on the remote or in this clone
 *     (refs/heads/<branch>), holds any file but one: its tree is a chain of
 *     folders with one entry each, down to one regular `.json` file (a
 *     branch holding only a README is somebody's, not ours).
 *
 * That one file is the team's store wherever it lies: a teammate whose store
 * lives at another path (INCIDENT_STORE, incidents.storePath) joins into the
 * branch's file and writes back to that path, never replacing the tree.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GitCommand } from './gitCommand';
import { gitDirectory, readLooseObject, readRefFile, treeEntries, type GitDirectory } from './gitDirectory';
import { isObjectName } from './revisionText';

/** A commit's tree as a sync branch sees it: nothing, the one file (its path and blob), or other files (one named). */
export type BranchContent = { kind: 'empty' } | { kind: 'file'; path: string; blob: string } | { kind: 'other-files'; example: string };

const REGULAR_FILE = /^100(644|755)$/;
/** The one file a sync branch may hold: a regular file named *.json. */
const isStoreFile = (mode: string, path: string) => REGULAR_FILE.test(mode) && path.endsWith('.json');

/** The content of `commit`'s tree from loose objects alone; undefined when an object on the way is not loose here (ask git). */
export function looseBranchContent(directory: GitDirectory, commit: string): BranchContent | undefined {
  const object = readLooseObject(directory, commit);
  let sha = object?.type === 'commit' ? /^tree ([0-9a-f]+)\n/.exec(object.body.toString('latin1'))?.[1] : undefined;
  if (!sha) return undefined;
  const names: string[] = [];
  for (;;) {
    const tree = readLooseObject(directory, sha);
    if (tree?.type !== 'tree') return undefined;
    const entries = treeEntries(tree.body, directory.format);
    if (entries.length === 0) return names.length ? { kind: 'other-files', example: `${names.join('/')}/` } : { kind: 'empty' };
    if (entries.length > 1) return { kind: 'other-files', example: [...names, entries.find((entry) => entry.mode !== '40000')?.name ?? entries[0].name].join('/') };
    const [entry] = entries;
    names.push(entry.name);
    if (entry.mode === '40000') {
      sha = entry.sha;
      continue;
    }
    const path = names.join('/');
    return isStoreFile(entry.mode, path) ? { kind: 'file', path, blob: entry.sha } : { kind: 'other-files', example: path };
  }
}

/** The content of `commit`'s tree: from loose objects when they are here, else from one `git ls-tree -r` (the commit is checked first: never an option). */
export async function branchContent(git: GitCommand, commit: string): Promise<BranchContent> {
  const loose = looseBranchContent(await gitDirectory(git), commit);
  if (loose) return loose;
  if (!isObjectName(commit)) throw new Error(`${JSON.stringify(commit)} is not a commit sha`);
  // -r lists files (and submodules) only, one line each: "<mode> <type> <sha>\t<path>".
  const lines = (await git.run(['ls-tree', '-r', '-z', '--full-tree', commit])).split('\0').filter(Boolean);
  if (lines.length === 0) return { kind: 'empty' };
  const entries = lines.map((line) => {
    const tab = line.indexOf('\t');
    const [mode, , sha] = line.slice(0, tab).split(' ');
    return { mode, sha, path: line.slice(tab + 1) };
  });
  if (entries.length === 1 && isStoreFile(entries[0].mode, entries[0].path)) return { kind: 'file', path: entries[0].path, blob: entries[0].sha };
  return { kind: 'other-files', example: entries.find((entry) => !entry.path.startsWith('.'))?.path ?? entries[0].path };
}

/**
 * Why `branch` cannot be a sync branch, as far as this clone can tell without
 * the network, or undefined: it is checked out here, it is the remote's
 * default branch, or this clone's own refs/heads/<branch> holds other files.
 * Reads a few small files; runs git only for a local branch of that name
 * whose objects are packed.
 */
export async function branchInUseProblem(git: GitCommand, remote: string, branch: string): Promise<string | undefined> {
  const directory = await gitDirectory(git);
  const ref = `refs/heads/${branch}`;
  if (checkedOutRefs(directory).includes(ref)) return `"${branch}" is the branch checked out here`;
  const remoteHead = symbolicRef(join(directory.commonDir, 'refs', 'remotes', remote, 'HEAD'));
  if (remoteHead === `refs/remotes/${remote}/${branch}`) return `"${branch}" is the default branch of ${remote}`;
  const read = readRefFile(directory, ref);
  const sha = read ? read.sha : (await git.run(['for-each-ref', '--format=%(objectname)', ref])).trim() || undefined;
  if (!sha) return undefined;
  const content = await branchContent(git, sha);
  return content.kind === 'other-files' ? `this clone's branch "${branch}" holds other files than the incident store (${content.example}, …)` : undefined;
}

/** The branches checked out in this repository's worktrees (each worktree's HEAD, when it names a branch). */
function checkedOutRefs(directory: GitDirectory): string[] {
  const heads = [join(directory.gitDir, 'HEAD'), join(directory.commonDir, 'HEAD')];
  try {
    for (const name of readdirSync(join(directory.commonDir, 'worktrees'))) heads.push(join(directory.commonDir, 'worktrees', name, 'HEAD'));
  } catch {
    // No linked worktrees.
  }
  return heads.map(symbolicRef).filter((ref): ref is string => ref !== undefined);
}

/** The ref a symbolic ref file names ("ref: refs/heads/main"), or undefined. */
function symbolicRef(file: string): string | undefined {
  try {
    return /^ref: (\S+)\s*$/.exec(readFileSync(file, 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}
