/**
 * Reads the repository's CODEOWNERS from the work tree: the first of GitHub's
 * locations that exists. Never through a symbolic link (checkRepositoryPath
 * refuses one anywhere on the way), so a clone cannot make us read outside it.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CODEOWNERS_LOCATIONS, parseCodeOwners, type CodeOwners } from '../core/plan/codeOwners';
import { checkRepositoryPath } from './repositoryFiles';
import { StoreUnusableError } from './storeErrors';

/** GitHub ignores a CODEOWNERS file over 3 MB. */
const MAX_CODEOWNERS_BYTES = 3 * 1024 * 1024;

export interface CodeOwnersFile extends CodeOwners {
  /** Repository-relative, e.g. `.github/CODEOWNERS`. */
  path: string;
}

/** The first CODEOWNERS GitHub would use, parsed; undefined when there is none (links are passed over) or it is too big. */
export function readCodeOwners(root: string): CodeOwnersFile | undefined {
  for (const path of CODEOWNERS_LOCATIONS) {
    const full = join(root, path);
    try {
      checkRepositoryPath(root, path);
      const stats = statSync(full);
      if (!stats.isFile()) continue;
      if (stats.size > MAX_CODEOWNERS_BYTES) return undefined;
      return { path, ...parseCodeOwners(readFileSync(full, 'utf8')) };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Missing, or a link or a folder on the way (refused, never followed): the next location.
      if (code === 'ENOENT' || code === 'ENOTDIR' || error instanceof StoreUnusableError) continue;
      throw error;
    }
  }
  return undefined;
}
