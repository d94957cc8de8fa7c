/**
 * What of the record may be published, decided in one place: an update is
 * public only when its audience names a channel the plan marks public (by
 * the channel's name or audience, case and spacing aside); of the type's
 * fields, only those its type (still in the plan) marks public. Nothing else
 * of an incident (title, notes, evidence, people, commits) is ever read here.
 */
import { isDrill } from '../lifecycle/drills';
import type { Incident, StatusUpdate } from '../record/schema';
import { fieldRows } from '../plan/fieldValues';
import type { IncidentType } from '../plan/incidentTypes';

/** The part of the plan the page reads: which channels are public. */
export interface PlanChannels {
  channels: readonly { name: string; audience: string; public?: boolean }[];
  /** The plan's incident types: which fields are public. */
  types?: readonly IncidentType[];
}

/** The fields of the incident's type marked public, with their values; a field (or a type) the plan no longer defines is never public. */
export function publicFieldsOf(incident: Incident, plan: PlanChannels): { title: string; value: string }[] {
  return fieldRows(plan, incident).flatMap((row) => (row.defined && row.public && row.value !== undefined ? [{ title: row.title, value: row.value }] : []));
}

const normalised = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();

/** The names an update's audience may use to reach a public channel of the plan. */
export function publicAudiences(plan: PlanChannels): Set<string> {
  return new Set(plan.channels.filter((channel) => channel.public === true).flatMap((channel) => [normalised(channel.name), normalised(channel.audience)]));
}

/** The incident's public updates made by `now`, oldest first (ties by id, so the order never depends on the store's). */
export function publicUpdatesOf(incident: Incident, audiences: ReadonlySet<string>, now: Date): StatusUpdate[] {
  const until = now.getTime();
  return incident.updates
    .filter((update) => audiences.has(normalised(update.audience)) && Date.parse(update.at) <= until)
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A drill is practice: never on a public page, whatever its updates say. */
export const publishableIncident = (incident: Incident): boolean => !isDrill(incident);
