import * as vscode from 'vscode';
import type { EffectivePlan } from '../core/plan/plan';
import type { Incident, SlaPolicy, StoreDocument } from '../core/record/schema';
import type { StoreSnapshot } from '../store/storeSnapshot';

export type { StoreSnapshot } from '../store/storeSnapshot';

/** The views read the store through this; the composition root supplies it. */
export interface StoreSnapshotSource {
  readonly onDidChange: vscode.Event<void>;
  current(): StoreSnapshot;
  /** The SLA policy the clocks use: the store's, defaults filled in, with the editor's overrides on top. */
  policy(): SlaPolicy;
  /** The response plan in force (its regulatory clocks, who must be told, the checklist). */
  plan(): EffectivePlan;
}

/** The incident and the document that holds it; a one-line error for the person when the store does not hold it. */
export function incidentInStore(snapshot: StoreSnapshot, id: string): { incident: Incident; document: StoreDocument } {
  const incident = snapshot.incident(id);
  if (!incident || snapshot.kind !== 'loaded') throw new Error(vscode.l10n.t('{0} is not in the store.', id));
  return { incident, document: snapshot.document };
}
