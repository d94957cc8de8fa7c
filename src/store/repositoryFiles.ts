/**
 * The files Incident Responder keeps in a repository (the store, postmortems,
 * the plan) are reached without following symbolic links, so a link committed
 * in a clone can never make us read or write outside the repository, and are
 * replaced atomically (unique temp file + rename) keeping the mode, owner and
 * group of the file they replace. A file the user made read-only is refused.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, lstatSync, mkdirSync, readlinkSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { dirname, join } from 'node:path';
import { StoreUnusableError, StoreWriteError } from './storeErrors';

const LINK_REMEDY =
  'Incident Responder never follows links for its own files, so that a clone cannot make it read or write outside the repository. Replace the link with a real folder or file (git rm the link, then commit).';

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}

/**
 * Checks every part of `relativePath` below `root` (`.incidents`, then
 * `.incidents/incidents.json`): none may be a symbolic link, the folders must
 * be folders and the last part, when it exists, a regular file. Parts that do
 * not exist yet are fine (they will be created as real folders and files).
 */
export function checkRepositoryPath(root: string, relativePath: string): void {
  const parts = relativePath.split('/');
  let path = root;
  for (let i = 0; i < parts.length; i++) {
    path = join(path, parts[i]);
    const shown = parts.slice(0, i + 1).join('/');
    const stats = lstatOrUndefined(path);
    if (!stats) return;
    if (stats.isSymbolicLink()) {
      let target = '';
      try {
        target = ` to ${readlinkSync(path)}`;
      } catch {
        // An unreadable link is still refused; the message just lacks its target.
      }
      throw new StoreUnusableError(path, 'unsafe-path', [`${shown} is a symbolic link${target}`], LINK_REMEDY);
    }
    const last = i === parts.length - 1;
    if (!last && !stats.isDirectory()) throw new StoreUnusableError(path, 'not-a-file', [`${shown} is not a folder`], `Move it aside so ${relativePath} can be created.`);
    if (last && !stats.isFile())
      throw new StoreUnusableError(
        path,
        'not-a-file',
        [`${shown} is a ${stats.isDirectory() ? 'folder' : 'special file'}, not a file`],
        `Move it aside; Incident Responder keeps a JSON or Markdown file there.`,
      );
  }
}

const isReadOnly = (stats: Stats) => (stats.mode & 0o222) === 0;
const octal = (stats: Stats) => (stats.mode & 0o777).toString(8).padStart(4, '0');

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** An OS error while writing, as one line that says what to do; nothing was changed. */
export function writeFailure(path: string, error: unknown): StoreWriteError {
  const code = (error as NodeJS.ErrnoException).code ?? 'error';
  const reason =
    code === 'EACCES' || code === 'EPERM'
      ? 'permission denied; check the permissions of the file and its folder'
      : code === 'EROFS'
        ? 'the file system is read-only'
        : code === 'ENOSPC' || code === 'EDQUOT'
          ? 'no space left on the device; free some space and try again'
          : (error as Error).message;
  return new StoreWriteError('io', `cannot write ${path}: ${reason} (${code}); nothing was changed`);
}

const readOnlyFolder = (folder: string, stats: Stats) =>
  new StoreWriteError('read-only', `the folder ${folder} is read-only (mode ${octal(stats)}); nothing was changed. Make it writable (chmod u+w) to change files in it`);

/** Creates `folder` and its missing parents, refusing (like a file) when the nearest existing one is read-only. */
export function makeFolder(folder: string): void {
  let existing = folder;
  let stats = statOrUndefined(existing);
  while (!stats && dirname(existing) !== existing) {
    existing = dirname(existing);
    stats = statOrUndefined(existing);
  }
  if (existing === folder) return;
  if (stats && isReadOnly(stats)) throw readOnlyFolder(existing, stats);
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw writeFailure(folder, error);
  }
}

/**
 * Replaces `path` with `text` atomically. `beforeReplace` runs after the new
 * text is safely in its temp file and right before the rename: it throws to
 * abandon the write. The temp file is a unique name beside `path` unless
 * `temp` names another on the same file system (the store writes it inside
 * its lock folder, storeLock.ts, so only the lock's holder can rename it in).
 */
export function replaceFileAtomically(
  path: string,
  text: string | Buffer,
  beforeReplace?: () => void,
  temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
): void {
  const existing = statOrUndefined(path);
  if (existing && isReadOnly(existing)) {
    throw new StoreWriteError('read-only', `${path} is read-only (mode ${octal(existing)}); nothing was changed. Make it writable (chmod u+w) to change it`);
  }
  const folder = statOrUndefined(dirname(path));
  if (folder && isReadOnly(folder)) throw readOnlyFolder(dirname(path), folder);
  try {
    try {
      writeFileSync(temp, text, { flag: 'wx', mode: existing ? existing.mode & 0o777 : 0o666 });
      if (existing) {
        // writeFile's mode passes through the umask; the rename must not widen or narrow what the user set.
        chmodSync(temp, existing.mode & 0o777);
        const mine = statSync(temp);
        if (mine.uid !== existing.uid || mine.gid !== existing.gid) {
          try {
            chownSync(temp, existing.uid, existing.gid);
          } catch {
            try {
              chownSync(temp, -1, existing.gid);
            } catch {
              // Not a member of that group: the file keeps ours, as any editor's save would.
            }
          }
        }
      }
    } catch (error) {
      throw writeFailure(path, error);
    }
    beforeReplace?.();
    try {
      renameSync(temp, path);
    } catch (error) {
      throw writeFailure(path, error);
    }
  } finally {
    rmSync(temp, { force: true });
  }
}
