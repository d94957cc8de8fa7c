import * as vscode from 'vscode';
import { isActive } from '../../core/lifecycle/lifecycle';
import { SEVERITIES, type Incident, type StoreDocument } from '../../core/record/schema';
import { resolvePolicy } from '../../core/clocks/sla';
import { groupIncidents, type Grouping } from './incidentGroups';
import { incidentRow, incidentTooltip, unreadableRecordsMessage } from './incidentRows';
import { DetailNode, GroupNode, incidentDetails, IncidentNode, LoadMoreNode, SEVERITY_COLOR, unreadableRecordDetail, UnreadableRecordsNode } from './incidentNodes';
import { CommandId } from '../commands/commandIds';
import { Disposable } from '../disposable';
import type { StoreSnapshotSource } from '../storeSnapshot';
import type { NewEntriesSource } from '../newEntries';

export const INCIDENTS_VIEW_ID = 'incidents.active';
export type { Grouping } from './incidentGroups';
export { DetailNode, GroupNode, IncidentNode, LoadMoreNode, SEVERITY_COLOR, UnreadableRecordsNode } from './incidentNodes';
/** Rows of the "Resolved / closed" group shown per page. */
export const PAGE_SIZE = 200;
/** How long a reveal keeps trying: the view may still be opening, or reloading, on a busy machine. */
const REVEAL_PATIENCE_MS = 30_000;
/** How often the SLA clocks in the rows are refreshed. */
const CLOCK_TICK_MS = 30_000;

type Node = GroupNode | IncidentNode | DetailNode | LoadMoreNode | UnreadableRecordsNode;

/** A row as VS Code shows it, tooltip resolved; for tests. */
export interface ShownRow {
  label: string;
  description?: string;
  icon?: string;
  iconColor?: string;
  tooltip?: string;
  /** The title is marked (drawn highlighted, as unread mail is bold): entries new to you. */
  marked?: boolean;
}

/**
 * The "Active Incidents" view: active incidents grouped by severity or status,
 * each with its SLA clock, and a collapsed, paged "Resolved / closed" group.
 * Incident nodes are kept per id so the clock tick refreshes only those rows.
 */
