import type * as vscode from 'vscode';
import type { SlaPolicy, StoreDocument } from '../core/schema';

/** What the views know of the store at one moment. */
export type StoreSnapshot =
  | { readonly kind: 'missing' }
  | { readonly kind: 'loaded'; readonly document: StoreDocument; readonly problems: readonly string[] }
  | { readonly kind: 'unusable'; readonly message: string };

/** The views read the store through this; the composition root supplies it. */
export interface StoreSnapshotSource {
  readonly onDidChange: vscode.Event<void>;
  current(): StoreSnapshot;
  /** The SLA policy the clocks use: the store's, defaults filled in, with the editor's overrides on top. */
  policy(): SlaPolicy;
}
