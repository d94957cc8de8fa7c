/**
 * `.incidents/postmortems/<id>.md` (beside the store): written atomically, the
 * team's Notes section kept across exports, never through a symbolic link (a
 * committed link would otherwise pull an outside file into the postmortem).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { checkRepositoryPath, makeFolder, replaceFileAtomically } from './repositoryFiles';
import { mergePostmortem, renderPostmortem, type PostmortemOptions } from '../core/postmortem';
import { INCIDENT_ID_PATTERN, type Deploy, type Incident } from '../core/schema';

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
