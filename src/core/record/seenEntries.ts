/**
 * "New from teammates": which timeline entries someone has not had in front of
 * them yet. What a person has seen is theirs and their machine's (the editor
 * keeps it, never the store): the ids of the incident's entries at the moment
 * they last looked. An entry is new when it is not among them and someone else
 * wrote it; what you wrote yourself you have seen. Only active incidents are
 * remembered (the caller passes them): a store of ten thousand closed ones
 * costs nothing, and a closed incident is never marked. Pure: the caller
 * keeps the ids and says who "you" are.
 */
import type { Incident, TimelineEvent } from './schema';
import { personParts } from './people';

/** What one person has seen of each incident, by incident id: the ids of the timeline entries when they last looked. */
export interface SeenMemory {
  /**
   * Set once the incidents that were there when the memory began were taken as
   * seen: without it, every entry of a store someone opens for the first time
   * would be "new". An incident missing from `incidents` after that arrived
   * later (a teammate declared it), so all of its others' entries are new.
   */
  baselined: boolean;
  /**
   * When the memory began (ISO): an active incident missing from `incidents`
   * that was declared before it was there then, or was inactive and is back
   * (reopened), and is taken as seen; one declared after it arrived later.
   */
  since?: string;
  incidents: Record<string, string[]>;
}

export const EMPTY_SEEN_MEMORY: SeenMemory = { baselined: false, incidents: {} };

const folded = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();

/** Whether a timeline author is this person: the same email when both carry one, else the same whole text (case and spacing aside). */
export function isSamePerson(author: string, me: string): boolean {
  const a = personParts(author);
  const b = personParts(me);
  if (a.email && b.email) return folded(a.email) === folded(b.email);
  return folded(author) === folded(me);
}

/** The entries of `timeline` someone else wrote that are not among `seen`; none while nobody is named as "me" (who you are is not known yet). */
export function unseenEntries(timeline: readonly TimelineEvent[], seen: readonly string[] | undefined, me: string | undefined): TimelineEvent[] {
  if (!me) return [];
  const known = new Set(seen ?? []);
  return timeline.filter((event) => !known.has(event.id) && !isSamePerson(event.author, me));
}

/** The ids to remember once the incident was in front of its reader: every entry it has now. */
export function seenNow(incident: Pick<Incident, 'timeline'>): string[] {
  return incident.timeline.map((event) => event.id);
}

/** Whether remembering `next` changes anything (so the editor's storage is written only when it does). */
export function sameSeen(before: readonly string[] | undefined, next: readonly string[]): boolean {
  if (!before || before.length !== next.length) return false;
  const known = new Set(before);
  return next.every((id) => known.has(id));
}

/**
 * The memory for the store's active incidents now (the same object when
 * nothing changed, so the editor's storage is written only when it does):
 * what was remembered of each is kept; one not remembered is taken as seen
 * the first time the memory is kept, or when it was declared before the
 * memory began; one declared later stays unremembered (all its others'
 * entries are new). Incidents no longer active are forgotten.
 */
export function baselineSeen(memory: SeenMemory, active: readonly Pick<Incident, 'id' | 'timeline' | 'declaredAt'>[], now: Date): SeenMemory {
  const since = memory.since ?? now.toISOString();
  const taken: Record<string, string[]> = {};
  for (const incident of active) {
    const known = memory.incidents[incident.id];
    if (known) taken[incident.id] = known;
    else if (!memory.baselined || Date.parse(incident.declaredAt) <= Date.parse(since)) taken[incident.id] = seenNow(incident);
  }
  const keys = Object.keys(taken);
  const same = memory.baselined && memory.since === since && keys.length === Object.keys(memory.incidents).length && keys.every((id) => memory.incidents[id] === taken[id]);
  return same ? memory : { baselined: true, since, incidents: taken };
}

/** The memory as read back from the editor's storage: anything else than what this module wrote is taken as empty. */
export function readSeenMemory(raw: unknown): SeenMemory {
  if (typeof raw !== 'object' || raw === null) return EMPTY_SEEN_MEMORY;
  const { baselined, since, incidents } = raw as Partial<SeenMemory>;
  if (typeof baselined !== 'boolean' || typeof incidents !== 'object' || incidents === null) return EMPTY_SEEN_MEMORY;
  const kept: Record<string, string[]> = {};
  for (const [id, ids] of Object.entries(incidents)) if (Array.isArray(ids) && ids.every((x) => typeof x === 'string')) kept[id] = ids;
  return { baselined, ...(typeof since === 'string' && !Number.isNaN(Date.parse(since)) ? { since } : {}), incidents: kept };
}
