import type * as vscode from 'vscode';
import type { SlaPolicy } from '../core/schema';
import type { StoreSnapshot } from '../store/storeSnapshot';

export type { StoreSnapshot } from '../store/storeSnapshot';

/** The views read the store through this; the composition root supplies it. */
export interface StoreSnapshotSource {
  readonly onDidChange: vscode.Event<void>;
  current(): StoreSnapshot;
  /** The SLA policy the clocks use: the store's, defaults filled in, with the editor's overrides on top. */
  policy(): SlaPolicy;
}
