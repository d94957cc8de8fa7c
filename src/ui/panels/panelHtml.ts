/**
 * The webviews' HTML shell (the incident panel, the metrics dashboard). Pure
 * (no vscode import) so the e2e tests serve the very same page, CSP included,
 * to Chromium alone.
 */
import { L10N_META_NAME } from '../../protocol/webviewValues';

export interface PanelHtmlOptions {
  /** The webview's `cspSource` (or the test server's origin). */
  cspSource: string;
  /** A fresh random nonce per render. */
  nonce: string;
  /** URL of a file in dist/webview/. */
  asset: (name: string) => string;
  /** Which page; default the incident panel. */
  page?: WebviewPage;
  /** The extension's translations (`vscode.l10n.bundle`); undefined in English. */
  l10nBundle?: Readonly<Record<string, string>>;
}

/** Text for a double-quoted HTML attribute: the browser gives back exactly `text` from getAttribute. */
function attributeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The translations as JSON in a <meta>, not an inline script, which the CSP
 * forbids; the webview reads it before it renders anything.
 */
function l10nMeta(bundle: PanelHtmlOptions['l10nBundle']): string {
  return bundle ? `\n<meta name="${L10N_META_NAME}" content="${attributeText(JSON.stringify(bundle))}">` : '';
}

export interface WebviewPage {
  script: string;
  stylesheet: string;
  title: string;
  loading: string;
}

export const INCIDENT_PAGE: WebviewPage = { script: 'main.js', stylesheet: 'panel.css', title: 'Incident', loading: 'Loading incident…' };
export const METRICS_PAGE: WebviewPage = { script: 'metrics.js', stylesheet: 'metrics-style.css', title: 'Incident Metrics', loading: 'Computing metrics…' };

export function contentSecurityPolicy({ cspSource, nonce }: Pick<PanelHtmlOptions, 'cspSource' | 'nonce'>): string {
  return ["default-src 'none'", `script-src 'nonce-${nonce}'`, `style-src ${cspSource} 'nonce-${nonce}'`, `font-src ${cspSource}`, `img-src ${cspSource} data:`].join('; ');
}

export function panelHtml(options: PanelHtmlOptions): string {
  const { nonce, asset } = options;
  const page = options.page ?? INCIDENT_PAGE;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(options)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">${l10nMeta(options.l10nBundle)}
<link rel="stylesheet" href="${asset('codicon.css')}" nonce="${nonce}" id="vscode-codicon-stylesheet">
<link rel="stylesheet" href="${asset(page.stylesheet)}" nonce="${nonce}">
<title>${page.title}</title>
</head>
<body>
<main id="app" aria-live="polite"><p>${page.loading}</p></main>
<script type="module" nonce="${nonce}" src="${asset(page.script)}"></script>
</body>
</html>`;
}
