/**
 * The first level of the Active Incidents view, without VS Code: active
 * incidents grouped by severity or status, then one "Resolved / closed"
 * group, newest first, that the view pages through. Pure, so the benchmark
 * can time it on 10,000 incidents.
 */
import * as l10n from '@vscode/l10n';
import { isActive } from '../../core/lifecycle/lifecycle';
import { SEVERITIES, STATUSES, type Incident } from '../../core/record/schema';

export type Grouping = 'severity' | 'status';

export interface IncidentGroup {
  key: string;
  label: string;
  incidents: readonly Incident[];
  closedGroup: boolean;
}

export function groupIncidents(incidents: readonly Incident[], grouping: Grouping): IncidentGroup[] {
  const active: Incident[] = [];
  const closed: Incident[] = [];
  for (const incident of incidents) (isActive(incident) ? active : closed).push(incident);
  closed.sort((a, b) => (a.declaredAt < b.declaredAt ? 1 : a.declaredAt > b.declaredAt ? -1 : 0));
  const keys: readonly string[] = grouping === 'severity' ? SEVERITIES : STATUSES;
  const groups = keys
    .map((key) => ({ key, label: key, incidents: active.filter((incident) => (grouping === 'severity' ? incident.severity : incident.status) === key), closedGroup: false }))
    .filter((group) => group.incidents.length > 0);
  if (closed.length) groups.push({ key: 'closed', label: l10n.t('Resolved / closed'), incidents: closed, closedGroup: true });
  return groups;
}
