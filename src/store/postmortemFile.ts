/**
 * `.incidents/postmortems/<id>.md` (beside the store): written atomically, the
 * team's Notes section kept across exports, never through a symbolic link (a
 * committed link would otherwise pull an outside file into the postmortem).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { checkRepositoryPath, makeFolder, replaceFileAtomically } from './repositoryFiles';
import { mergePostmortem, NOTES_MARKER, renderPostmortem, type PostmortemOptions } from '../core/retrospective/postmortem';
import { INCIDENT_ID_PATTERN, type Deploy, type Incident } from '../core/record/schema';

/** `postmortems/<id>.md` beside the store file, relative to the repository. */
function postmortemRelativePath(store: StoreLocation, incidentId: string): string {
  if (!INCIDENT_ID_PATTERN.test(incidentId)) throw new Error(`"${incidentId}" is not an incident id`);
  return [...(store.relativeDir === '.' ? [] : [store.relativeDir]), 'postmortems', `${incidentId}.md`].join('/');
}

interface StoreLocation {
  root: string;
  relativeDir: string;
}

/** Writes the postmortem; returns its path and whether it existed before (a re-export). */
export function writePostmortem(
  store: StoreLocation,
  incident: Incident,
  deploys: readonly Deploy[],
  now: Date,
  options: Omit<PostmortemOptions, 'generatedAt'> = {},
): { path: string; updated: boolean } {
  const relative = postmortemRelativePath(store, incident.id);
  checkRepositoryPath(store.root, relative);
  const path = join(store.root, relative);
  const existing = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  const text = mergePostmortem(existing, renderPostmortem(incident, deploys, { ...options, generatedAt: now }));
  makeFolder(dirname(path));
  replaceFileAtomically(path, text);
  return { path, updated: existing !== undefined };
}

/**
 * What the team wrote in an exported postmortem (its Notes section), or
 * undefined when there is no file; a file without the marker counts whole.
 * Only the notes: everything above them is generated from the record.
 */
export function readPostmortemNotes(store: StoreLocation, incidentId: string): string | undefined {
  const relative = postmortemRelativePath(store, incidentId);
  try {
    checkRepositoryPath(store.root, relative);
  } catch {
    return undefined; // A link or a folder in the way: not read, like an export would refuse it; the search goes on without it.
  }
  const path = join(store.root, relative);
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, 'utf8');
  const marker = text.indexOf(NOTES_MARKER);
  return marker < 0 ? text : text.slice(marker + NOTES_MARKER.length);
}
