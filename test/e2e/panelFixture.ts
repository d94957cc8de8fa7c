/**
 * Serves the incident panel's page and the metrics dashboard (at /metrics; the same HTML and CSP as in VS Code) and
 * dist/webview/ on 127.0.0.1, and builds panel states for the webview tests.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../harness/browser';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { incidentSchema, type Incident, type TimelineEvent } from '../../src/core/record/schema';
import type { PanelState, WebviewMessage } from '../../src/protocol/incidentPanel';
import { INCIDENT_PAGE, METRICS_PAGE, panelHtml } from '../../src/ui/panels/panelHtml';
import { PROJECT_ROOT } from '../harness/projectPaths';

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf', '.map': 'application/json' };

export interface PanelServer {
  origin: string;
  close(): Promise<void>;
}

/** What the host would give the page: its translations (`vscode.l10n.bundle`), none for English. */
export interface PanelServerOptions {
  l10nBundle?: Record<string, string>;
}

export async function servePanel({ l10nBundle }: PanelServerOptions = {}): Promise<PanelServer> {
  const dir = join(PROJECT_ROOT, 'dist', 'webview');
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    if (url.pathname === '/' || url.pathname === '/metrics') {
      const origin = `http://${request.headers.host}`;
      response.writeHead(200, { 'content-type': 'text/html' });
      const page = url.pathname === '/metrics' ? METRICS_PAGE : INCIDENT_PAGE;
      response.end(panelHtml({ cspSource: origin, nonce: Math.random().toString(36).slice(2), asset: (name) => `${origin}/${name}`, page, l10nBundle }));
      return;
    }
    const name = url.pathname.slice(1);
    if (!/^[\w.-]+$/.test(name)) {
      response.writeHead(404).end();
      return;
    }
    try {
      const body = readFileSync(join(dir, name));
      response.writeHead(200, { 'content-type': TYPES[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export function timelineEvents(count: number, start = Date.parse('2026-11-23T09:00:00Z')): TimelineEvent[] {
  const kinds: TimelineEvent['kind'][] = ['note', 'decision', 'evidence', 'commit', 'status', 'update'];
  return Array.from({ length: count }, (_, i) => ({
    id: `ev${String(i).padStart(6, '0')}`,
    at: new Date(start + i * 30_000).toISOString(),
    author: i % 2 ? 'Sam Lee <sam@example.com>' : 'Dana Ortiz <dana@example.com>',
    kind: kinds[i % kinds.length],
    text: `Timeline entry ${i}: checked the checkout pods and the error budget`,
  }));
}

export function panelState(overrides: Partial<Incident> = {}, readOnly = false): PanelState {
  const incident = incidentSchema.parse({
    id: 'INC-1A2B3C4D',
    title: 'Checkout returns 500 for EU customers',
    category: 'regression',
    severity: 'SEV1',
    status: 'triaged',
    declaredAt: '2026-11-23T09:00:00.000Z',
    declaredBy: 'Dana Ortiz <dana@example.com>',
    updatedAt: '2026-11-23T09:05:00.000Z',
    roles: { commander: 'Dana Ortiz <dana@example.com>', responders: ['Sam Lee <sam@example.com>'] },
    timeline: timelineEvents(3),
    ...overrides,
  });
  const now = Date.now();
  return {
    incident,
    deploys: [],
    readOnly,
    view: {
      stage: 'respond',
      nextStatuses: ['communicating', 'mitigated', 'resolved', 'detected'],
      blockedStatuses: [],
      checklist: [
        { id: 'confidentiality', question: 'Could data have reached someone not allowed to see it?', hint: 'Logs, exports, caches, access grants', emphasized: false },
        { id: 'integrity', question: 'Could data have been changed, corrupted or lost?', hint: 'Writes, migrations, replication', emphasized: false },
        { id: 'availability', question: 'Is the service down or degraded past its SLO?', hint: 'Error rate, latency, saturation', emphasized: true },
      ],
      verdict: { isIncident: false, text: 'No box ticked yet.' },
      clocks: [
        { name: 'response', label: 'Response', metAt: new Date(now - 60_000).toISOString() },
        { name: 'resolution', label: 'Resolution', deadline: new Date(now + 42 * 60_000).toISOString() },
      ],
    },
  };
}

/**
 * The variables VS Code's Dark Modern theme gives a webview, for screenshots
 * of a webview shown alone. Set through CSSOM, which the page's CSP allows.
 */
export const DARK_MODERN: Record<string, string> = {
  '--vscode-font-family': 'system-ui, "Segoe UI", Ubuntu, sans-serif',
  '--vscode-font-size': '13px',
  '--vscode-foreground': '#cccccc',
  '--vscode-descriptionForeground': '#9d9d9d',
  '--vscode-editor-background': '#1f1f1f',
  '--vscode-editorWidget-background': '#202020',
  '--vscode-panel-border': '#2b2b2b',
  '--vscode-focusBorder': '#0078d4',
  '--vscode-textLink-foreground': '#4daafc',
  '--vscode-errorForeground': '#f85149',
  '--vscode-textBlockQuote-background': '#2b2b2b',
  '--vscode-charts-blue': '#3794ff',
  '--vscode-charts-orange': '#d18616',
  '--vscode-charts-green': '#89d185',
  '--vscode-charts-purple': '#b180d7',
  '--vscode-charts-red': '#f14c4c',
  '--vscode-charts-yellow': '#cca700',
  '--vscode-badge-background': '#616161',
  '--vscode-badge-foreground': '#f8f8f8',
};

/** The same variables from VS Code's Light Modern theme. */
export const LIGHT_MODERN: Record<string, string> = {
  ...DARK_MODERN,
  '--vscode-foreground': '#3b3b3b',
  '--vscode-descriptionForeground': '#3b3b3b',
  '--vscode-editor-background': '#ffffff',
  '--vscode-editorWidget-background': '#f8f8f8',
  '--vscode-panel-border': '#e5e5e5',
  '--vscode-focusBorder': '#005fb8',
  '--vscode-textLink-foreground': '#005fb8',
  '--vscode-errorForeground': '#f85149',
  '--vscode-textBlockQuote-background': '#f8f8f8',
  '--vscode-charts-blue': '#1a85ff',
  '--vscode-charts-orange': '#d18616',
  '--vscode-charts-green': '#388a34',
  '--vscode-charts-purple': '#652d90',
  '--vscode-charts-red': '#e51400',
  '--vscode-charts-yellow': '#bf8803',
  // What @vscode-elements' pickers, buttons and tabs read (their fallbacks are dark).
  '--vscode-settings-dropdownBackground': '#ffffff',
  '--vscode-settings-dropdownForeground': '#3b3b3b',
  '--vscode-settings-dropdownBorder': '#cecece',
  '--vscode-button-secondaryBackground': '#e5e5e5',
  '--vscode-button-secondaryForeground': '#3b3b3b',
  '--vscode-panelTitle-activeForeground': '#3b3b3b',
  '--vscode-panelTitle-inactiveForeground': '#3b3b3b',
  '--vscode-panelTitle-activeBorder': '#005fb8',
};

/** Script for page.evaluate: applies the theme variables and the editor background. */
export function applyTheme(variables: Record<string, string>): void {
  for (const [name, value] of Object.entries(variables)) document.documentElement.style.setProperty(name, value);
  document.body.style.background = variables['--vscode-editor-background'] ?? '';
}

/**
 * Mocha hooks for a webview page in Chromium alone: one server (given the
 * host's translations, if any) and browser per suite, a fresh page per test at `path`, with CSP violations, console errors
 * and page errors collected in `problems` and dialogs in `dialogs` (dismissed).
 */
export function useWebviewPage(path: string, viewport: { width: number; height: number }, host: PanelServerOptions = {}) {
  const state = { page: undefined as unknown as Page, problems: [] as string[], dialogs: [] as string[] };
  let server: PanelServer;
  let browser: Browser;
  before(async () => {
    server = await servePanel(host);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    state.problems.length = 0;
    state.dialogs.length = 0;
    state.page = await browser.newPage({ viewport });
    state.page.on('console', (message) => {
      if (message.type() === 'error' || /Content Security Policy|Refused/.test(message.text())) state.problems.push(message.text());
    });
    state.page.on('pageerror', (error) => state.problems.push(error.message));
    state.page.on('dialog', (dialog) => {
      state.dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await state.page.goto(`${server.origin}${path}`);
  });
  afterEach(async () => state.page?.close());
  return state;
}

/**
 * What a page posted to the host, in order. Each request carries a number
 * (`requestId`, see webview-ui/src/vscodeApi.ts) the host's error reply
 * echoes; `posted` leaves it out so tests compare the messages themselves, and
 * `requestIds` gives the numbers.
 */
export function postedMessages<T>(page: Page): Promise<T[]> {
  return page.evaluate(() =>
    (window as unknown as { __postedMessages: Array<{ requestId?: string }> }).__postedMessages.map(({ requestId: _requestId, ...message }) => message),
  ) as Promise<T[]>;
}

export function postedRequestIds(page: Page): Promise<Array<string | undefined>> {
  return page.evaluate(() => (window as unknown as { __postedMessages: Array<{ requestId?: string }> }).__postedMessages.map((message) => message.requestId));
}

/** Messages to and from the incident panel page opened by useWebviewPage('/'). */
export function panelMessages(web: { page: Page }) {
  return {
    pushState: (state: PanelState) => web.page.evaluate((s) => window.postMessage({ type: 'state', state: s }, '*'), state),
    pushError: (message: string) => web.page.evaluate((m) => window.postMessage({ type: 'error', message: m }, '*'), message),
    posted: () => postedMessages<WebviewMessage>(web.page),
    /** An attribute of the focused element, after two frames (custom elements render and take focus asynchronously). */
    focused: (attribute: string) =>
      web.page.evaluate(
        (name) =>
          new Promise<string | null>((resolve) =>
            requestAnimationFrame(() => requestAnimationFrame(() => resolve(document.activeElement?.getAttribute(name) ?? `<${document.activeElement?.tagName.toLowerCase()}>`))),
          ),
        attribute,
      ),
  };
}
