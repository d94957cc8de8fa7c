/**
 * The incident panel's HTML shell. Pure (no vscode import) so the e2e tests
 * serve the very same page, CSP included, to Chromium alone.
 */
export interface PanelHtmlOptions {
  /** The webview's `cspSource` (or the test server's origin). */
  cspSource: string;
  /** A fresh random nonce per render. */
  nonce: string;
  /** URL of a file in dist/webview/. */
  asset: (name: string) => string;
}

export function contentSecurityPolicy({ cspSource, nonce }: Pick<PanelHtmlOptions, 'cspSource' | 'nonce'>): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
  ].join('; ');
}

export function panelHtml(options: PanelHtmlOptions): string {
  const { nonce, asset } = options;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(options)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('codicon.css')}" nonce="${nonce}" id="vscode-codicon-stylesheet">
<link rel="stylesheet" href="${asset('panel.css')}" nonce="${nonce}">
<title>Incident</title>
</head>
<body>
<main id="app" aria-live="polite"><p>Loading incident…</p></main>
<script type="module" nonce="${nonce}" src="${asset('main.js')}"></script>
</body>
</html>`;
}
