/**
 * "Incident: Show Metrics": one dashboard panel, computed here from the store
 * (src/core/retrospective/metrics) with the filters the webview sends, recomputed when the
 * store changes, exportable as CSV.
 */
import * as vscode from 'vscode';
import { computeMetrics, metricsToCsv } from '../../core/retrospective/metrics';
import { parseMetricsWebviewMessage, type MetricsFilterMessage, type MetricsHostMessage, type MetricsWebviewMessage } from '../../protocol/metrics';
import { metricsFilter } from '../../protocol/metricsFilter';
import { METRICS_PAGE } from './panelHtml';
import { WebviewPanelBase } from './webviewPanelBase';
import type { WorkspaceStore } from '../workspaceStore';

export const METRICS_VIEW_TYPE = 'incidents.metrics';
export class MetricsPanel extends WebviewPanelBase<MetricsWebviewMessage, MetricsHostMessage> {
  private static current: MetricsPanel | undefined;
  private filter: MetricsFilterMessage = { range: '90d' };

  static show(extensionUri: vscode.Uri, workspace: WorkspaceStore, log: vscode.LogOutputChannel): MetricsPanel {
    if (MetricsPanel.current) {
      MetricsPanel.current.panel.reveal();
      return MetricsPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(METRICS_VIEW_TYPE, 'Incident Metrics', vscode.ViewColumn.Active, WebviewPanelBase.webviewOptions(extensionUri));
    MetricsPanel.current = new MetricsPanel(panel, extensionUri, workspace, log);
    return MetricsPanel.current;
  }

  private constructor(
    panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly workspace: WorkspaceStore,
    log: vscode.LogOutputChannel,
  ) {
    super(panel, { extensionUri, log }, METRICS_PAGE, parseMetricsWebviewMessage);
    panel.iconPath = new vscode.ThemeIcon('graph');
    this.register(workspace.onDidChange(() => this.push()));
  }

  protected get logName(): string {
    return 'metrics dashboard';
  }

  override dispose(): void {
    if (MetricsPanel.current === this) MetricsPanel.current = undefined;
    super.dispose();
  }

  /** Nothing to send yet: the webview follows `ready` with the filter it shows, and the numbers go out then. */
  protected onReady(): void {}

  protected async onRequest(message: Exclude<MetricsWebviewMessage, { type: 'ready' }>): Promise<void> {
    if (message.type === 'exportCsv') return this.exportCsv();
    this.filter = message.filter;
    this.push();
  }

  private compute() {
    const snapshot = this.workspace.current();
    const document = snapshot.kind === 'loaded' ? snapshot.document : undefined;
    return computeMetrics(document?.incidents ?? [], document?.deploys ?? [], this.workspace.policy(), metricsFilter(this.filter, new Date()));
  }

  push(): void {
    if (!this.isReady || this.isDisposed) return;
    const started = performance.now();
    const metrics = this.compute();
    this.post({ type: 'metrics', filter: this.filter, metrics, computedInMs: performance.now() - started, types: this.typeChoices() });
  }

  /** The plan's types, then the ids of types only stored incidents still have (a type the plan dropped). */
  private typeChoices(): { id: string; title: string }[] {
    const planned = (this.workspace.plan().types ?? []).map((type) => ({ id: type.id, title: type.title }));
    const snapshot = this.workspace.current();
    const stored = snapshot.kind === 'loaded' ? snapshot.document.incidents.flatMap((incident) => (incident.type ? [incident.type] : [])) : [];
    const known = new Set(planned.map((type) => type.id));
    return [...planned, ...[...new Set(stored)].filter((id) => !known.has(id)).map((id) => ({ id, title: id }))];
  }

  private async exportCsv(): Promise<void> {
    const folder = this.workspace.folder;
    const target = await vscode.window.showSaveDialog({
      title: 'Export incident metrics',
      filters: { CSV: ['csv'] },
      ...(folder && { defaultUri: vscode.Uri.joinPath(folder, 'incident-metrics.csv') }),
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(metricsToCsv(this.compute())));
    void vscode.window.showInformationMessage(`Exported the metrics to ${vscode.workspace.asRelativePath(target)}.`);
  }
}
