/**
 * Loads the translations the host put in the page (src/ui/panels/panelHtml.ts: a
 * <meta> with `vscode.l10n.bundle` as JSON), so every `l10n.t` in the webview
 * shows the same language as the extension. Each page imports this module
 * first: ES modules run in import order, and the sections build labels as
 * they are imported. No <meta> (English) leaves `l10n.t` with its own text.
 */
import * as l10n from '@vscode/l10n';
import { L10N_META_NAME } from '../../src/protocol/webviewValues';

function hostBundle(): Record<string, string> | undefined {
  const json = document.querySelector(`meta[name="${L10N_META_NAME}"]`)?.getAttribute('content');
  if (!json) return undefined;
  try {
    const bundle: unknown = JSON.parse(json);
    return typeof bundle === 'object' && bundle !== null && !Array.isArray(bundle) ? (bundle as Record<string, string>) : undefined;
  } catch {
    console.warn('[webview] ignored malformed translations; showing English');
    return undefined;
  }
}

const contents = hostBundle();
if (contents) l10n.config({ contents });
