/**
 * Acknowledging an incident: a person says "I have it". It stamps the
 * response (`acknowledgedAt`, which stops the response clock and any
 * escalation waiting on it) and, when nobody commands the incident yet, makes
 * them commander, since someone must lead before triage. Acknowledging again,
 * or by a second person, changes nothing: the first response stands (the
 * merge keeps the earliest stamp too).
 */
import { DomainError } from '../record/errors';
import { stamp, type ChangeContext } from '../record/context';
import type { Incident } from '../record/schema';
import { isActive } from './lifecycle';
import { assignRole } from './changes';
import { addTimelineEvent } from './timeline';

/** Whether the incident has been acknowledged, and by whom the timeline says (the first "Acknowledged" note, else its commander). */
export function acknowledgement(incident: Incident): { at: string; by?: string } | undefined {
  if (!incident.acknowledgedAt) return undefined;
  const note = incident.timeline.find((event) => event.data?.field === 'acknowledgedAt');
  return { at: incident.acknowledgedAt, ...(note ? { by: note.author } : {}) };
}

/** The incident acknowledged by `ctx.author` (commander too when it has none); the same object when it already was. Throws DomainError for an incident that has ended. */
export function acknowledge(incident: Incident, ctx: ChangeContext): Incident {
  if (incident.acknowledgedAt) return incident;
  if (!isActive(incident)) throw new DomainError(`${incident.id} is ${incident.status}: there is nothing to acknowledge`, 'not-active');
  const led = incident.roles.commander ? incident : assignRole(incident, 'commander', ctx.author, ctx);
  const at = stamp(ctx);
  return addTimelineEvent({ ...led, acknowledgedAt: at }, { kind: 'note', text: `Acknowledged by ${ctx.author}`, data: { field: 'acknowledgedAt', to: at } }, ctx);
}
