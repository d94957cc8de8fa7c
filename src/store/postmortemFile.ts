/** `.incidents/postmortems/<id>.md` (beside the store): written atomically, the team's Notes section kept across exports. */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { mergePostmortem, renderPostmortem } from '../core/postmortem';
import type { Deploy, Incident } from '../core/schema';

/** `postmortems/` beside the store file. */
export function postmortemPath(store: StoreLocation, incidentId: string): string {
  if (!/^INC-[0-9A-Z]{8}$/.test(incidentId)) throw new Error(`"${incidentId}" is not an incident id`);
  return join(store.root, store.relativeDir, 'postmortems', `${incidentId}.md`);
}

interface StoreLocation {
  root: string;
  relativeDir: string;
}

/** Writes the postmortem; returns its path and whether it existed before (a re-export). */
export function writePostmortem(store: StoreLocation, incident: Incident, deploys: readonly Deploy[], now: Date): { path: string; updated: boolean } {
  const path = postmortemPath(store, incident.id);
  const existing = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  const text = mergePostmortem(existing, renderPostmortem(incident, deploys, { generatedAt: now }));
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
  return { path, updated: existing !== undefined };
}