export class IncidentsTreeProvider extends Disposable implements vscode.TreeDataProvider<Node> {
  private readonly changed = this.register(new vscode.EventEmitter<Node | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  /** The incident whose row is selected while the view is shown, if one is. */
  selectedIncidentId(): string | undefined {
    if (!this.view.visible) return undefined;
    const [selected] = this.view.selection;
    return selected instanceof IncidentNode ? selected.incident.id : undefined;
  }

  readonly view: vscode.TreeView<Node>;
  private readonly nodes = new Map<string, IncidentNode>();
  private readonly shownClosed = new Map<string, number>();
  private grouping: Grouping;
  /** The SLA policy of the snapshot last listed, so rows do not re-parse it one by one. */
  private policy = resolvePolicy(undefined);
  /** Counts reveals, so a reveal still trying gives way to the one asked for after it. */
  private revealGeneration = 0;
  /** Entries others wrote since you last looked: their incident's title is drawn highlighted, and the row says how many on hover and to a screen reader. */
  private newEntries: Pick<NewEntriesSource, 'unseen'> | undefined;
  /** How many new entries each incident's row was last drawn with. */
  private readonly markedCounts = new Map<string, number>();

  constructor(
    private readonly source: StoreSnapshotSource,
    grouping: Grouping = 'severity',
  ) {
    super();
    this.grouping = grouping;
    this.view = this.register(vscode.window.createTreeView(INCIDENTS_VIEW_ID, { treeDataProvider: this, showCollapseAll: true }));
    this.register(
      source.onDidChange(() => {
        this.takeSnapshot();
        this.changed.fire(undefined);
      }),
    );
    this.takeSnapshot();
    const timer = setInterval(() => this.tickClocks(), CLOCK_TICK_MS);
    this.register({ dispose: () => clearInterval(timer) });
  }

  /**
   * Marks the rows of incidents with entries new to you, refreshing the row whose count changed.
   * The mark is the title itself drawn highlighted: it stays however narrow the sidebar (a description
   * is cut off first) and needs no resource URI (a file decoration's kept the rows' tooltips from showing).
   */
  showNewEntries(source: NewEntriesSource): void {
    this.newEntries = source;
    this.register(source.onDidChange((id) => this.refreshMarks(id)));
    this.refreshMarks(undefined);
  }

  /**
   * Redraws only the rows whose count of new entries moved: a redraw of a row under the mouse
   * cancels its tooltip, and the source fires on every store change and once it knows who you are.
   */
  private refreshMarks(incidentId: string | undefined): void {
    const nodes = incidentId ? [this.nodes.get(incidentId)] : [...this.nodes.values()];
    for (const node of nodes) {
      if (node && (this.newEntries?.unseen(node.incident.id).length ?? 0) !== (this.markedCounts.get(node.incident.id) ?? 0)) this.changed.fire(node);
    }
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

  /**
   * On each change of the store, not in getChildren (which VS Code may call at
   * any time): the SLA policy the rows use, and the line above the rows (why
   * the store cannot be used, or which records could not be read).
   */
  private takeSnapshot(): void {
    const snapshot = this.source.current();
    this.policy = this.source.policy();
    this.view.message = snapshot.kind === 'unusable' ? snapshot.message : snapshot.kind === 'loaded' ? unreadableRecordsMessage(snapshot.problems) : undefined;
  }

  private document(): StoreDocument | undefined {
    const snapshot = this.source.current();
    return snapshot.kind === 'loaded' ? snapshot.document : undefined;
  }

  private groups(document: StoreDocument): GroupNode[] {
    return groupIncidents(document.incidents, this.grouping).map((group) => new GroupNode(group.key, group.label, group.incidents, group.closedGroup));
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
    if (node instanceof IncidentNode) return incidentDetails(node, document);
    if (node instanceof UnreadableRecordsNode) return node.problems.map((problem, index) => unreadableRecordDetail(node, problem, index));
    if (node) return [];
    const groups = this.groups(document);
    const snapshot = this.source.current();
    return snapshot.kind === 'loaded' && snapshot.problems.length ? [new UnreadableRecordsNode(snapshot.problems), ...groups] : groups;
  }

  /** What `reveal` walks up: details to their incident, incidents and "Load more" to their group. */
  getParent(node: Node): Node | undefined {
    if (node instanceof DetailNode) return node.parent;
    if (node instanceof LoadMoreNode) return node.group;
    if (!(node instanceof IncidentNode)) return undefined;
    const document = this.document();
    return document && this.groups(document).find((group) => group.incidents.some((incident) => incident.id === node.incident.id));
  }

  /**
   * Selects an incident's row when the view is open (never opens the view
   * itself); its group is expanded and paged as needed. The view may still be
   * opening, a refresh landing in the middle (the store reloaded, a group
   * paged) can make VS Code drop the reveal or fail it, and a reload can
   * briefly hold no such incident: so each try looks the row up again, and
   * the next try comes when the view shows or the store changes, or after a
   * pause, until the selection holds the row. A later reveal (another incident
   * made current) ends this one; so does REVEAL_PATIENCE_MS.
   */
  async reveal(id: string): Promise<void> {
    const generation = ++this.revealGeneration;
    const deadline = Date.now() + REVEAL_PATIENCE_MS;
    for (let attempt = 1; generation === this.revealGeneration && !this.isDisposed; attempt++) {
      const incident = this.source.current().incident(id);
      let failure: unknown;
      if (incident && this.view.visible) {
        const node = this.nodeFor(incident);
        this.pageTo(node, id);
        try {
          await this.view.reveal(node, { select: true, focus: false, expand: false });
        } catch (error) {
          failure = error;
        }
        if (this.view.selection.some((selected) => selected instanceof IncidentNode && selected.incident.id === id)) return;
      }
      if (Date.now() > deadline) {
        if (failure) throw failure;
        return;
      }
      await this.nextChanceToReveal(Math.min(200 * attempt, 2_000));
    }
  }

  /** Resolves when the view shows or hides, the store changes, or `ms` pass: whichever comes first. */
  private nextChanceToReveal(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const listeners: vscode.Disposable[] = [];
      const done = () => {
        clearTimeout(timer);
        listeners.forEach((listener) => listener.dispose());
        resolve();
      };
      const timer = setTimeout(done, ms);
      listeners.push(this.view.onDidChangeVisibility(done), this.source.onDidChange(done));
    });
  }

