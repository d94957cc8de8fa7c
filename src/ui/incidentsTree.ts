import * as vscode from 'vscode';
import { checklistQuestions } from '../core/checklist';
import { isActive } from '../core/lifecycle';
import { SEVERITIES, type Incident, type Severity, type StoreDocument } from '../core/schema';
import { resolvePolicy } from '../core/sla';
import { groupIncidents, rowDescription, type Grouping } from './incidentGroups';
import { CommandId } from './commands';
import { Disposable } from './disposable';
import type { StoreSnapshotSource } from './storeSnapshot';

export const INCIDENTS_VIEW_ID = 'incidents.active';
export type { Grouping } from './incidentGroups';
/** Rows of the "Resolved / closed" group shown per page. */
export const PAGE_SIZE = 200;
/** How often the SLA clocks in the rows are refreshed. */
const CLOCK_TICK_MS = 30_000;

const SEVERITY_COLOR: Record<Severity, string> = {
  SEV1: 'errorForeground',
  SEV2: 'list.warningForeground',
  SEV3: 'charts.yellow',
  SEV4: 'descriptionForeground',
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
    readonly id: string,
    readonly label: string,
    readonly description: string | undefined,
    readonly icon: string,
    readonly command?: vscode.Command,
  ) {}
}
export class LoadMoreNode {
  constructor(readonly group: GroupNode) {}
}
type Node = GroupNode | IncidentNode | DetailNode | LoadMoreNode;

/**
 * The "Active Incidents" view: active incidents grouped by severity or status,
 * each with its SLA clock, and a collapsed, paged "Resolved / closed" group.
 * Incident nodes are kept per id so the clock tick refreshes only those rows.
 */
export class IncidentsTreeProvider extends Disposable implements vscode.TreeDataProvider<Node> {
  private readonly changed = this.register(new vscode.EventEmitter<Node | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<Node>;
  private readonly nodes = new Map<string, IncidentNode>();
  private readonly shownClosed = new Map<string, number>();
  private grouping: Grouping;
  /** The SLA policy of the snapshot last listed, so rows do not re-parse it one by one. */
  private policy = resolvePolicy(undefined);

  constructor(
    private readonly source: StoreSnapshotSource,
    grouping: Grouping = 'severity',
  ) {
    super();
    this.grouping = grouping;
    this.view = this.register(vscode.window.createTreeView(INCIDENTS_VIEW_ID, { treeDataProvider: this, showCollapseAll: true }));
    this.register(source.onDidChange(() => this.changed.fire(undefined)));
    const timer = setInterval(() => this.tickClocks(), CLOCK_TICK_MS);
    this.register({ dispose: () => clearInterval(timer) });
  }

  setGrouping(grouping: Grouping): void {
    this.grouping = grouping;
    this.changed.fire(undefined);
  }

  /** Refreshes only the rows of active incidents (their clocks moved), not the whole tree. */
  private tickClocks(): void {
    if (!this.view.visible) return;
    for (const node of this.nodes.values()) if (isActive(node.incident)) this.changed.fire(node);
  }

  private document(): StoreDocument | undefined {
    const snapshot = this.source.current();
    if (this.view) {
      this.view.message =
        snapshot.kind === 'unusable' ? snapshot.message : snapshot.kind === 'loaded' && snapshot.problems.length ? `Read-only until fixed: ${snapshot.problems.join('; ')}` : undefined;
    }
    if (snapshot.kind !== 'loaded') return undefined;
    this.policy = this.source.policy();
    return snapshot.document;
  }

  private nodeFor(incident: Incident): IncidentNode {
    const node = this.nodes.get(incident.id);
    if (node) {
      node.incident = incident;
      return node;
    }
    const created = new IncidentNode(incident);
    this.nodes.set(incident.id, created);
    return created;
  }

  getChildren(node?: Node): Node[] {
    const document = this.document();
    // Missing or unusable store: the welcome view explains what to do.
    if (!document) return [];
    if (node instanceof GroupNode) {
      const shown = node.closedGroup ? (this.shownClosed.get(node.key) ?? PAGE_SIZE) : node.incidents.length;
      const rows: Node[] = node.incidents.slice(0, shown).map((incident) => this.nodeFor(incident));
      if (shown < node.incidents.length) rows.push(new LoadMoreNode(node));
      return rows;
    }
    if (node instanceof IncidentNode) return incidentDetails(node.incident, document);
    if (node) return [];
    return groupIncidents(document.incidents, this.grouping).map((group) => new GroupNode(group.key, group.label, group.incidents, group.closedGroup));
  }

  getParent(): undefined {
    return undefined;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node instanceof GroupNode) {
      const item = new vscode.TreeItem(node.label, node.closedGroup ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded);
      item.id = `group:${this.grouping}:${node.key}`;
      item.description = `${node.incidents.length}`;
      const severity = SEVERITIES.find((s) => s === node.key);
      item.iconPath = node.closedGroup ? new vscode.ThemeIcon('archive') : new vscode.ThemeIcon('flame', severity ? new vscode.ThemeColor(SEVERITY_COLOR[severity]) : undefined);
      item.contextValue = 'incidentGroup';
      return item;
    }
    if (node instanceof IncidentNode) return this.incidentItem(node.incident);
    if (node instanceof LoadMoreNode) {
      const item = new vscode.TreeItem('Load more…', vscode.TreeItemCollapsibleState.None);
      item.id = `more:${node.group.key}:${this.shownClosed.get(node.group.key) ?? PAGE_SIZE}`;
      item.command = { command: CommandId.LoadMore, title: 'Load more', arguments: [node.group.key] };
      item.contextValue = 'loadMore';
      return item;
    }
    const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.description = node.description;
    item.iconPath = new vscode.ThemeIcon(node.icon);
    item.command = node.command;
    item.contextValue = 'incidentDetail';
    return item;
  }

