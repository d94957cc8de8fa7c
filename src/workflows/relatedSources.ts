/**
 * What the related-incidents search and the recurrence line need beyond the
 * record: each incident's postmortem notes (from `postmortems/<id>.md`) and
 * the files its cause and fix commits changed (from git, in one log for all).
 */
import { buildRelatedIndex, type RelatedExtras, type RelatedIndex, type RelatedOptions } from '../core/search/relatedIncidents';
import { findRecurrence, type Recurrence } from '../core/retrospective/recurrence';
import type { Incident } from '../core/record/schema';
import { DEFAULT_STORE_FOLDER } from '../core/record/storePath';
import type { RunOptions } from '../git/gitCommand';
import type { GitRepository } from '../git/gitRepository';
import { readPostmortemNotes } from '../store/postmortemFile';

interface StoreLocation {
  root: string;
  relativeDir: string;
}

/** Files under the store's folder (the incident log itself) are in many fix commits and say nothing about the code. */
const isIncidentLog = (store: StoreLocation, file: string) => file.startsWith(`${store.relativeDir === '.' ? DEFAULT_STORE_FOLDER : store.relativeDir}/`);

/**
 * The changed files of every incident's cause/fix commits, by incident id.
 * Without a repository (or outside a trusted one) pass none: the search then
 * ranks by text alone.
 */
export async function readChangedFiles(
  repo: GitRepository | undefined,
  store: StoreLocation,
  incidents: readonly Incident[],
  options: RunOptions = {},
): Promise<Map<string, string[]>> {
  const byIncident = new Map<string, string[]>();
  const linked = incidents.flatMap((incident) => incident.commits.filter((commit) => commit.relation !== 'related').map((commit) => ({ id: incident.id, sha: commit.sha })));
  if (!repo || !linked.length) return byIncident;
  const filesBySha = await repo.filesOfCommits(
    linked.map(({ sha }) => sha),
    options,
  );
  for (const { id, sha } of linked) {
    const files = (filesBySha.get(sha) ?? []).filter((file) => !isIncidentLog(store, file));
    byIncident.set(id, [...new Set([...(byIncident.get(id) ?? []), ...files])].sort());
  }
  return byIncident;
}

/** Postmortem notes and changed files for every incident. */
export async function readRelatedExtras(
  repo: GitRepository | undefined,
  store: StoreLocation,
  incidents: readonly Incident[],
  options: RunOptions = {},
): Promise<Map<string, RelatedExtras>> {
  const files = await readChangedFiles(repo, store, incidents, options);
  return new Map(
    incidents.map((incident) => {
      const postmortem = readPostmortemNotes(store, incident.id);
      const changedFiles = files.get(incident.id);
      return [incident.id, { ...(postmortem !== undefined && { postmortem }), ...(changedFiles && { changedFiles }) }];
    }),
  );
}

/** The index over the whole store, with everything the repository adds. */
export async function relatedIndexOf(
  repo: GitRepository | undefined,
  store: StoreLocation,
  incidents: readonly Incident[],
  options: RelatedOptions & RunOptions = {},
): Promise<RelatedIndex> {
  return buildRelatedIndex(incidents, await readRelatedExtras(repo, store, incidents, options), options);
}

/** The recurrence line's facts for one incident, from the changed files of all of them. */
export async function recurrenceOf(repo: GitRepository | undefined, store: StoreLocation, incident: Incident, incidents: readonly Incident[]): Promise<Recurrence | undefined> {
  const files = await readChangedFiles(repo, store, incidents);
  return findRecurrence(incident, incidents, (id) => files.get(id));
}

/** The recurrence, or why it could not be checked (git failed): a postmortem is written either way. */
export async function recurrenceOrProblem(
  repo: GitRepository | undefined,
  store: StoreLocation,
  incident: Incident,
  incidents: readonly Incident[],
): Promise<{ recurrence?: Recurrence; problem?: string }> {
  try {
    return { recurrence: await recurrenceOf(repo, store, incident, incidents) };
  } catch (error) {
    return { problem: (error as Error).message.split('\n')[0] };
  }
}
