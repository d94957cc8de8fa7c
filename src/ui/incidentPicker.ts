import * as vscode from 'vscode';
import type { StoreSnapshotSource } from './storeSnapshot';

/** Asks which incident, newest declarations last as the store keeps them; undefined when dismissed or there is none. */
export async function pickIncidentId(source: StoreSnapshotSource, title: string): Promise<string | undefined> {
  const { incidents } = source.current();
  if (incidents.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('There are no incidents to open.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    incidents.map((incident) => ({ label: incident.title, description: `${incident.id} · ${incident.severity} · ${incident.status}`, id: incident.id })),
    { title, matchOnDescription: true },
  );
  return picked?.id;
}
