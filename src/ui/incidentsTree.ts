import * as vscode from 'vscode';
import { isActive } from '../core/lifecycle';
import { SEVERITIES, type Incident, type Severity } from '../core/schema';
import { CommandId } from './commands';
import { Disposable } from './disposable';
import type { StoreSnapshotSource } from './storeSnapshot';

export const INCIDENTS_VIEW_ID = 'incidents.active';

const SEVERITY_COLOR: Record<Severity, string> = {
  SEV1: 'errorForeground',
  SEV2: 'list.warningForeground',
  SEV3: 'charts.yellow',
  SEV4: 'descriptionForeground',
};

type Node = SeverityGroupNode | IncidentNode | MessageNode;

class SeverityGroupNode {
  readonly type = 'group';
  constructor(readonly severity: Severity, readonly incidents: readonly Incident[]) {}
}
class IncidentNode {
  readonly type = 'incident';
  constructor(readonly incident: Incident) {}
}
class MessageNode {
  readonly type = 'message';
  constructor(readonly message: string) {}
}

/** The "Active Incidents" view: active incidents grouped by severity. */
export class IncidentsTreeProvider extends Disposable implements vscode.TreeDataProvider<Node> {
  private readonly changed = this.register(new vscode.EventEmitter<Node | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<Node>;

  constructor(private readonly source: StoreSnapshotSource) {
    super();
    this.view = this.register(vscode.window.createTreeView(INCIDENTS_VIEW_ID, { treeDataProvider: this, showCollapseAll: true }));
    this.register(source.onDidChange(() => this.changed.fire(undefined)));
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    if (node instanceof SeverityGroupNode) return node.incidents.map((incident) => new IncidentNode(incident));
    if (node) return [];
    const snapshot = this.source.current();
    // getChildren can run while createTreeView is still returning; the message waits for the view.
    if (this.view) this.view.message =
      snapshot.kind === 'unusable' ? snapshot.message : snapshot.kind === 'loaded' && snapshot.problems.length ? `Read-only until fixed: ${snapshot.problems.join('; ')}` : undefined;
    // Missing or unusable: the welcome view explains what to do.
    if (snapshot.kind !== 'loaded') return [];
    const active = snapshot.document.incidents.filter(isActive);
    if (active.length === 0) return [new MessageNode('No active incidents.')];
    return SEVERITIES.map((severity) => new SeverityGroupNode(severity, active.filter((i) => i.severity === severity))).filter(
      (group) => group.incidents.length > 0,
    );
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node instanceof SeverityGroupNode) {
      const item = new vscode.TreeItem(node.severity, vscode.TreeItemCollapsibleState.Expanded);
      item.description = `${node.incidents.length}`;
      item.iconPath = new vscode.ThemeIcon('flame', new vscode.ThemeColor(SEVERITY_COLOR[node.severity]));
      item.contextValue = 'severityGroup';
      return item;
    }
    if (node instanceof IncidentNode) {
      const { incident } = node;
      const item = new vscode.TreeItem(incident.title, vscode.TreeItemCollapsibleState.None);
      item.id = incident.id;
      item.description = `${incident.id} · ${incident.status}`;
      item.iconPath = new vscode.ThemeIcon('flame', new vscode.ThemeColor(SEVERITY_COLOR[incident.severity]));
      item.contextValue = 'incident';
      item.command = { command: CommandId.OpenIncident, title: 'Open Incident', arguments: [incident.id] };
      item.accessibilityInformation = { label: `${incident.severity} ${incident.title}, ${incident.status}, ${incident.id}` };
      return item;
    }
    const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
    item.contextValue = 'message';
    return item;
  }
}
