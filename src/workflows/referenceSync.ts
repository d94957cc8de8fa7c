/**
 * Keeps the store in step with commit messages: scans the history for
 * incident references (incrementally, from the heads scanned last time),
 * links what trailers ask for and closes action items, all in one locked
 * store change, and reports the mere mentions for a person to confirm.
 *
 * What was scanned is this clone's business, not the team's: it lives in
 * the git directory (`.git/incident-responder/reference-scan.json`).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { replaceFileAtomically } from '../store/repositoryFiles';
import { dirname } from 'node:path';
import { applyCommitReferences, type ReferenceOutcome } from '../core/code/commitReferences';
import type { ChangeContext } from '../core/record/context';
import type { GitRepository } from '../git/gitRepository';
import type { IncidentStore } from '../store/incidentStore';

const STATE_NAME = 'incident-responder/reference-scan.json';
const REMEMBERED_HEADS = 32;

export interface ReferenceSyncOptions {
  /** Read the whole history again instead of what is new since the last scan. */
  full?: boolean;
  extraPatterns?: readonly RegExp[];
  signal?: AbortSignal;
  context: () => Promise<ChangeContext> | ChangeContext;
}

export interface ReferenceSyncResult extends Omit<ReferenceOutcome, 'document'> {
  /** False when the store does not exist yet (nothing can be linked; the next scan starts over). */
  storeExists: boolean;
  full: boolean;
  /** Commits whose message named something. */
  referencingCommits: number;
}

interface ScanState {
  heads: string[];
}

function readState(file: string): ScanState {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { heads?: unknown };
    return { heads: Array.isArray(parsed.heads) ? parsed.heads.filter((head): head is string => typeof head === 'string') : [] };
  } catch {
    return { heads: [] }; // missing or damaged: a full scan rebuilds it
  }
}

function writeState(file: string, state: ScanState): void {
  mkdirSync(dirname(file), { recursive: true });
  // A temp name of its own: two scans at once (the editor's and a terminal's) must not share one.
  replaceFileAtomically(file, `${JSON.stringify(state)}\n`);
}

export async function syncReferences(repo: GitRepository, store: IncidentStore, options: ReferenceSyncOptions): Promise<ReferenceSyncResult> {
  const stateFile = await repo.privatePath(STATE_NAME);
  const state = options.full ? { heads: [] } : readState(stateFile);
  const scan = await repo.scanReferences({ since: state.heads, extraPatterns: options.extraPatterns, signal: options.signal });
  const empty = { linked: [], closedActions: [], offered: [], unknownIncidents: [], full: scan.full, referencingCommits: scan.commits.length };
  if (!existsSync(store.file)) return { ...empty, storeExists: false };
  let outcome: Omit<ReferenceOutcome, 'document'> = empty;
  if (scan.commits.length) {
    const read = store.read();
    const ctx = await options.context();
    if (read.kind === 'unusable') throw read.error;
    // Only take the lock when something will change; offers alone are read-only.
    const preview = read.kind === 'loaded' ? applyCommitReferences(read.document, scan.commits, ctx) : undefined;
    if (preview && (preview.linked.length || preview.closedActions.length)) {
      await store.mutateDocument((document) => {
        const { document: changed, ...applied } = applyCommitReferences(document, scan.commits, ctx);
        outcome = applied;
        return changed;
      });
    } else if (preview) {
      const { document: _unchanged, ...offers } = preview;
      outcome = offers;
    }
  }
  if (scan.head) writeState(stateFile, { heads: [...state.heads.filter((head) => head !== scan.head), scan.head].slice(-REMEMBERED_HEADS) });
  return { ...empty, ...outcome, storeExists: true };
}
