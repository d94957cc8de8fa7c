import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { IncidentResponderApi } from '../../src/extension';
import type { Incident } from '../../src/core/record/schema';
import { IncidentStore } from '../../src/store/incidentStore';

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

/**
 * Waits for a command that asks through quick picks, answering each with
 * Enter on its first item once it shows, as a person would: Enter is pressed
 * again until the command has finished. An Enter with no pick open, or on a
 * pick still waiting for its items, does nothing, so no press can come too
 * early, however long git takes to fill the pick on a loaded machine.
 */
export async function acceptingFirstItems<T>(running: Thenable<T>, what: string): Promise<T> {
  let settled = false;
  const result = Promise.resolve(running);
  result.then(
    () => (settled = true),
    () => (settled = true),
  );
  await eventually(
    async () => {
      if (!settled) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return settled || undefined;
    },
    what,
    25_000,
  );
  return result;
}

/** The incident with this id as the workspace's store file holds it now; fails the test when it is not there. */
export function storedIncident(id: string): Incident {
  const read = new IncidentStore(workspaceFolder().fsPath).read();
  const incident = read.kind === 'loaded' ? read.document.incidents.find((i) => i.id === id) : undefined;
  assert.ok(incident, `${id} is in the store`);
  return incident;
}
