/**
 * Highlights: the key moments of an incident, starred on its timeline (in
 * the panel or with `incident highlight`). The postmortem lists them first
 * (or only), the retrospective tab can show only them.
 *
 * A star is metadata about an event, not something that happened during the
 * incident, so starring writes no timeline event: the timeline stays the
 * record of the response, and a retrospective starring twenty events does
 * not add twenty lines to it. Who starred and when is kept on the star
 * itself, and unstarring keeps the entry with `on: false`, so two machines'
 * stars join without conflict: per event the later one wins (merge.ts).
 */
import { stamp, type ChangeContext } from '../record/context';
import { DomainError } from '../record/errors';
import type { Incident, TimelineEvent } from '../record/schema';

/** Whether the event is starred now (an unstarred entry is kept for the merge, but does not count). */
export const isHighlighted = (incident: Pick<Incident, 'highlights'>, eventId: string): boolean => incident.highlights?.[eventId]?.on === true;

/** The starred events, in timeline order. */
export const highlightedEvents = (incident: Pick<Incident, 'timeline' | 'highlights'>): TimelineEvent[] => incident.timeline.filter((event) => isHighlighted(incident, event.id));

/**
 * Stars (`on`) or unstars an event of the incident's timeline, recording who
 * and when. An unknown event id is an error; a change that changes nothing
 * writes nothing (the same incident comes back).
 */
export function setHighlight(incident: Incident, eventId: string, on: boolean, ctx: ChangeContext): Incident {
  if (!incident.timeline.some((event) => event.id === eventId)) throw new DomainError(`${incident.id} has no timeline event "${eventId}"`, 'unknown-event');
  if (isHighlighted(incident, eventId) === on) return incident;
  const at = stamp(ctx);
  return {
    ...incident,
    highlights: { ...incident.highlights, [eventId]: { on, by: ctx.author, at } },
    updatedAt: at > incident.updatedAt ? at : incident.updatedAt,
  };
}
