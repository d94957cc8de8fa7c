/**
 * The "Action Items" view: open retrospective action items across incidents,
 * overdue ones marked, completed or dropped from the context menu; a click
 * opens the incident's retrospective. With the plan's tracker, each row says
 * its issue and where it stands ("#12 · exported"); the context menu exports
 * it or opens its issue (contextValue `actionItem`, `.exportable`, `.retryable`, `.linked`).
 */
import * as vscode from 'vscode';
import { openActionItems, type OpenActionItem } from '../../core/retrospective/actionItems';
import { followupState } from '../../core/retrospective/followups';
import type { ActionItem } from '../../core/record/schema';
import { followupError, followupLabel, followupUrl } from '../../core/retrospective/followupLabels';
import { CommandId } from '../commands/commandIds';
import { Disposable } from '../disposable';
import type { StoreSnapshotSource } from '../storeSnapshot';

export const ACTION_ITEMS_VIEW_ID = 'incidents.actionItems';

export class ActionItemNode {
  constructor(readonly row: OpenActionItem) {}
}

export class ActionItemsTreeProvider extends Disposable implements vscode.TreeDataProvider<ActionItemNode> {
  private readonly changed = this.register(new vscode.EventEmitter<undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<ActionItemNode>;

  constructor(private readonly source: StoreSnapshotSource) {
    super();
    this.view = this.register(vscode.window.createTreeView(ACTION_ITEMS_VIEW_ID, { treeDataProvider: this }));
    const changed = () => {
      this.describe();
      this.changed.fire(undefined);
    };
    this.register(source.onDidChange(changed));
    this.describe();
  }

  /** The rows, computed once per change of the store (not in getChildren), and the count beside the view's title. */
  private describe(): void {
    const rows = openActionItems(this.source.current().incidents, new Date());
    this.rows = rows;
    const overdue = rows.filter((row) => row.overdue).length;
    this.view.description = !rows.length ? undefined : overdue ? vscode.l10n.t('{0} open, {1} overdue', rows.length, overdue) : vscode.l10n.t('{0} open', rows.length);
  }

  private rows: readonly OpenActionItem[] = [];

  getChildren(node?: ActionItemNode): ActionItemNode[] {
    return node ? [] : this.rows.map((row) => new ActionItemNode(row));
  }

  /** The rows as VS Code shows them (for tests): label, description, contextValue, tooltip. */
  shownRows(): { label: string; description: string; contextValue: string; tooltip: string }[] {
    return this.rows.map((row) => {
      const item = this.getTreeItem(new ActionItemNode(row));
      return { label: String(item.label), description: String(item.description ?? ''), contextValue: item.contextValue ?? '', tooltip: this.tooltipText(row) };
    });
  }

  /** The tooltip as plain text: the item, its incident, its ticket, where it stands in the tracker. */
  private tooltipText(row: OpenActionItem): string {
    const lines = [row.item.title, '', `${row.incidentId}: ${row.incidentTitle}`];
    if (row.item.ticket) lines.push(vscode.l10n.t('Ticket: {0}', row.item.ticket));
    if (this.source.plan().tracker || row.item.export) lines.push(trackerLine(row.item));
    return lines.join('\n');
  }

  getTreeItem({ row }: ActionItemNode): vscode.TreeItem {
    const item = new vscode.TreeItem(row.item.title, vscode.TreeItemCollapsibleState.None);
    item.id = `${row.incidentId}:${row.item.id}`;
    const owner = row.item.owner?.replace(/\s*<[^>]*>$/, '');
    const tracked = this.source.plan().tracker !== undefined;
    item.description = [
      followupLabel(row.item),
      owner,
      row.item.due && (row.overdue ? vscode.l10n.t('overdue since {0}', row.item.due) : vscode.l10n.t('due {0}', row.item.due)),
      row.incidentId,
    ]
      .filter(Boolean)
      .join(' · ');
    item.iconPath = row.overdue ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('errorForeground')) : new vscode.ThemeIcon('circle-large-outline');
    item.tooltip = new vscode.MarkdownString().appendText(this.tooltipText(row));
    item.contextValue = ['actionItem', tracked && !row.item.export && 'exportable', row.item.export?.state === 'failed' && 'retryable', followupUrl(row.item) && 'linked']
      .filter(Boolean)
      .join('.');
    item.accessibilityInformation = { label: row.overdue ? vscode.l10n.t('{0}, {1}, overdue', row.item.title, item.description) : `${row.item.title}, ${item.description}` };
    item.command = { command: CommandId.OpenRetrospective, title: vscode.l10n.t('Open Retrospective'), arguments: [row.incidentId] };
    return item;
  }
}

/** The tooltip's line: the state in the tracker and, when it failed, the last error on one line. */
function trackerLine(item: ActionItem): string {
  const state = vscode.l10n.t('Tracker: {0}', followupLabel(item) ?? followupState(item));
  const error = followupError(item);
  return error ? `${state} (${error})` : state;
}

/** The (incident, action item) a command was invoked on: a view node, or ids from a script. */
export function actionItemTarget(args: readonly unknown[]): { incidentId: string; actionId: string } | undefined {
  const [first, second] = args;
  if (first instanceof ActionItemNode) return { incidentId: first.row.incidentId, actionId: first.row.item.id };
  if (typeof first === 'string' && typeof second === 'string') return { incidentId: first, actionId: second };
  return undefined;
}
