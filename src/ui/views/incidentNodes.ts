/**
 * The rows of the Active Incidents view as the tree provider (incidentsTree.ts)
 * hands them to VS Code: groups, incidents, the details under an incident
 * (its alerts first, then roles, checklist, commits, deploys, tasks, the
 * latest update), "Load more", and the records the store could not read.
 */
import * as vscode from 'vscode';
import { checklistQuestions } from '../../core/plan/checklist';
import type { Incident, Severity, StoreDocument } from '../../core/record/schema';
import { CommandId } from '../commands/commandIds';
import { alertRow, alertsInOrder, distinguishingLabels } from './alertRows';
import { unreadableCount, unreadableRecord } from './incidentRows';

/** Alerts listed under one incident; the panel shows them all. */
export const ALERTS_SHOWN = 20;

/** One colour per severity for the flame, kept on overdue rows so severity is always seen at a glance. */
export const SEVERITY_COLOR: Record<Severity, string> = {
  SEV1: 'charts.red',
  SEV2: 'charts.orange',
  SEV3: 'charts.yellow',
  SEV4: 'charts.blue',
};

export class GroupNode {
  constructor(
    readonly key: string,
    readonly label: string,
    readonly incidents: readonly Incident[],
    readonly closedGroup = false,
  ) {}
}
export class IncidentNode {
  constructor(public incident: Incident) {}
}
export class DetailNode {
  constructor(
    /** The row it is shown under (an incident, or the unreadable records). */
    readonly parent: IncidentNode | UnreadableRecordsNode,
    readonly id: string,
    readonly label: string,
    readonly description: string | undefined,
    readonly icon: string,
    readonly command?: vscode.Command,
    readonly tooltip?: string,
    readonly iconColor?: string,
  ) {}
}
export class LoadMoreNode {
  constructor(readonly group: GroupNode) {}
}
/** Records the store could not read, at the top of the view; each child opens the store file. */
export class UnreadableRecordsNode {
  readonly label: string;
  constructor(readonly problems: readonly string[]) {
    this.label = vscode.l10n.t('{0}; the store is read-only', unreadableCount(problems));
  }
}

export function unreadableRecordDetail(parent: UnreadableRecordsNode, problem: string, index: number): DetailNode {
  const { record, issue } = unreadableRecord(problem);
  return new DetailNode(parent, `unreadable:${index}`, record, issue, 'error', { command: CommandId.RevealStore, title: vscode.l10n.t('Reveal Incident Store File') });
}

/** The children of an incident row: the alerts that opened or joined it, roles, open checklist questions, commits, deploys, the latest update. */
export function incidentDetails(parent: IncidentNode, document: StoreDocument): DetailNode[] {
  const { incident } = parent;
  const open: vscode.Command = { command: CommandId.OpenIncident, title: vscode.l10n.t('Open Incident'), arguments: [incident.id] };
  const detail = (id: string, label: string, description: string | undefined, icon: string) => new DetailNode(parent, `${incident.id}:${id}`, label, description, icon, open);
  const details: DetailNode[] = [];
  // Its alerts first, firing before resolved: where it came from, and whether the monitoring still sees it.
  const alerts = alertsInOrder(incident);
  const apart = distinguishingLabels(alerts);
  for (const record of alerts.slice(0, ALERTS_SHOWN)) {
    const row = alertRow(record, apart);
    const icon = row.firing ? 'bell-dot' : 'bell-slash';
    details.push(
      new DetailNode(parent, `${incident.id}:alert:${record.id}`, row.label, row.description, icon, open, row.tooltip, row.firing ? SEVERITY_COLOR[incident.severity] : undefined),
    );
  }
  if (alerts.length > ALERTS_SHOWN)
    details.push(detail('alerts-more', vscode.l10n.t('{0} more alerts: open the incident to see them all', alerts.length - ALERTS_SHOWN), undefined, 'ellipsis'));
  const roles = [
    [vscode.l10n.t('Commander'), incident.roles.commander],
    [vscode.l10n.t('Scribe'), incident.roles.scribe],
    [vscode.l10n.t('Communicator'), incident.roles.communicator],
    [vscode.l10n.t('Applies patches'), incident.roles.patcher],
  ] as const;
  for (const [label, person] of roles) if (person) details.push(detail(`role:${label}`, label, person, 'person'));
  if (incident.roles.responders.length) details.push(detail('responders', vscode.l10n.t('Responders'), incident.roles.responders.join(', '), 'organization'));
  const questions = checklistQuestions(incident.category);
  const unchecked = questions.filter((q) => !incident.checklist[q.id]?.checked);
  if (unchecked.length) details.push(detail('checklist', vscode.l10n.t('Triage checklist'), vscode.l10n.t('{0} of {1} open', unchecked.length, questions.length), 'checklist'));
  for (const commit of incident.commits)
    details.push(detail(`commit:${commit.sha}:${commit.relation}`, commit.subject, `${commit.sha.slice(0, 8)} · ${commit.relation}`, 'git-commit'));
  for (const deploy of document.deploys.filter((d) => d.incidentIds.includes(incident.id) || incident.deployIds.includes(d.id))) {
    details.push(detail(`deploy:${deploy.id}`, `${deploy.environment} ${deploy.ref}`, deploy.status, 'rocket'));
  }
  // Runbook tasks: a click opens the runbook at the step; Tick Runbook Tasks… ticks them.
  for (const task of incident.tasks ?? []) {
    const state = task.done ? vscode.l10n.t('done') : task.assignee ? vscode.l10n.t('assigned to {0}', task.assignee) : vscode.l10n.t('open');
    // The host checks the path (inside the repository, no link) before it opens anything.
    const runbook: vscode.Command | undefined = task.runbook
      ? { command: CommandId.OpenRunbook, title: vscode.l10n.t('Open Runbook'), arguments: [incident.id, task.id] }
      : undefined;
    details.push(new DetailNode(parent, `${incident.id}:task:${task.id}`, task.text, state, task.done ? 'pass-filled' : 'circle-large-outline', runbook ?? open));
  }
  const latest = [...incident.updates].sort((a, b) => (a.at < b.at ? 1 : -1))[0];
  if (latest) details.push(detail('update', latest.text, vscode.l10n.t('update to {0}', latest.audience), 'megaphone'));
  if (!details.length) details.push(detail('empty', vscode.l10n.t('No roles, links or updates yet'), undefined, 'info'));
  return details;
}
