/**
 * Where *Add Error as Evidence…* finds the error: text handed to the command
 * (scripts, tests), the editor's selection, the terminal's selection where
 * VS Code exposes it (a proposed API today), a stack trace on the clipboard,
 * else an input box to paste into.
 */
import * as vscode from 'vscode';
import type { ErrorSource } from '../core/code/errorEvidence';
import { parseStackTrace, TRACE_TEXT_LIMIT } from '../core/code/stackTraces';

export interface ErrorText {
  text: string;
  source: ErrorSource;
}

export async function findErrorText(given: unknown): Promise<ErrorText | undefined> {
  if (typeof given === 'string' && given.trim()) return { text: given, source: 'pasted' };
  const editor = vscode.window.activeTextEditor;
  if (editor && !editor.selection.isEmpty) return { text: editor.document.getText(editor.selection), source: 'editor' };
  const terminalSelection = (vscode.window.activeTerminal as { selection?: unknown } | undefined)?.selection;
  if (typeof terminalSelection === 'string' && terminalSelection.trim()) return { text: terminalSelection, source: 'terminal' };
  // Without that API, the terminal's own Copy yields its selection (if any) through the clipboard, as the
  // responder who right-clicked it would have done by hand; what was on the clipboard is put back after.
  const saved = await readClipboard();
  if (vscode.window.activeTerminal) {
    await vscode.commands.executeCommand('workbench.action.terminal.copySelection').then(undefined, () => undefined);
    const copied = await readClipboard();
    if (copied !== saved) {
      await vscode.env.clipboard.writeText(saved).then(undefined, () => undefined);
      if (copied.trim()) return { text: copied.slice(0, TRACE_TEXT_LIMIT), source: 'terminal' };
    }
  }
  const clipboard = saved.slice(0, TRACE_TEXT_LIMIT);
  if (parseStackTrace(clipboard).length) return { text: clipboard, source: 'clipboard' };
  const pasted = await vscode.window.showInputBox({
    title: vscode.l10n.t('Add Error as Evidence'),
    prompt: vscode.l10n.t('Paste the error or stack trace (or select it in an editor or copy it, then run this again)'),
    ignoreFocusOut: true,
  });
  return pasted?.trim() ? { text: pasted, source: 'pasted' } : undefined;
}

/** The clipboard's text, or nothing when the host will not say: a browser may refuse (code-server without permission) or never answer. */
async function readClipboard(): Promise<string> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const refused = new Promise<string>((resolve) => (timer = setTimeout(() => resolve(''), CLIPBOARD_WAIT_MS)));
  try {
    return await Promise.race([vscode.env.clipboard.readText().then(undefined, () => ''), refused]);
  } finally {
    clearTimeout(timer);
  }
}

const CLIPBOARD_WAIT_MS = 2_000;
