import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import { parseWebviewMessage, type HostMessage } from '../protocol';
import { Disposable } from './disposable';
import type { StoreSnapshotSource } from './storeSnapshot';

export const INCIDENT_PANEL_VIEW_TYPE = 'incidents.panel';

/**
 * One webview panel per incident. Messages to the webview wait until it says
 * `ready`; state is pushed again whenever the store changes.
 */
export class IncidentPanel extends Disposable {
  private static readonly open = new Map<string, IncidentPanel>();
  private ready = false;

  static show(incidentId: string, extensionUri: vscode.Uri, source: StoreSnapshotSource, log: vscode.LogOutputChannel): IncidentPanel {
    const existing = IncidentPanel.open.get(incidentId);
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(INCIDENT_PANEL_VIEW_TYPE, incidentId, vscode.ViewColumn.Active, IncidentPanel.options(extensionUri));
    return new IncidentPanel(panel, incidentId, extensionUri, source, log);
  }

  /** Re-attaches a panel VS Code restored after a window reload (see the serializer in extension.ts). */
  static revive(panel: vscode.WebviewPanel, incidentId: string, extensionUri: vscode.Uri, source: StoreSnapshotSource, log: vscode.LogOutputChannel): IncidentPanel {
    panel.webview.options = IncidentPanel.options(extensionUri);
    return new IncidentPanel(panel, incidentId, extensionUri, source, log);
  }

  static options(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')],
    };
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    readonly incidentId: string,
    private readonly extensionUri: vscode.Uri,
    private readonly source: StoreSnapshotSource,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    IncidentPanel.open.set(incidentId, this);
    this.register(panel);
    panel.iconPath = new vscode.ThemeIcon('flame');
    panel.webview.html = this.html();
    this.register(panel.onDidDispose(() => this.dispose()));
    this.register(panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)));
    this.register(source.onDidChange(() => this.pushState()));
    this.register(panel.onDidChangeViewState(() => panel.visible && this.pushState()));
  }

  override dispose(): void {
    IncidentPanel.open.delete(this.incidentId);
    super.dispose();
  }

  private receive(raw: unknown): void {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      this.log.warn(`incident panel ${this.incidentId}: rejected a message (${parsed.error})`);
      return;
    }
    if (parsed.message.type === 'ready') {
      this.ready = true;
      this.pushState();
    }
  }

  private pushState(): void {
    if (!this.ready || this.isDisposed) return;
    const snapshot = this.source.current();
    const incident = snapshot.kind === 'loaded' ? snapshot.document.incidents.find((i) => i.id === this.incidentId) : undefined;
    const message: HostMessage = incident
      ? { type: 'state', incident, readOnly: !vscode.workspace.isTrusted }
      : { type: 'missing', incidentId: this.incidentId };
    if (incident) this.panel.title = `${incident.id} ${incident.title}`;
    void this.panel.webview.postMessage(message);
  }

  private html(): string {
    const webview = this.panel.webview;
    const nonce = randomBytes(16).toString('base64');
    const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview', name));
    const csp = [
      "default-src 'none'",
      `script-src 'nonce-${nonce}'`,
      `style-src ${webview.cspSource} 'nonce-${nonce}'`,
      `font-src ${webview.cspSource}`,
      `img-src ${webview.cspSource} data:`,
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('panel.css')}" nonce="${nonce}">
<title>Incident</title>
</head>
<body>
<main id="app" aria-live="polite"><p>Loading incident…</p></main>
<script type="module" nonce="${nonce}" src="${asset('main.js')}"></script>
</body>
</html>`;
  }
}
