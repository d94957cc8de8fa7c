/**
 * Committing the incident log (.incidents/) alone, and its generated message.
 * The git work is GitRepository.commitIncidentLog; this keeps the folder-based
 * entry point the CLI and the extension call.
 */
import { GitRepository } from './gitRepository';
import type { GitOptions } from './gitCommand';

/** Returns the new commit's sha, or undefined when .incidents/ has nothing to commit. */
export async function commitIncidentLog(root: string, message: string, options: GitOptions = {}, dir?: string): Promise<string | undefined> {
  return new GitRepository(root, options).commitIncidentLog(message, dir);
}

/** "incidents: INC-1A2B3C4D, INC-…" from the ids named in the changed store, for the commit subject. */
export function incidentLogMessage(changedIds: readonly string[]): string {
  if (!changedIds.length) return 'incidents: update the incident log';
  const shown = changedIds.slice(0, 5).join(', ');
  return `incidents: update ${shown}${changedIds.length > 5 ? ` and ${changedIds.length - 5} more` : ''}`;
}
