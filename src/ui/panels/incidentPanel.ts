import * as vscode from 'vscode';
import { parseHostMessage, parseWebviewMessage, type HostMessage, type PanelState, type WebviewMessage } from '../../protocol/incidentPanel';
import type { PanelTab } from '../../protocol/webviewValues';
import type { NewEntriesSource } from '../newEntries';
import { INCIDENT_PAGE } from './panelHtml';
import { WebviewPanelBase } from './webviewPanelBase';

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
  /** The tab a newly opened panel starts on when none is asked for (the timeline once an incident is past triage); undefined: the first. */
  initialTab?(incidentId: string): PanelTab | undefined;
  /** Entries others wrote since this person last looked (src/ui/newEntries.ts); without it none is marked. */
  readonly newEntries?: Pick<NewEntriesSource, 'unseen' | 'markSeen'>;
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
 * One webview panel per incident. State is pushed when the webview says it is
 * ready, whenever the store changes and when the panel becomes visible again.
 */
export class IncidentPanel extends WebviewPanelBase<WebviewMessage, HostMessage> {
  private static readonly open = new Map<string, IncidentPanel>();
  /** Entries new to the reader during this visit (since the panel last became visible): marked until the next visit. */
  private readonly newThisVisit = new Set<string>();
  private wasVisible: boolean;

  /** Opens (or reveals) the incident's panel, optionally on one tab. */
  static show(incidentId: string, host: IncidentPanelHost, tab?: PanelTab): IncidentPanel {
    const existing = IncidentPanel.open.get(incidentId);
    const shown =
      existing ??
      new IncidentPanel(
        vscode.window.createWebviewPanel(INCIDENT_PANEL_VIEW_TYPE, incidentId, vscode.ViewColumn.Active, WebviewPanelBase.webviewOptions(host.extensionUri)),
        incidentId,
        host,
      );
    if (existing) existing.panel.reveal();
    const start = tab ?? (existing ? undefined : host.initialTab?.(incidentId));
    if (start) shown.showTab(start);
    return shown;
  }

  /** The incident whose panel is the active editor tab, if one is. */
  static activeIncidentId(): string | undefined {
    for (const [id, shown] of IncidentPanel.open) if (shown.panel.active) return id;
    return undefined;
  }

  /** Re-attaches a panel VS Code restored after a window reload. */
  static revive(panel: vscode.WebviewPanel, incidentId: string, host: IncidentPanelHost): IncidentPanel {
    panel.webview.options = WebviewPanelBase.webviewOptions(host.extensionUri);
    return new IncidentPanel(panel, incidentId, host);
  }

  private constructor(
    panel: vscode.WebviewPanel,
    readonly incidentId: string,
    private readonly host: IncidentPanelHost,
  ) {
    super(panel, host, INCIDENT_PAGE, parseWebviewMessage);
    IncidentPanel.open.set(incidentId, this);
    panel.iconPath = new vscode.ThemeIcon('flame');
    this.wasVisible = panel.visible;
    this.register(host.onDidChangeStore(() => this.pushState()));
    this.register(
      panel.onDidChangeViewState(() => {
        // Shown again: what was new last time has been seen, and is no longer marked.
        if (panel.visible && !this.wasVisible) this.newThisVisit.clear();
        this.wasVisible = panel.visible;
        if (panel.visible) this.pushState();
      }),
    );
  }

  protected get logName(): string {
    return `incident panel ${this.incidentId}`;
  }

  /** Switches tab now, or once the webview is ready. */
  showTab(tab: PanelTab): void {
    this.post({ type: 'showTab', tab });
  }

  override dispose(): void {
    if (IncidentPanel.open.get(this.incidentId) === this) IncidentPanel.open.delete(this.incidentId);
    super.dispose();
  }

  protected onReady(): void {
    this.pushState();
  }

  protected onRequest(message: Exclude<WebviewMessage, { type: 'ready' }>): Promise<void> {
    return this.host.handle(this.incidentId, message);
  }

  /** The webview may already show the refused change (a picker moved, a box ticked): send the real state so it never lies. */
  protected override onRequestFailed(): void {
    this.pushState();
  }

  /** Sends the current state; before the webview is ready there is nothing to do, it gets the state then. */
  pushState(): void {
    if (!this.isReady || this.isDisposed) return;
    const state = this.host.panelState(this.incidentId);
    if (state) this.panel.title = `${state.incident.id} ${state.incident.title}`;
    this.post(state ? { type: 'state', state: this.markingNew(state) } : { type: 'missing', incidentId: this.incidentId });
  }

  /**
   * The state with the entries new to the reader marked. A panel visible and
   * focused is in front of them: what it shows is remembered as seen (so the
   * tree's mark goes), and stays marked here until the panel is shown again.
   */
  private markingNew(state: PanelState): PanelState {
    const newEntries = this.host.newEntries;
    if (!newEntries) return state;
    for (const entry of newEntries.unseen(this.incidentId)) this.newThisVisit.add(entry.id);
    if (this.panel.visible && this.panel.active) newEntries.markSeen(this.incidentId);
    const present = new Set(state.incident.timeline.map((event) => event.id));
    const newEventIds = [...this.newThisVisit].filter((id) => present.has(id));
    return newEventIds.length ? { ...state, newEventIds } : state;
  }
}
