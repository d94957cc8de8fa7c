/** `.incidents/postmortems/<id>.md`: written atomically, the team's Notes section kept across exports. */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mergePostmortem, renderPostmortem } from '../core/postmortem';
import type { Deploy, Incident } from '../core/schema';

export const POSTMORTEMS_DIR = '.incidents/postmortems';

export function postmortemPath(root: string, incidentId: string): string {
  if (!/^INC-[0-9A-Z]{8}$/.test(incidentId)) throw new Error(`"${incidentId}" is not an incident id`);
  return join(root, POSTMORTEMS_DIR, `${incidentId}.md`);
}

/** Writes the postmortem; returns its path and whether it existed before (a re-export). */
export function writePostmortem(root: string, incident: Incident, deploys: readonly Deploy[], now: Date): { path: string; updated: boolean } {
  const path = postmortemPath(root, incident.id);
  const existing = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  const text = mergePostmortem(existing, renderPostmortem(incident, deploys, { generatedAt: now }));
  mkdirSync(join(root, POSTMORTEMS_DIR), { recursive: true });
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
  return { path, updated: existing !== undefined };
}
