/**
 * The few things team sync does inside the .git directory itself instead of
 * through a git process: write a loose object, read and move one ref of ours.
 * Each git process costs a fork and an exec (10–20 ms on a laptop, more in an
 * extension host with a large heap); a sync on every change of a SEV1 pays
 * that many times over. Both formats are git's stable on-disk ones:
 *
 * - a loose object is `objects/ab/cdef…`, the zlib deflate of
 *   "<type> <size>\0<content>", named by the hash of that header and content,
 *   written to a temporary file and linked into place, read-only, as git does;
 * - a ref in the files backend is `refs/…` holding "<sha>\n", or a line of
 *   `packed-refs`; it is moved by creating `<ref>.lock` exclusively (the lock
 *   every git command honours) and renaming it over the ref.
 *
 * A repository whose refs are not files (the reftable backend) or a ref in any
 * other shape (a symbolic ref) is answered `undefined`: callers then ask git.
 */
import { createHash } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { deflateSync, inflateSync } from 'node:zlib';
import type { GitCommand } from './gitCommand';

export type ObjectFormat = 'sha1' | 'sha256';

/** Where a repository keeps its objects and refs, and how it names objects. */
export interface GitDirectory {
  /** This worktree's own folder (its HEAD); the same as commonDir outside linked worktrees. */
  gitDir: string;
  commonDir: string;
  objectsDir: string;
  format: ObjectFormat;
}

const directories = new WeakMap<GitCommand, Promise<GitDirectory>>();

/** One `git rev-parse` per GitCommand. */
export function gitDirectory(git: GitCommand): Promise<GitDirectory> {
  return cachedPerCommand(directories, git, async () => {
    const out = await git.run(['rev-parse', '--path-format=absolute', '--git-dir', '--git-common-dir', '--git-path', 'objects', '--show-object-format']);
    const [gitDir, commonDir, objectsDir, format] = out.split('\n').map((line) => line.trim());
    if (!gitDir || !commonDir || !objectsDir) throw new Error(`git rev-parse did not name the repository's folders in ${git.folder}`);
    return { gitDir, commonDir, objectsDir, format: format === 'sha256' ? 'sha256' : 'sha1' };
  });
}

/** What `read` gives, once per GitCommand (one sync from the command line; a window's session of syncs); a failed read is tried again next time. */
export function cachedPerCommand<T>(cache: WeakMap<GitCommand, Promise<T>>, git: GitCommand, read: () => Promise<T>): Promise<T> {
  let value = cache.get(git);
  if (!value) {
    value = read();
    value.catch(() => cache.delete(git));
    cache.set(git, value);
  }
  return value;
}

/** The name git gives an object of this type and content. */
export function objectName(format: ObjectFormat, type: string, body: Buffer): string {
  return createHash(format).update(`${type} ${body.length}\0`).update(body).digest('hex');
}

let temporaryCount = 0;

/**
 * Writes one object as a loose file unless that file is there already, and
 * returns its name. Deflated at level 1, git's own default for loose objects.
 */
export function writeLooseObject(directory: GitDirectory, type: 'blob' | 'tree' | 'commit', body: Buffer): string {
  const name = objectName(directory.format, type, body);
  const folder = join(directory.objectsDir, name.slice(0, 2));
  const file = join(folder, name.slice(2));
  if (existsSync(file)) return name;
  mkdirSync(folder, { recursive: true });
  const temporary = join(folder, `tmp_obj_incident_${process.pid}_${++temporaryCount}`);
  try {
    writeExclusively(temporary, deflateSync(Buffer.concat([Buffer.from(`${type} ${body.length}\0`), body]), { level: 1 }), 0o444);
    try {
      linkSync(temporary, file);
    } catch (error) {
      // Another writer put the same object there first: the same bytes.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') renameSync(temporary, file);
    }
  } finally {
    rmSync(temporary, { force: true });
  }
  return name;
}

/**
 * A loose object's type and content, checked against its name; undefined when
 * it is not a loose file here (packed: ask git) or does not hash to its name.
 */
export function readLooseObject(directory: GitDirectory, sha: string): { type: string; body: Buffer } | undefined {
  if (!SHA.test(sha)) return undefined;
  let data: Buffer;
  try {
    // Out in 1 MB pieces rather than zlib's 16 KB: a store of megabytes is not grown and copied a hundred times.
    data = inflateSync(readFileSync(join(directory.objectsDir, sha.slice(0, 2), sha.slice(2))), { chunkSize: 1 << 20 });
  } catch {
    return undefined;
  }
  const nul = data.indexOf(0);
  const header = /^(blob|tree|commit|tag) (\d+)$/.exec(data.subarray(0, Math.max(nul, 0)).toString('latin1'));
  const body = data.subarray(nul + 1);
  if (!header || body.length !== Number(header[2]) || objectName(directory.format, header[1], body) !== sha) return undefined;
  return { type: header[1], body };
}

