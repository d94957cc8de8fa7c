/**
 * A thin wrapper around `acquireVsCodeApi()`. In a plain browser (the e2e
 * tests open the page in Chromium alone) it falls back to a stub that keeps
 * state in memory and logs posted messages on `window.__postedMessages`.
 */
import type { MetricsWebviewMessage, WebviewMessage } from '../../src/protocol';

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

export function post(message: WebviewMessage | MetricsWebviewMessage): void {
  api.postMessage(message);
}

export function savedState<T>(): T | undefined {
  return api.getState() as T | undefined;
}

export function saveState(state: unknown): void {
  api.setState(state);
}
