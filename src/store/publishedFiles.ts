/**
 * Writes files a command publishes (the status page) into a folder the user
 * names: each file replaced atomically, none written through a symbolic link
 * (a link in its place is replaced, its target left alone), nothing inside a
 * .git folder, and a folder named inside the repository must stay inside it
 * once links are followed, so a committed link cannot send the output
 * elsewhere on the machine. A folder outside the repository is written only
 * when named by its absolute path and allowed by the caller (the user's
 * explicit choice); a relative path that leaves the repository never is.
 */
import { existsSync, lstatSync, realpathSync, unlinkSync, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { NAME_MAX_BYTES, PATH_MAX_BYTES, pathTooLong } from './pathLimits';
import { makeFolder, replaceFileAtomically } from './repositoryFiles';
import { StoreWriteError } from './storeErrors';

/** The folder or a file in it cannot be written as asked; nothing was written. `outside`: refused for being outside the repository, named relative or absolute. */
export class OutputFolderError extends Error {
  constructor(
    message: string,
    readonly outside?: 'relative' | 'absolute',
  ) {
    super(message);
  }
}

const lstatOrUndefined = (path: string): Stats | undefined => {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
};

const isInside = (folder: string, path: string) => {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};
const inGitFolder = (path: string) => path.split(sep).some((part) => part.toLowerCase() === '.git');

/** The real path of `path`, or of its nearest existing ancestor with the missing parts appended. */
function realPathOf(path: string): string {
  const missing: string[] = [];
  let existing = path;
  while (!existsSync(existing) && dirname(existing) !== existing) {
    missing.unshift(basename(existing));
    existing = dirname(existing);
  }
  return join(realpathSync(existing), ...missing);
}

/** Where outputFolder put the files: the real folder, and whether it is outside the repository. */
export interface OutputFolder {
  folder: string;
  outside: boolean;
}

/**
 * The folder `out` (relative to the repository root, or absolute), checked,
 * created when missing. Outside the repository (once links are followed) only
 * when `out` is absolute and `allowOutside` says the user chose it.
 */
export function outputFolder(root: string, out: string, allowOutside = false): OutputFolder {
  if (pathTooLong(out) || pathTooLong(resolve(root, out)))
    throw new OutputFolderError(`the folder name is too long for the file system (a name over ${NAME_MAX_BYTES} bytes, or a path over ${PATH_MAX_BYTES}); choose a shorter one`);
  const folder = resolve(root, out);
  if (lstatOrUndefined(folder)?.isSymbolicLink() && !existsSync(folder)) throw new OutputFolderError(`${out} is a symbolic link to nothing; remove it or choose another folder`);
  const real = realPathOf(folder);
  if (inGitFolder(folder) || inGitFolder(real)) throw new OutputFolderError(`${out} is inside a .git folder, which git owns; choose another folder`);
  const outside = !isInside(realPathOf(root), real);
  // A link inside the repository never carries the output out of it, whatever the caller allows: the outside folder is named by its own path or not at all.
  if (outside && isInside(root, folder))
    throw new OutputFolderError(`${out} leads outside the repository through a symbolic link (to ${real}); name a real folder, or the outside folder itself`);
  if (outside && !isAbsolute(out)) throw new OutputFolderError(`${out} leaves the repository`, 'relative');
  if (outside && !allowOutside) throw new OutputFolderError(`${out} is outside the repository`, 'absolute');
  const target = lstatOrUndefined(real);
  if (target && !target.isDirectory()) throw new OutputFolderError(`${out} is a file, not a folder; choose a folder for the page`);
  try {
    makeFolder(real);
  } catch (error) {
    throw new OutputFolderError((error as Error).message);
  }
  return { folder: real, outside };
}

/** Writes each file into `folder`, replacing what is there, never through a link. */
export function writePublishedFiles(folder: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    const path = join(folder, name);
    const existing = lstatOrUndefined(path);
    if (existing?.isDirectory()) throw new OutputFolderError(`${path} is a folder; move it aside so the page's ${name} can be written`);
    try {
      if (existing?.isSymbolicLink()) unlinkSync(path);
      replaceFileAtomically(path, text);
    } catch (error) {
      throw new OutputFolderError(error instanceof StoreWriteError ? error.message : `cannot write ${path}: ${(error as Error).message}`);
    }
  }
}
