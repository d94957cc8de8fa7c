/**
 * "New from teammates" in the editor: the timeline entries others wrote (a
 * sync brought them, an alert added them) that this person has not had in
 * front of them, per incident. What was seen is kept in the workspace's
 * memory on this machine, never in the store: each teammate has their own.
 * The incident panel marks the entries and says when they were seen (it was
 * visible and focused); the Active Incidents view marks the incident's row
 * until then. The rule itself is src/core/record/seenEntries.ts.
 */
import * as vscode from 'vscode';
import { baselineSeen, readSeenMemory, sameSeen, seenNow, unseenEntries, type SeenMemory } from '../core/record/seenEntries';
import type { TimelineEvent } from '../core/record/schema';
import { errorMessage } from '../core/record/errors';
import { isActive } from '../core/lifecycle/lifecycle';
import { Disposable } from './disposable';
import type { StoreSnapshotSource } from './storeSnapshot';

export const SEEN_MEMORY_KEY = 'incidents.seenTimelineEntries';

/** What the panel and the tree ask. */
export interface NewEntriesSource {
  /** Fires with the incident whose new entries changed (undefined: any may have). */
  readonly onDidChange: vscode.Event<string | undefined>;
  /** Entries of the incident others wrote since this person last looked; none until who they are is known. */
  unseen(incidentId: string): TimelineEvent[];
  /** The incident was in front of its reader: everything it holds now has been seen. */
  markSeen(incidentId: string): void;
}

export class NewEntries extends Disposable implements NewEntriesSource {
  private readonly changed = this.register(new vscode.EventEmitter<string | undefined>());
  readonly onDidChange = this.changed.event;
  private memory: SeenMemory;
  private me: string | undefined;

  constructor(
    private readonly storage: vscode.Memento,
    private readonly source: StoreSnapshotSource,
    who: () => Promise<string>,
    log: vscode.LogOutputChannel,
  ) {
    super();
    this.memory = readSeenMemory(storage.get(SEEN_MEMORY_KEY));
    this.register(
      source.onDidChange(() => {
        this.baseline();
        // A sync may have brought entries: every incident's count may have moved.
        this.changed.fire(undefined);
      }),
    );
    this.baseline();
    // Until git (or the setting) says who you are, nothing is marked: your own entries must never look new.
    who().then(
      (me) => {
        this.me = me;
        this.changed.fire(undefined);
      },
      (error) => log.warn(`new entries: who you are is unknown (${errorMessage(error)}); nothing is marked new`),
    );
  }

  unseen(incidentId: string): TimelineEvent[] {
    const incident = this.memory.baselined ? this.source.current().incident(incidentId) : undefined;
    // Only active incidents are remembered, and marked.
    return incident && isActive(incident) ? unseenEntries(incident.timeline, this.memory.incidents[incidentId], this.me) : [];
  }

  markSeen(incidentId: string): void {
    const incident = this.source.current().incident(incidentId);
    if (!incident || !isActive(incident) || !this.memory.baselined) return;
    const next = seenNow(incident);
    if (sameSeen(this.memory.incidents[incidentId], next)) return;
    this.save({ ...this.memory, incidents: { ...this.memory.incidents, [incidentId]: next } });
    this.changed.fire(incidentId);
  }

  /**
   * On each store read: the first time, what it holds is history (taken as seen, not marked);
   * after that, incidents no longer active are forgotten and reopened ones taken as seen.
   */
  private baseline(): void {
    const snapshot = this.source.current();
    if (snapshot.kind !== 'loaded') return;
    const next = baselineSeen(this.memory, snapshot.document.incidents.filter(isActive), new Date());
    if (next !== this.memory) this.save(next);
  }

  private save(memory: SeenMemory): void {
    this.memory = memory;
    void this.storage.update(SEEN_MEMORY_KEY, memory);
  }
}
