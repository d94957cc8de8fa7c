import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import { parseHostMessage, parseWebviewMessage, type HostMessage, type PanelState, type PanelTab, type WebviewMessage } from '../protocol';
import { Disposable } from './disposable';
import { panelHtml } from './panelHtml';

export const INCIDENT_PANEL_VIEW_TYPE = 'incidents.panel';

/** What a panel needs from the rest of the extension; the composition root supplies it. */
export interface IncidentPanelHost {
  readonly extensionUri: vscode.Uri;
  readonly log: vscode.LogOutputChannel;
  /** Fires when the store changed (here or on disk). */
  readonly onDidChangeStore: vscode.Event<void>;
  /** The panel state for an incident, or undefined when it is not in the store. */
  panelState(incidentId: string): PanelState | undefined;
  /** Carries out a validated message from the webview; a thrown Error is shown in the panel. */
  handle(incidentId: string, message: Exclude<WebviewMessage, { type: 'ready' }>): Promise<void>;
}

/** The incident id a restored webview was showing, from the state it saved (see webview-ui/src/main.ts). */
export function incidentIdFromSavedState(saved: unknown): string | undefined {
  const last = typeof saved === 'object' && saved !== null ? (saved as { last?: unknown }).last : undefined;
  const parsed = parseHostMessage(last);
  if (!parsed.ok) return undefined;
  if (parsed.message.type === 'state') return parsed.message.state.incident.id;
  return parsed.message.type === 'missing' ? parsed.message.incidentId : undefined;
}

/**
 * One webview panel per incident. Messages to the webview wait until it says
 * `ready`; state is pushed again whenever the store changes or the panel
 * becomes visible. Every message from the webview is validated first.
 */
export class IncidentPanel extends Disposable {
  private static readonly open = new Map<string, IncidentPanel>();
  private ready = false;

  /** Opens (or reveals) the incident's panel, optionally on one tab. */
  static show(incidentId: string, host: IncidentPanelHost, tab?: PanelTab): IncidentPanel {
    const existing = IncidentPanel.open.get(incidentId);
    const shown = existing ?? new IncidentPanel(vscode.window.createWebviewPanel(INCIDENT_PANEL_VIEW_TYPE, incidentId, vscode.ViewColumn.Active, IncidentPanel.options(host.extensionUri)), incidentId, host);
    if (existing) existing.panel.reveal();
    if (tab) shown.showTab(tab);
    return shown;
  }

  private pendingTab: PanelTab | undefined;

  /** Switches tab now, or once the webview is ready. */
  showTab(tab: PanelTab): void {
    if (this.ready) this.post({ type: 'showTab', tab });
    else this.pendingTab = tab;
  }

  /** Re-attaches a panel VS Code restored after a window reload. */
  static revive(panel: vscode.WebviewPanel, incidentId: string, host: IncidentPanelHost): IncidentPanel {
    panel.webview.options = IncidentPanel.options(host.extensionUri);
    return new IncidentPanel(panel, incidentId, host);
  }

  static get(incidentId: string): IncidentPanel | undefined {
    return IncidentPanel.open.get(incidentId);
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
    private readonly host: IncidentPanelHost,
  ) {
    super();
    IncidentPanel.open.set(incidentId, this);
    this.register(panel);
    panel.iconPath = new vscode.ThemeIcon('flame');
    panel.webview.html = this.html();
    this.register(panel.onDidDispose(() => this.dispose()));
    this.register(panel.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)));
    this.register(host.onDidChangeStore(() => this.pushState()));
    this.register(panel.onDidChangeViewState(() => panel.visible && this.pushState()));
  }

  override dispose(): void {
    if (IncidentPanel.open.get(this.incidentId) === this) IncidentPanel.open.delete(this.incidentId);
    super.dispose();
  }

  private async receive(raw: unknown): Promise<void> {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      this.host.log.warn(`incident panel ${this.incidentId}: rejected a message (${parsed.error})`);
      return;
    }
    const message = parsed.message;
    if (message.type === 'ready') {
      this.ready = true;
      this.pushState();
      if (this.pendingTab) this.post({ type: 'showTab', tab: this.pendingTab });
      this.pendingTab = undefined;
      return;
    }
    try {
      await this.host.handle(this.incidentId, message);
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      this.host.log.error(`incident panel ${this.incidentId}: ${message.type} failed: ${text}`);
      this.post({ type: 'error', message: text });
      // The webview may already show the refused change (a picker moved, a box ticked): send the real state so it never lies.
      this.pushState();
    }
  }

  pushState(): void {
    if (!this.ready || this.isDisposed) return;
    const state = this.host.panelState(this.incidentId);
    if (state) this.panel.title = `${state.incident.id} ${state.incident.title}`;
    this.post(state ? { type: 'state', state } : { type: 'missing', incidentId: this.incidentId });
  }

  private post(message: HostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  private html(): string {
    const webview = this.panel.webview;
    return panelHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      asset: (name) => webview.asWebviewUri(vscode.Uri.joinPath(this.host.extensionUri, 'dist', 'webview', name)).toString(),
    });
  }
}