  /** The first two levels as labels ("SEV1 > INC-1A2B3C4D Checkout …"), through getChildren as VS Code calls it; for tests. */
  rows(): string[] {
    return this.getChildren().flatMap((group) =>
      group instanceof GroupNode ? [group.label, ...this.getChildren(group).map((row) => (row instanceof IncidentNode ? `${group.label} > ${row.incident.id} ${row.incident.title}` : `${group.label} > …`))] : [],
    );
  }

  /** Shows the next page of the resolved/closed group. */
  loadMore(groupKey: string): void {
    this.shownClosed.set(groupKey, (this.shownClosed.get(groupKey) ?? PAGE_SIZE) + PAGE_SIZE);
    this.changed.fire(undefined);
  }

  private incidentItem(incident: Incident): vscode.TreeItem {
    const item = new vscode.TreeItem(incident.title, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = incident.id;
    const row = rowDescription(incident, this.policy, new Date());
    item.description = row.text;
    const color = row.breached ? 'errorForeground' : SEVERITY_COLOR[incident.severity];
    item.iconPath = new vscode.ThemeIcon(row.breached ? 'warning' : 'flame', new vscode.ThemeColor(color));
    item.tooltip = new vscode.MarkdownString(undefined, false);
    item.tooltip.appendText(`${incident.id} · ${incident.severity} · ${incident.category}\n${incident.title}\nCommander: ${incident.roles.commander ?? 'unassigned'}`);
    item.contextValue = isActive(incident) ? 'incident.active' : 'incident.inactive';
    item.command = { command: CommandId.OpenIncident, title: 'Open Incident', arguments: [incident.id] };
    item.accessibilityInformation = { label: `${incident.severity} ${incident.title}, ${row.text}, ${incident.id}` };
    return item;
  }
}

/** The children of an incident row: roles, open checklist questions, commits, deploys, the latest update. */
export function incidentDetails(incident: Incident, document: StoreDocument): DetailNode[] {
  const open: vscode.Command = { command: CommandId.OpenIncident, title: 'Open Incident', arguments: [incident.id] };
  const details: DetailNode[] = [];
  const roles = [
    ['Commander', incident.roles.commander],
    ['Scribe', incident.roles.scribe],
    ['Communicator', incident.roles.communicator],
    ['Applies patches', incident.roles.patcher],
  ] as const;
  for (const [label, person] of roles) if (person) details.push(new DetailNode(`${incident.id}:role:${label}`, label, person, 'person', open));
  if (incident.roles.responders.length) details.push(new DetailNode(`${incident.id}:responders`, 'Responders', incident.roles.responders.join(', '), 'organization', open));
  const unchecked = checklistQuestions(incident.category).filter((q) => !incident.checklist[q.id]?.checked);
  if (unchecked.length) details.push(new DetailNode(`${incident.id}:checklist`, 'Triage checklist', `${unchecked.length} of 3 open`, 'checklist', open));
  for (const commit of incident.commits) details.push(new DetailNode(`${incident.id}:commit:${commit.sha}:${commit.relation}`, commit.subject, `${commit.sha.slice(0, 8)} · ${commit.relation}`, 'git-commit', open));
  for (const deploy of document.deploys.filter((d) => d.incidentIds.includes(incident.id) || incident.deployIds.includes(d.id))) {
    details.push(new DetailNode(`${incident.id}:deploy:${deploy.id}`, `${deploy.environment} ${deploy.ref}`, deploy.status, 'rocket', open));
  }
  const latest = [...incident.updates].sort((a, b) => (a.at < b.at ? 1 : -1))[0];
  if (latest) details.push(new DetailNode(`${incident.id}:update`, latest.text, `update to ${latest.audience}`, 'megaphone', open));
  if (!details.length) details.push(new DetailNode(`${incident.id}:empty`, 'No roles, links or updates yet', undefined, 'info', open));
  return details;
}
