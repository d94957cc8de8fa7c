/**
 * Which incidents that alerts opened a person is told about, once per machine.
 * Pure: the editor keeps the memory (`seen`) and says the words; this decides.
 *
 * The rule:
 * - An incident opened by an alert is one whose `alerts` are not empty and
 *   whose `declaredBy` is one of the intake's authors (ALERT_AUTHORS): a
 *   person who declared by hand and later got alerts attached is not told
 *   again that an alert opened it.
 * - It is announced the first time this machine sees it in the store (by
 *   team sync, a pull, or an intake run here), if it is still active then.
 *   One already resolved or closed when it arrives is only remembered.
 * - The first time the memory is made (the extension's first activation in
 *   this workspace) every such incident already in the store is remembered,
 *   not announced: nobody wants last month's alerts at install.
 * - Who is told: when the plan routes the severity to a rotation, whoever
 *   is on call in it when the incident opened (each layer), plus the people
 *   the severity's `notify` names. Otherwise everyone, when the plan's
 *   commander roster (`roles.commander`) is empty; when it names people,
 *   only them, plus the
 *   people the plan's severity names in `notify` (a roster role named there,
 *   such as "communicator", stands for that role's roster). A person is
 *   compared by email when both sides have one, else by name. A person the
 *   editor cannot name (Restricted Mode, no git identity) is told: a missed
 *   alert costs more than one notification too many.
 * - A drill opened by an alert is announced the same way; the editor says
 *   "Drill" first and uses an information message, never a warning.
 */
import { isActive } from '../lifecycle/lifecycle';
import { ROSTER_ROLES, type ResponsePlan, type RosterRole } from '../plan/plan';
import type { AlertRecord, Incident } from '../record/schema';
import { ALERT_AUTHORS } from './applyNotification';
import { routedRotation, routeOf, type IncidentRoute } from '../oncall/routing';
import { escalationChain } from '../oncall/onCall';

/** What the machine remembers between sessions: the alert-opened incidents it has seen, newest last. */
export interface AnnouncementMemory {
  seen: string[];
}

/** The memory keeps this many ids: far more alert-opened incidents than are active at once. */
export const SEEN_KEPT = 2_000;

const INTAKE_AUTHORS: ReadonlySet<string> = new Set(Object.values(ALERT_AUTHORS));

/** Opened by an alert: its alerts are there and the intake declared it. */
export const isAlertOpened = (incident: Pick<Incident, 'alerts' | 'declaredBy'>): boolean => (incident.alerts?.length ?? 0) > 0 && INTAKE_AUTHORS.has(incident.declaredBy);

/** The alert to name an incident by: the first to fire of those still firing, else the first of all. */
export function leadingAlert(incident: Pick<Incident, 'alerts'>): AlertRecord | undefined {
  const alerts = [...(incident.alerts ?? [])].sort((a, b) => (a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : 0));
  return alerts.find((alert) => alert.state === 'firing') ?? alerts[0];
}

function personParts(who: string): { name: string; email?: string } {
  const match = /^(.*?)\s*<([^<>]*)>\s*$/.exec(who.trim());
  const normal = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();
  if (match) return { name: normal(match[1]), ...(match[2].trim() && { email: normal(match[2]) }) };
  const bare = normal(who);
  return bare.includes('@') && !bare.startsWith('@') ? { name: '', email: bare } : { name: bare };
}

/** "Dana Ortiz <dana@example.com>", "dana@example.com" and "Dana Ortiz" are one person; two different emails are two. */
export function samePerson(a: string, b: string): boolean {
  const [x, y] = [personParts(a), personParts(b)];
  if (x.email && y.email) return x.email === y.email;
  return x.name !== '' && x.name === y.name;
}

/** What the audience rule reads of the plan: the roster, each severity's notify list and rotation, the rotations. */
export type AudiencePlan = Pick<ResponsePlan, 'roles' | 'severities'> & Partial<Pick<ResponsePlan, 'oncall' | 'sla' | 'intake'>>;

/**
 * Who hears of an alert-opened incident of this severity (and intake rule):
 * when the plan routes it to a rotation (the rule's or the severity's
 * `rotation`, src/core/oncall/routing.ts), whoever is on call in it at
 * `at` (each layer), with the people the severity's notify names; else the
 * commander roster with them, or everyone when the roster names nobody.
 */
