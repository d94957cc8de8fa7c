/**
 * Where a repository's store file is: its path relative to the root, checked,
 * and its folder. No schema here, so the CLI can tell whether a store exists
 * before it loads what reads one.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_STORE_PATH } from '../core/record/storePath';
import { checkRepositoryPath } from './repositoryFiles';

/**
 * A store path from a setting or `--store`: relative to the repository root,
 * inside it, a `.json` file, in plain characters (it goes into .gitattributes
 * and git's index paths). Returns it normalized with forward slashes.
 */
export function checkStorePath(path: string): string {
  const normalized = path.trim().replace(/\\/g, '/').replace(/^\.\//, '');
  const problem = !normalized
    ? 'it is empty'
    : normalized.startsWith('/') || /^[A-Za-z]:/.test(normalized)
      ? 'it must be relative to the repository root'
      : normalized.split('/').some((part) => part === '..' || part === '.' || part === '')
        ? 'it must stay inside the repository'
        : normalized.split('/').some((part) => part.toLowerCase() === '.git')
          ? 'it must not be inside .git, which git owns'
          : !/^[A-Za-z0-9._/-]+$/.test(normalized)
            ? 'use letters, digits, ".", "_", "-" and "/" only'
            : !normalized.endsWith('.json')
              ? 'it must name a .json file'
              : undefined;
  if (problem) throw new Error(`"${path}" is not a usable store path: ${problem}`);
  return normalized;
}

export interface StoreLocation {
  readonly root: string;
  /** The store's path relative to the repository root, e.g. `.incidents/incidents.json`. */
  readonly relativePath: string;
  /** Its folder relative to the root (`.incidents`), where postmortems go and what "commit the incident log" commits. */
  readonly relativeDir: string;
  /** The absolute path of the file. */
  readonly file: string;
}

/** The store at `relativePath` (checked by checkStorePath, which throws for an unusable one) below `root`. */
export function storeLocation(root: string, relativePath: string = DEFAULT_STORE_PATH): StoreLocation {
  const checked = checkStorePath(relativePath);
  return {
    root,
    relativePath: checked,
    relativeDir: checked.includes('/') ? checked.slice(0, checked.lastIndexOf('/')) : '.',
    file: join(root, ...checked.split('/')),
  };
}

/**
 * True when the store file is certainly absent: its path is safe to check and
 * nothing is there. A link or anything else odd on the way counts as present,
 * so that the store's own read reports it.
 */
export function storeIsMissing(location: StoreLocation): boolean {
  try {
    checkRepositoryPath(location.root, location.relativePath);
    return !existsSync(location.file);
  } catch {
    return false;
  }
}
