import * as vscode from 'vscode';
import { storeDocumentSchema } from '../core/schema';
import { Disposable } from './disposable';
import type { StoreSnapshot, StoreSnapshotSource } from './storeSnapshot';

export const STORE_RELATIVE_PATH = '.incidents/incidents.json';

/**
 * Reads `.incidents/incidents.json` of the first workspace folder and follows
 * it on disk. Reading is allowed in an untrusted workspace; nothing here writes.
 */
export class WorkspaceStoreSource extends Disposable implements StoreSnapshotSource {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private snapshot: StoreSnapshot = { kind: 'missing' };

  constructor(private readonly folder: vscode.Uri | undefined) {
    super();
    if (folder) {
      const watcher = this.register(vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, STORE_RELATIVE_PATH)));
      const reload = () => void this.reload();
      this.register(watcher.onDidChange(reload));
      this.register(watcher.onDidCreate(reload));
      this.register(watcher.onDidDelete(reload));
    }
  }

  get storeUri(): vscode.Uri | undefined {
    return this.folder && vscode.Uri.joinPath(this.folder, STORE_RELATIVE_PATH);
  }

  current(): StoreSnapshot {
    return this.snapshot;
  }

  async reload(): Promise<StoreSnapshot> {
    this.snapshot = await this.read();
    this.changed.fire();
    return this.snapshot;
  }

  private async read(): Promise<StoreSnapshot> {
    const uri = this.storeUri;
    if (!uri) return { kind: 'missing' };
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return { kind: 'missing' };
    }
    try {
      const parsed = storeDocumentSchema.safeParse(JSON.parse(text));
      if (parsed.success) return { kind: 'loaded', document: parsed.data };
      return { kind: 'unusable', message: `${STORE_RELATIVE_PATH}: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
    } catch (error) {
      return { kind: 'unusable', message: `${STORE_RELATIVE_PATH}: ${(error as Error).message}` };
    }
  }
}
