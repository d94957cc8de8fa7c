import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { IncidentResponderApi } from '../../src/extension';

export const EXTENSION_ID = 'incident-responder.incident-responder';

export async function activateExtension(): Promise<IncidentResponderApi> {
  const extension = vscode.extensions.getExtension<IncidentResponderApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not installed in this VS Code`);
  return extension.activate();
}

export function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  assert.ok(folder, 'the tests need a workspace folder');
  return folder;
}

/** Polls `probe` until it returns a value other than undefined (tests never assert on time). */
export async function eventually<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