export function alertAudience(plan: AudiencePlan, route: IncidentRoute, at: Date = new Date()): 'everyone' | readonly string[] {
  const { severity } = route;
  const isRole = (entry: string): entry is RosterRole => (ROSTER_ROLES as readonly string[]).includes(entry.trim().toLowerCase());
  const notify = (plan.severities[severity]?.notify ?? []).flatMap((entry) => (isRole(entry) ? plan.roles[entry.trim().toLowerCase() as RosterRole] : [entry]));
  const routed = plan.oncall ? routedRotation(plan, route) : undefined;
  const onCall = routed ? escalationChain(plan, routed.rotation, at).map((step) => step.person) : [];
  if (onCall.length) return [...new Set([...onCall, ...notify])];
  const commanders = plan.roles.commander;
  if (!commanders.length) return 'everyone';
  return [...new Set([...commanders, ...notify])];
}

/** Whether `me` hears of it; an empty `me` (nobody the editor can name) always does. */
export function isForPerson(plan: AudiencePlan, route: IncidentRoute, me: string, at?: Date): boolean {
  if (!me.trim()) return true;
  const audience = alertAudience(plan, route, at);
  return audience === 'everyone' || audience.some((person) => samePerson(person, me));
}

/** The memory to start with on first activation: every alert-opened incident already there, seen and not announced. */
export function firstMemory(incidents: readonly Incident[]): AnnouncementMemory {
  return {
    seen: incidents
      .filter(isAlertOpened)
      .map((incident) => incident.id)
      .slice(-SEEN_KEPT),
  };
}

/**
 * The incidents to announce now, and the memory after: every alert-opened
 * incident not seen before becomes seen, whether it is announced (active, and
 * for `me` by the plan) or not. `changed` says whether the memory needs saving.
 */
export function alertAnnouncements(
  incidents: readonly Incident[],
  memory: AnnouncementMemory,
  plan: AudiencePlan,
  me: string,
): { announce: Incident[]; memory: AnnouncementMemory; changed: boolean } {
  const seen = new Set(memory.seen);
  const fresh = incidents.filter((incident) => isAlertOpened(incident) && !seen.has(incident.id));
  if (!fresh.length) return { announce: [], memory, changed: false };
  const announce = fresh.filter((incident) => isActive(incident) && isForPerson(plan, routeOf(incident), me, new Date(incident.declaredAt)));
  return { announce, memory: { seen: [...memory.seen, ...fresh.map((incident) => incident.id)].slice(-SEEN_KEPT) }, changed: true };
}

/** Statuses before mitigation: where "every alert has resolved" is news worth a suggestion. */
const BEFORE_MITIGATION: ReadonlySet<Incident['status']> = new Set(['detected', 'triaged', 'communicating']);

/** One resolution of an incident's alerts: its id and the last alert's end, so alerts that fire and resolve again are suggested again. */
export function resolutionMark(incident: Pick<Incident, 'id' | 'alerts'>): string {
  const ends = (incident.alerts ?? []).map((alert) => alert.endsAt ?? alert.startsAt).sort();
  return `${incident.id}@${ends.at(-1) ?? ''}`;
}

/** Alert-opened incidents, not yet mitigated, whose alerts have all resolved. */
export const allAlertsResolved = (incident: Incident): boolean =>
  isAlertOpened(incident) && BEFORE_MITIGATION.has(incident.status) && (incident.alerts ?? []).every((alert) => alert.state === 'resolved');

/**
 * The incidents to suggest "mitigated" for now (every alert resolved, not yet
 * suggested here for this resolution), and the marks after. An alert never
 * moves the status itself: a person decides.
 */
export function mitigationSuggestions(incidents: readonly Incident[], suggested: readonly string[]): { suggest: Incident[]; suggested: string[]; changed: boolean } {
  const known = new Set(suggested);
  const suggest = incidents.filter((incident) => allAlertsResolved(incident) && !known.has(resolutionMark(incident)));
  if (!suggest.length) return { suggest, suggested: [...suggested], changed: false };
  return { suggest, suggested: [...suggested, ...suggest.map(resolutionMark)].slice(-SEEN_KEPT), changed: true };
}
