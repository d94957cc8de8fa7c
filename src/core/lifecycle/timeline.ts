import { recordId, stamp, type ChangeContext } from '../record/context';
import type { EventKind, Incident, TimelineEvent } from '../record/schema';

export interface NewTimelineEvent {
  kind: EventKind;
  text: string;
  data?: Record<string, unknown>;
}

/** Appends an event (with its own id, so two branches' events merge as a union) and bumps updatedAt. */
export function addTimelineEvent(incident: Incident, event: NewTimelineEvent, ctx: ChangeContext): Incident {
  const entry: TimelineEvent = { id: recordId(ctx), at: stamp(ctx), author: ctx.author, kind: event.kind, text: event.text, ...(event.data ? { data: event.data } : {}) };
  return { ...incident, timeline: [...incident.timeline, entry], updatedAt: stamp(ctx) };
}
