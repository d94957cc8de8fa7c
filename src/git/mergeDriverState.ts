/**
 * Whether a clone merges the store record by record: its .gitattributes may
 * name the store's merge driver (committed, so every clone has it), but the
 * driver command itself lives in git config, which no clone receives. A
 * fresh clone therefore names a driver git does not know, and git quietly
 * falls back to a text merge.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkRepositoryPath } from '../store/repositoryFiles';
import { GitCommand, type GitOptions } from './gitCommand';
import { MERGE_DRIVER_NAME } from './mergeDriver';

/**
 * - `installed`: .gitattributes names the driver and git config has its command.
 * - `missing`: .gitattributes names the driver, git config lacks it (the case to offer an install).
 * - `not-named`: .gitattributes does not name the driver for this store path (or is absent).
 */
export type MergeDriverState = 'installed' | 'missing' | 'not-named';

/**
 * Reads the repository's root .gitattributes, then (only when it names the
 * driver) asks git config for the driver's command. A .gitattributes that is
 * a symbolic link is refused by checkRepositoryPath (it throws), so a clone
 * cannot make us read a file outside the repository.
 */
export async function mergeDriverState(root: string, storePath: string, options: GitOptions = {}): Promise<MergeDriverState> {
  checkRepositoryPath(root, '.gitattributes');
  const attributes = join(root, '.gitattributes');
  if (!existsSync(attributes) || !attributesNameDriver(readFileSync(attributes, 'utf8'), storePath)) return 'not-named';
  // Any scope counts (local, global, system): git uses the driver wherever it is configured.
  // `--get` of an unset key exits 1 with no output, which GitCommand.run returns as an empty answer.
  const command = await new GitCommand(root, options).run(['config', '--get', `merge.${MERGE_DRIVER_NAME}.driver`]);
  return command.trim() ? 'installed' : 'missing';
}

/**
 * True when the last line of `text` whose pattern is the store path (with or
 * without a leading `/`) and that says anything about `merge` sets it to our
 * driver, as git reads it: a later `-merge` or `merge=binary` line wins.
 * Wildcard patterns are not expanded; Install writes the exact path.
 */
export function attributesNameDriver(text: string, storePath: string): boolean {
  let named = false;
  for (const line of text.split(/\r?\n/)) {
    const [pattern, ...attributes] = line.trim().split(/\s+/);
    if (!pattern || pattern.startsWith('#') || pattern.replace(/^\//, '') !== storePath) continue;
    for (const attribute of attributes) {
      if (/^[-!]?merge(=|$)/.test(attribute)) named = attribute === `merge=${MERGE_DRIVER_NAME}`;
    }
  }
  return named;
}
