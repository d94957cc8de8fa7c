/**
 * The badge on an incident's row in the Active Incidents view while it holds
 * entries teammates wrote since you last looked (src/ui/newEntries.ts): a
 * decoration's count and colour stay at the row's end however narrow the
 * sidebar (a description would be cut off first), as the Explorer shows a
 * changed file. Rows carry a URI of their own scheme (incidentRowUri) for
 * this, never a file's. The row's accessible label says it in words.
 */
import * as vscode from 'vscode';
import type { NewEntriesSource } from '../newEntries';

const ROW_SCHEME = 'incidents-row';

/** The URI an incident's row carries so that decorations can find it. */
export function incidentRowUri(incidentId: string): vscode.Uri {
  return vscode.Uri.from({ scheme: ROW_SCHEME, path: `/${incidentId}` });
}

export class NewEntriesBadge implements vscode.FileDecorationProvider {
  readonly onDidChangeFileDecorations: vscode.Event<vscode.Uri | vscode.Uri[] | undefined>;

  constructor(private readonly source: NewEntriesSource) {
    this.onDidChangeFileDecorations = (listener, thisArg, disposables) =>
      source.onDidChange((id) => listener.call(thisArg, id ? incidentRowUri(id) : undefined), undefined, disposables);
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    if (uri.scheme !== ROW_SCHEME) return undefined;
    const count = this.source.unseen(uri.path.slice(1)).length;
    if (!count) return undefined;
    // A badge holds two characters at most.
    return new vscode.FileDecoration(
      count > 99 ? '99' : String(count),
      vscode.l10n.t('{0} new since you last looked', count),
      new vscode.ThemeColor('notificationsInfoIcon.foreground'),
    );
  }
}