/** A tree object's entries: "<mode> <name>\0<binary name>" one after another. */
export function treeEntries(body: Buffer, format: ObjectFormat): Array<{ mode: string; name: string; sha: string }> {
  const size = format === 'sha256' ? 32 : 20;
  const entries: Array<{ mode: string; name: string; sha: string }> = [];
  for (let at = 0; at < body.length;) {
    const space = body.indexOf(0x20, at);
    const nul = body.indexOf(0, space);
    if (space < 0 || nul < 0 || nul + 1 + size > body.length) break;
    entries.push({
      mode: body.subarray(at, space).toString('latin1'),
      name: body.subarray(space + 1, nul).toString('utf8'),
      sha: body.subarray(nul + 1, nul + 1 + size).toString('hex'),
    });
    at = nul + 1 + size;
  }
  return entries;
}

/** Creates `file` with these bytes; fails when it exists already (a lock someone holds). */
function writeExclusively(file: string, bytes: Buffer | string, mode = 0o666): void {
  writeFileSync(file, bytes, { flag: 'wx', mode });
}

/** The files backend, and a name that stays a path under refs/ (check-ref-format refuses `..` and empty parts; this says so again). */
const usesFiles = (directory: GitDirectory, ref: string) =>
  ref.startsWith('refs/') && !ref.split('/').some((part) => !part || part === '.' || part === '..') && !existsSync(join(directory.commonDir, 'reftable'));
const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/**
 * The object a ref points at, read from the files backend: `{ sha }`, or
 * `{ sha: undefined }` when there is no such ref; undefined when only git can
 * tell (reftable, a symbolic or unreadable ref).
 */
export function readRefFile(directory: GitDirectory, ref: string): { sha?: string } | undefined {
  if (!usesFiles(directory, ref)) return undefined;
  const loose = readOptional(join(directory.commonDir, ref));
  if (loose === 'unreadable') return undefined;
  if (loose !== undefined) {
    const sha = loose.trim();
    return SHA.test(sha) ? { sha } : undefined;
  }
  const packed = readOptional(join(directory.commonDir, 'packed-refs'));
  if (packed === 'unreadable') return undefined;
  for (const line of (packed ?? '').split('\n')) {
    const [sha, name] = line.split(' ');
    if (name === ref && SHA.test(sha)) return { sha };
  }
  return { sha: undefined };
}

/** How old a ref's lock file must be before it counts as left by a killed process (git holds one for milliseconds). */
export const STALE_REF_LOCK_MS = 30_000;

/**
 * Removes `<ref>.lock` when it is older than STALE_REF_LOCK_MS: left by a
 * process killed while moving the ref (a sync's fetch killed at its time
 * limit, a kill -9), it would stop every later fetch or move of that ref.
 * Only for the files backend and refs of our own (callers pass the private ref).
 */
export function removeStaleRefLock(directory: GitDirectory, ref: string, now = Date.now()): void {
  if (!usesFiles(directory, ref)) return;
  const lock = `${join(directory.commonDir, ref)}.lock`;
  const stats = statSync(lock, { throwIfNoEntry: false });
  if (stats?.isFile() && now - stats.mtimeMs > STALE_REF_LOCK_MS) rmSync(lock, { force: true });
}

/** A file's text; undefined when it does not exist, 'unreadable' when it exists and cannot be read as a file. */
function readOptional(file: string): string | undefined | 'unreadable' {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? undefined : 'unreadable';
  }
}

/**
 * Points a ref at `sha` the way git's files backend does: under `<ref>.lock`,
 * created exclusively, then renamed over the ref. False when it could not
 * (reftable, the lock held by a git command, a folder in the way): ask git.
 */
export function writeRefFile(directory: GitDirectory, ref: string, sha: string): boolean {
  if (!usesFiles(directory, ref) || !SHA.test(sha)) return false;
  const file = join(directory.commonDir, ref);
  const lock = `${file}.lock`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    removeStaleRefLock(directory, ref);
    writeExclusively(lock, `${sha}\n`);
  } catch (error) {
    // Someone else's lock stays; a half-written one of ours goes.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') rmSync(lock, { force: true });
    return false;
  }
  try {
    renameSync(lock, file);
    return true;
  } catch {
    rmSync(lock, { force: true });
    return false;
  }
}
