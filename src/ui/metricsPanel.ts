/**
 * "Incident: Show Metrics": one dashboard panel, computed here from the store
 * (src/core/metrics) with the filters the webview sends, recomputed when the
 * store changes, exportable as CSV.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { computeMetrics, metricsToCsv } from '../core/metrics';
import { parseMetricsWebviewMessage, type MetricsFilterMessage, type MetricsHostMessage } from '../protocol';
import { metricsFilter } from './metricsFilter';
import { Disposable } from './disposable';
import { METRICS_PAGE, panelHtml } from './panelHtml';
import type { WorkspaceStore } from './workspaceStore';

export const METRICS_VIEW_TYPE = 'incidents.metrics';
export class MetricsPanel extends Disposable {
  private static current: MetricsPanel | undefined;
  private filter: MetricsFilterMessage = { range: '90d' };
  private ready = false;

  static show(extensionUri: vscode.Uri, workspace: WorkspaceStore, log: vscode.LogOutputChannel): MetricsPanel {
    if (MetricsPanel.current) {
      MetricsPanel.current.panel.reveal();
      return MetricsPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(METRICS_VIEW_TYPE, 'Incident Metrics', vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')],
    });
    MetricsPanel.current = new MetricsPanel(panel, extensionUri, workspace, log);
    return MetricsPanel.current;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly workspace: WorkspaceStore,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this.register(panel);
    panel.iconPath = new vscode.ThemeIcon('graph');
    const webview = panel.webview;
    webview.html = panelHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      asset: (name) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', name)).toString(),
      page: METRICS_PAGE,
    });
    this.register(panel.onDidDispose(() => this.dispose()));
    this.register(webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)));
    this.register(workspace.onDidChange(() => this.push()));
  }

  override dispose(): void {
    if (MetricsPanel.current === this) MetricsPanel.current = undefined;
    super.dispose();
  }

  private async receive(raw: unknown): Promise<void> {
    const parsed = parseMetricsWebviewMessage(raw);
    if (!parsed.ok) {
      this.log.warn(`metrics dashboard: rejected a message (${parsed.error})`);
      return;
    }
    const message = parsed.message;
    if (message.type === 'ready') this.ready = true;
    else if (message.type === 'setFilter') {
      this.filter = message.filter;
      this.push();
    } else await this.exportCsv();
  }

  private compute() {
    const snapshot = this.workspace.current();
    const document = snapshot.kind === 'loaded' ? snapshot.document : undefined;
    return computeMetrics(document?.incidents ?? [], document?.deploys ?? [], this.workspace.policy(), metricsFilter(this.filter, new Date()));
  }

  push(): void {
    if (!this.ready || this.isDisposed) return;
    const started = performance.now();
    const metrics = this.compute();
    this.post({ type: 'metrics', filter: this.filter, metrics, computedInMs: performance.now() - started });
  }

  private async exportCsv(): Promise<void> {
    const folder = this.workspace.folder;
    const target = await vscode.window.showSaveDialog({ title: 'Export incident metrics', filters: { CSV: ['csv'] }, ...(folder && { defaultUri: vscode.Uri.joinPath(folder, 'incident-metrics.csv') }) });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(metricsToCsv(this.compute())));
    void vscode.window.showInformationMessage(`Exported the metrics to ${vscode.workspace.asRelativePath(target)}.`);
  }

  private post(message: MetricsHostMessage): void {
    void this.panel.webview.postMessage(message);
  }
}
