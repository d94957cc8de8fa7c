/** The three-way merge applied to store texts: what the git merge driver and the conflict repair run. */
import { mergeStores } from '../core/merge/merge';
import type { StoreDocument } from '../core/record/schema';
import { parseStoreText, StoreUnusableError } from './storeFile';
import { formatStore } from './stableFormat';

function parseSide(label: string, text: string): StoreDocument {
  const { document, problems } = parseStoreText(label, text);
  if (problems.length) throw new StoreUnusableError(label, 'invalid-records', problems, 'Fix the records on that side before merging.');
  return document;
}

/** Merges three versions of the store; an empty base (a file added on both sides) counts as no base. */
export function mergeStoreTexts(base: string, ours: string, theirs: string): string {
  const baseDocument = base.trim() ? parseSide('base', base) : undefined;
  return formatStore(mergeStores(baseDocument, parseSide('ours', ours), parseSide('theirs', theirs)));
}
