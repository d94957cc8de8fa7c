/**
 * What the incident panel and the metrics dashboard share, after
 * vscode-pull-request-github's WebviewBase: the HTML shell with its CSP, a
 * fresh nonce and the extension's translations, the webview options, a ready handshake (posts wait in a queue
 * until the webview says `ready`), validation of every incoming message
 * (invalid ones are logged and dropped), and errors sent back as the reply to
 * the request that failed, paired by the request's id.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { takeRequestId, type ErrorReply, type Parsed } from '../../protocol/requests';
import { Disposable } from '../disposable';
import { panelHtml, type WebviewPage } from './panelHtml';
import { errorMessage } from '../../core/record/errors';

export interface WebviewPanelContext {
  readonly extensionUri: vscode.Uri;
  readonly log: vscode.LogOutputChannel;
}

type Ready = { type: 'ready' };

export abstract class WebviewPanelBase<FromWebview extends { type: string }, ToWebview extends { type: string }> extends Disposable {
  private ready = false;
  private readonly queued: Array<ToWebview | ErrorReply> = [];

  /** Scripts on, and only the bundle folder readable. The context is dropped when hidden: the webview restores itself from setState. */
  static webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')],
    };
  }

  protected constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly context: WebviewPanelContext,
    page: WebviewPage,
    private readonly parse: (raw: unknown) => Parsed<FromWebview>,
  ) {
    super();
    this.register(panel);
    const webview = panel.webview;
    webview.html = panelHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      asset: (name) => webview.asWebviewUri(vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview', name)).toString(),
      page,
      // The webview's strings come from the host: the same bundle vscode.l10n.t reads (undefined in English).
      l10nBundle: vscode.l10n.bundle,
    });
    this.register(panel.onDidDispose(() => this.dispose()));
    this.register(webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)));
  }

  /** How the log names this panel, e.g. "incident panel INC-7K3QF2XM". */
  protected abstract get logName(): string;

  /** The webview said it is ready (first load, or a reload after it was hidden): send what it should show. */
  protected abstract onReady(): void;

  /** Carries out a validated request from the webview; a thrown Error goes back to it as the reply. */
  protected abstract onRequest(message: Exclude<FromWebview, Ready>): Promise<void>;

  /** Called after a failed request's error reply was sent. */
  protected onRequestFailed(): void {}

  protected get isReady(): boolean {
    return this.ready;
  }

  /** Posts now if the webview is ready, else when it says so, in order. */
  protected post(message: ToWebview | ErrorReply): void {
    if (this.isDisposed) return;
    if (this.ready) void this.panel.webview.postMessage(message);
    else this.queued.push(message);
  }

  private async receive(raw: unknown): Promise<void> {
    const { requestId, message: body } = takeRequestId(raw);
    const parsed = this.parse(body);
    if (!parsed.ok) {
      this.context.log.warn(`${this.logName}: rejected a message (${parsed.error})`);
      return;
    }
    const message = parsed.message;
    if (message.type === 'ready') {
      this.ready = true;
      this.onReady();
      for (const waiting of this.queued.splice(0)) this.post(waiting);
      return;
    }
    try {
      await this.onRequest(message as Exclude<FromWebview, Ready>);
    } catch (error) {
      const text = errorMessage(error);
      this.context.log.error(`${this.logName}: ${message.type} failed: ${text}`);
      this.post({ type: 'error', message: text, ...(requestId !== undefined && { requestId }) });
      this.onRequestFailed();
    }
  }
}
