/**
 * Installs the store's merge driver into a repository, and reads the three
 * index stages of a store file that a merge left conflicted. Fixed arguments
 * and a fixed path only: nothing a user typed reaches git as an option. Git
 * runs through GitCommand, as everywhere else.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_STORE_PATH } from '../core/record/storePath';
import { checkRepositoryPath, replaceFileAtomically } from '../store/repositoryFiles';
import { GitCommand, type GitOptions } from './gitCommand';

export const MERGE_DRIVER_NAME = 'incidents';
const attributeLine = (storePath: string) => `${storePath} merge=${MERGE_DRIVER_NAME}`;

const quote = (path: string) => `'${path.replace(/'/g, `'\\''`)}'`;

/** The driver command git runs: node <cli> merge %O %A %B (git substitutes the temp file names). */
export function mergeDriverCommand(nodePath: string, cliPath: string): string {
  return `${quote(nodePath)} ${quote(cliPath)} merge %O %A %B`;
}

/** Adds the driver to .git/config and the attribute to .gitattributes; running it twice changes nothing. */
export async function installMergeDriver(root: string, command: string, options: GitOptions = {}, storePath = DEFAULT_STORE_PATH): Promise<{ attributesChanged: boolean }> {
  const git = new GitCommand(root, options);
  await git.run(['config', '--local', `merge.${MERGE_DRIVER_NAME}.name`, 'Incident Responder record-level merge']);
  // GitCommand's guard refuses to set merge.*.driver (a command git will run) unless told;
  // the command here is built by mergeDriverCommand from our own paths, never from user text.
  await git.run(['config', '--local', `merge.${MERGE_DRIVER_NAME}.driver`, command], { allow: ['allowUnsafeMergeDriver'] });
  // A committed .gitattributes link must not make us read or write a file outside the repository.
  checkRepositoryPath(root, '.gitattributes');
  const attributes = join(root, '.gitattributes');
  const text = existsSync(attributes) ? readFileSync(attributes, 'utf8') : '';
  if (text.split(/\r?\n/).some((line) => line.trim() === attributeLine(storePath))) return { attributesChanged: false };
  replaceFileAtomically(attributes, `${text}${text && !text.endsWith('\n') ? '\n' : ''}${attributeLine(storePath)}\n`);
  return { attributesChanged: true };
}

/**
 * base (:1:), ours (:2:) and theirs (:3:) of the conflicted store; base is ''
 * when both sides added it. Undefined when the file is not in a conflicted merge.
 */
export async function conflictStages(root: string, options: GitOptions = {}, storePath = DEFAULT_STORE_PATH): Promise<{ base: string; ours: string; theirs: string } | undefined> {
  const git = new GitCommand(root, options);
  // A stage the index does not hold is git's error ("is in the index, but not at stage 1"): that side is absent.
  const stage = (n: number) => git.run(['show', `:${n}:${storePath}`]).catch(() => undefined);
  const [base, ours, theirs] = await Promise.all([stage(1), stage(2), stage(3)]);
  if (ours === undefined || theirs === undefined) return undefined;
  return { base: base ?? '', ours, theirs };
}
