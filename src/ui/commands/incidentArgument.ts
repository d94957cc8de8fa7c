/**
 * The incident a command was invoked on, from whatever VS Code passes it: an
 * id (palette, scripts, the panel), a row of the Active Incidents view (its
 * node holds the incident) or a row of the Action Items view (its node holds
 * the incident's id). No vscode import, so it is unit-tested directly.
 */
import { INCIDENT_ID_PATTERN } from '../../core/record/schema';

const field = (value: unknown, key: string): unknown => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined);

export function incidentIdIn(argument: unknown): string | undefined {
  const id = typeof argument === 'string' ? argument : (field(field(argument, 'incident'), 'id') ?? field(field(argument, 'row'), 'incidentId'));
  return typeof id === 'string' && INCIDENT_ID_PATTERN.test(id.trim().toUpperCase()) ? id.trim().toUpperCase() : undefined;
}
