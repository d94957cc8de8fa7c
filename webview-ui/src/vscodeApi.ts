/**
 * A thin wrapper around `acquireVsCodeApi()`. In a plain browser (the e2e
 * tests open the page in Chromium alone) it falls back to a stub that keeps
 * state in memory and logs posted messages on `window.__postedMessages`.
 */
import type { WebviewMessage } from '../../src/protocol/incidentPanel';
import type { MetricsWebviewMessage } from '../../src/protocol/metrics';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare global {
  interface Window {
    acquireVsCodeApi?: () => VsCodeApi;
    __postedMessages?: unknown[];
  }
}

function browserStub(): VsCodeApi {
  let state: unknown;
  window.__postedMessages = [];
  return {
    postMessage: (message) => window.__postedMessages?.push(message),
    getState: () => state,
    setState: (next) => (state = next),
  };
}

const api: VsCodeApi = typeof window.acquireVsCodeApi === 'function' ? window.acquireVsCodeApi() : browserStub();

let lastRequestId = 0;

/**
 * Sends a message to the host. Everything but `ready` is a request and gets a
 * number (`requestId`) that the host echoes in its error reply if the request
 * fails (see src/ui/panels/webviewPanelBase.ts).
 */
export function post(message: WebviewMessage | MetricsWebviewMessage): void {
  api.postMessage(message.type === 'ready' ? message : { ...message, requestId: String(++lastRequestId) });
}

export function savedState<T>(): T | undefined {
  return api.getState() as T | undefined;
}

export function saveState(state: unknown): void {
  api.setState(state);
}
