/**
 * The messages a write made, read off the incident before and after it: the
 * declaration (no incident before), each status update that was not there
 * before, and a move to resolved or closed (the timeline's new status event).
 * The write workflow adds their deliveries in the same store write, so every
 * writer (VS Code, the command line, an agent, alert intake) delivers the
 * same messages without saying which it wrote.
 *
 * Each message has the id its deliveries are keyed by: the update's id, or
 * the id of the timeline event that records the declaration or the move.
 */
import type { Incident } from '../record/schema';
import type { IncidentEvent } from './deliveryMessage';

export interface WrittenMessage {
  event: IncidentEvent;
  messageId: string;
}

const MOVES_DELIVERED: ReadonlySet<string> = new Set(['resolved', 'closed']);

export function messagesWritten(before: Incident | undefined, after: Incident): WrittenMessage[] {
  const knownEvents = new Set(before?.timeline.map((event) => event.id) ?? []);
  const knownUpdates = new Set(before?.updates.map((update) => update.id) ?? []);
  const messages: WrittenMessage[] = [];
  if (!before) {
    const declared = after.timeline.find((event) => event.kind === 'declared');
    messages.push({ event: 'declared', messageId: declared?.id ?? `declared-${after.id}` });
  }
  for (const update of after.updates) if (!knownUpdates.has(update.id)) messages.push({ event: 'update', messageId: update.id });
  for (const event of after.timeline) {
    if (knownEvents.has(event.id) || event.kind !== 'status') continue;
    const to = (event.data as { to?: unknown } | undefined)?.to;
    if (typeof to === 'string' && MOVES_DELIVERED.has(to) && after.status === to) messages.push({ event: to as IncidentEvent, messageId: event.id });
  }
  return messages;
}
