/**
 * The panel base in a real webview: a probe page (inline script) echoes every
 * message it receives back to the host, so the test sees what the webview got
 * and in which order.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Parsed } from '../../src/protocol/requests';
import { WebviewPanelBase } from '../../src/ui/panels/webviewPanelBase';
import { INCIDENT_PAGE } from '../../src/ui/panels/panelHtml';
import { eventually } from './extensionHelpers';

type ProbeIn = { type: 'ready' } | { type: 'fail' } | { type: 'echo'; received: unknown };
type ProbeOut = { type: 'hello' } | { type: 'early'; n: number };

const parseProbe = (raw: unknown): Parsed<ProbeIn> => {
  const type = (raw as { type?: unknown } | null)?.type;
  return type === 'ready' || type === 'fail' || type === 'echo' ? { ok: true, message: raw as ProbeIn } : { ok: false, error: `type: ${String(type)}` };
};

/** Posts `ready` late (so the host's earlier posts must wait), then a malformed message and a request that fails. */
const PROBE_SCRIPT = `
const vscode = acquireVsCodeApi();
window.addEventListener('message', (event) => vscode.postMessage({ type: 'echo', received: event.data }));
setTimeout(() => {
  vscode.postMessage({ type: 'ready' });
  vscode.postMessage({ type: 'runShell', command: 'rm -rf /' });
  vscode.postMessage({ type: 'fail', requestId: '42' });
}, 300);`;

class ProbePanel extends WebviewPanelBase<ProbeIn, ProbeOut> {
  readonly received: unknown[] = [];

  constructor(log: vscode.LogOutputChannel) {
    const extensionUri = vscode.extensions.getExtension('incident-responder.incident-responder')!.extensionUri;
    super(
      vscode.window.createWebviewPanel('incidents.probe', 'Probe', vscode.ViewColumn.Active, WebviewPanelBase.webviewOptions(extensionUri)),
      { extensionUri, log },
      INCIDENT_PAGE,
      parseProbe,
    );
    const nonce = 'probe-nonce-0123456789';
    this.panel.webview.html = `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}'"></head><body><script nonce="${nonce}">${PROBE_SCRIPT}</script></body></html>`;
    this.post({ type: 'early', n: 1 });
    this.post({ type: 'early', n: 2 });
  }

  protected get logName(): string {
    return 'probe';
  }

  protected onReady(): void {
    this.post({ type: 'hello' });
  }

  protected async onRequest(message: Exclude<ProbeIn, { type: 'ready' }>): Promise<void> {
    if (message.type === 'echo') this.received.push(message.received);
    else throw new Error('refused by the probe');
  }
}

describe('webview panel base', () => {
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('holds posts until the webview is ready, drops a malformed message with a warning, and answers a failed request by its id', async () => {
    const lines: string[] = [];
    const log = { warn: (line: string) => lines.push(`warn ${line}`), error: (line: string) => lines.push(`error ${line}`) } as unknown as vscode.LogOutputChannel;
    const probe = new ProbePanel(log);
    try {
      await eventually(() => (probe.received.length >= 4 ? true : undefined), 'four messages echoed by the webview');
      assert.deepEqual(probe.received, [{ type: 'hello' }, { type: 'early', n: 1 }, { type: 'early', n: 2 }, { type: 'error', message: 'refused by the probe', requestId: '42' }]);
      assert.deepEqual(lines, ['warn probe: rejected a message (type: runShell)', 'error probe: fail failed: refused by the probe']);
    } finally {
      probe.dispose();
    }
  });
});
