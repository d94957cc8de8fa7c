/**
 * Drills: incidents declared for practice. They run like real ones (clocks,
 * reminders, roles), but everything a person reads says "drill", so nobody
 * takes a practice for an outage, and metrics leave them out unless asked.
 */
import type { Incident } from '../record/schema';

/** The mark in front of a drill's text meant for people (list lines, copied messages, reminders). */
export const DRILL_MARK = '[DRILL]';

export const isDrill = (incident: Pick<Incident, 'drill'>): boolean => incident.drill === true;

/** `text` with the drill mark in front when the incident is a drill, as it is otherwise. */
export const drillMarked = (incident: Pick<Incident, 'drill'>, text: string): string => (isDrill(incident) ? `${DRILL_MARK} ${text}` : text);