  /** Shows enough pages of a collapsed "Resolved / closed" group for the incident's row to be among them. */
  private pageTo(node: IncidentNode, id: string): void {
    const group = this.getParent(node);
    if (!(group instanceof GroupNode) || !group.closedGroup) return;
    const position = group.incidents.findIndex((i) => i.id === id);
    const shown = this.shownClosed.get(group.key) ?? PAGE_SIZE;
    if (position < shown) return;
    this.shownClosed.set(group.key, Math.ceil((position + 1) / PAGE_SIZE) * PAGE_SIZE);
    this.changed.fire(undefined);
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
    if (node instanceof UnreadableRecordsNode) {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = 'unreadable-records';
      item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
      item.tooltip = vscode.l10n.t('{0}\nFix or remove them in the store file; its records are not changed until then.', unreadableRecordsMessage(node.problems) ?? '');
      item.command = { command: CommandId.RevealStore, title: vscode.l10n.t('Reveal Incident Store File') };
      item.contextValue = 'unreadableRecords';
      return item;
    }
    if (node instanceof LoadMoreNode) {
      const item = new vscode.TreeItem(vscode.l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
      item.id = `more:${node.group.key}:${this.shownClosed.get(node.group.key) ?? PAGE_SIZE}`;
      item.command = { command: CommandId.LoadMore, title: vscode.l10n.t('Load more'), arguments: [node.group.key] };
      item.contextValue = 'loadMore';
      return item;
    }
    const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.description = node.description;
    item.iconPath = new vscode.ThemeIcon(node.icon, node.iconColor ? new vscode.ThemeColor(node.iconColor) : undefined);
    item.command = node.command;
    if (node.tooltip) item.tooltip = node.tooltip;
    item.contextValue = 'incidentDetail';
    return item;
  }

  /** The first two levels as labels ("SEV1 > INC-1A2B3C4D Checkout …"), through getChildren as VS Code calls it; for tests. */
  rows(): string[] {
    const childText = (row: Node) =>
      row instanceof IncidentNode ? `${row.incident.id} ${row.incident.title}` : row instanceof DetailNode ? `${row.label}: ${row.description}` : '…';
    return this.getChildren().flatMap((top) =>
      top instanceof GroupNode || top instanceof UnreadableRecordsNode ? [top.label, ...this.getChildren(top).map((row) => `${top.label} > ${childText(row)}`)] : [],
    );
  }

  /** One incident's row as VS Code gets it (getTreeItem, then resolveTreeItem for the tooltip); for tests. */
  async shownRow(id: string): Promise<ShownRow | undefined> {
    const incident = this.source.current().incident(id);
    return incident && this.shown(this.nodeFor(incident));
  }

  /** The rows under one incident's row, as VS Code shows them; for tests. */
  async shownChildren(id: string): Promise<ShownRow[] | undefined> {
    const incident = this.source.current().incident(id);
    return incident && Promise.all(this.getChildren(this.nodeFor(incident)).map((child) => this.shown(child)));
  }

  private async shown(node: Node): Promise<ShownRow> {
    const item = await this.resolveTreeItem(this.getTreeItem(node), node);
    const icon = item.iconPath instanceof vscode.ThemeIcon ? item.iconPath : undefined;
    return {
      label: typeof item.label === 'string' ? item.label : (item.label?.label ?? ''),
      marked: typeof item.label === 'object' && Boolean(item.label.highlights?.length),
      description: typeof item.description === 'string' ? item.description : undefined,
      icon: icon?.id,
      iconColor: icon?.color?.id,
      tooltip: typeof item.tooltip === 'string' ? item.tooltip : item.tooltip?.value,
    };
  }

  /** Tooltips are built when hovered, not for every row of a 10,000-incident store. */
  resolveTreeItem(item: vscode.TreeItem, node: Node): vscode.TreeItem {
    if (node instanceof IncidentNode && item.tooltip === undefined) {
      // The count the row was drawn with, so the tooltip and the mark agree.
      const fresh = this.markedCounts.get(node.incident.id) ?? 0;
      const tooltip = incidentTooltip(node.incident, this.policy, new Date());
      item.tooltip = fresh ? `${tooltip}\n${vscode.l10n.t('{0} new since you last looked', fresh)}` : tooltip;
    }
    return item;
  }

  /** Shows the next page of the resolved/closed group. */
  loadMore(groupKey: string): void {
    this.shownClosed.set(groupKey, (this.shownClosed.get(groupKey) ?? PAGE_SIZE) + PAGE_SIZE);
    this.changed.fire(undefined);
  }

  private incidentItem(incident: Incident): vscode.TreeItem {
    const row = incidentRow(incident, this.policy, new Date());
    // Entries new to you: the whole title drawn highlighted, which a narrow sidebar keeps.
    const fresh = this.newEntries?.unseen(incident.id).length ?? 0;
    this.markedCounts.set(incident.id, fresh);
    const label: vscode.TreeItemLabel | string = fresh ? { label: row.label, highlights: [[0, row.label.length]] } : row.label;
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = incident.id;
    item.description = row.description;
    // A drill keeps its severity's colour but not the flame: a practice must not look like a fire at a glance.
    // One an alert opened rings a bell in the same colour, so it is told apart where the description is hidden.
    item.iconPath = new vscode.ThemeIcon(row.drill ? 'beaker' : row.alert ? 'bell' : 'flame', new vscode.ThemeColor(SEVERITY_COLOR[incident.severity]));
    item.contextValue = isActive(incident) ? 'incident.active' : 'incident.inactive';
    item.command = { command: CommandId.OpenIncident, title: vscode.l10n.t('Open Incident'), arguments: [incident.id] };
    item.accessibilityInformation = {
      label: [
        fresh && vscode.l10n.t('{0} new since you last looked', fresh),
        row.drill && vscode.l10n.t('Drill'),
        row.alert && vscode.l10n.t('Opened by an alert'),
        `${incident.severity} ${incident.title}`,
        incident.status,
        row.clock,
        incident.id,
      ]
        .filter(Boolean)
        .join(', '),
    };
    return item;
  }
}
