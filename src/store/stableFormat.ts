/**
 * The one way the store is written: 2-space JSON, keys in schema order,
 * incidents sorted by id, events by time (ties by id), deploys by time, and a
 * trailing newline. Saving an unchanged store changes no byte, so diffs and
 * reviews show only what really changed.
 */
import { storeDocumentSchema, type StoreDocument } from '../core/schema';

const byText = <T>(key: (item: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
const byTimeThenId = <T extends { at: string; id: string }>(a: T, b: T) => byText<T>((x) => x.at)(a, b) || byText<T>((x) => x.id)(a, b);

export function canonicalDocument(document: StoreDocument): StoreDocument {
  // Parsing through the schema rebuilds every object with its keys in schema order.
  const parsed = storeDocumentSchema.parse(document);
  return {
    ...parsed,
    incidents: [...parsed.incidents].sort(byText((i) => i.id)).map((incident) => ({
      ...incident,
      timeline: [...incident.timeline].sort(byTimeThenId),
      updates: [...incident.updates].sort(byTimeThenId),
      commits: [...incident.commits].sort(byText((c) => `${c.linkedAt}\u0000${c.sha}`)),
      deployIds: [...new Set(incident.deployIds)].sort(),
    })),
    deploys: [...parsed.deploys].sort(byTimeThenId),
  };
}

export function formatStore(document: StoreDocument): string {
  return `${JSON.stringify(canonicalDocument(document), null, 2)}\n`;
}
