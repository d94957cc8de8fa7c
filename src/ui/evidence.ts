/** Evidence from the editor: where it was seen (file, lines, commit) and what it said, size-capped. */
import * as vscode from 'vscode';
import { EVIDENCE_TEXT_LIMIT } from '../core/code/errorEvidence';
import type { NewTimelineEvent } from '../core/lifecycle/timeline';

export { EVIDENCE_TEXT_LIMIT };

export interface EvidenceData extends Record<string, unknown> {
  file: string;
  startLine: number;
  endLine: number;
  commit?: string;
  excerpt: string;
}

export function evidenceFromSelection(editor: vscode.TextEditor, folder: vscode.Uri, head: string | undefined): NewTimelineEvent & { data: EvidenceData } {
  const file = vscode.workspace.asRelativePath(editor.document.uri, false);
  if (editor.document.uri.scheme !== 'file' || file === editor.document.uri.fsPath || !editor.document.uri.fsPath.startsWith(folder.fsPath)) {
    throw new Error(vscode.l10n.t('Only files inside the workspace folder can be recorded as evidence.'));
  }
  const selection = editor.selection;
  const range = selection.isEmpty ? editor.document.lineAt(selection.active.line).range : selection;
  const text = editor.document.getText(range);
  const excerpt = text.length > EVIDENCE_TEXT_LIMIT ? `${text.slice(0, EVIDENCE_TEXT_LIMIT)}…` : text;
  const startLine = range.start.line + 1;
  const endLine = range.end.character === 0 && range.end.line > range.start.line ? range.end.line : range.end.line + 1;
  const where = startLine === endLine ? `${file}:${startLine}` : `${file}:${startLine}-${endLine}`;
  return {
    kind: 'evidence',
    text: `${where}${head ? ` at ${head.slice(0, 8)}` : ''}\n${excerpt}`,
    data: { file, startLine, endLine, ...(head && { commit: head }), excerpt },
  };
}
