/** The generated message of a commit of the incident log alone (GitRepository.commitIncidentLog makes the commit). */

/** "incidents: INC-1A2B3C4D, INC-…" from the ids named in the changed store, for the commit subject. */
export function incidentLogMessage(changedIds: readonly string[]): string {
  if (!changedIds.length) return 'incidents: update the incident log';
  const shown = changedIds.slice(0, 5).join(', ');
  return `incidents: update ${shown}${changedIds.length > 5 ? ` and ${changedIds.length - 5} more` : ''}`;
}
