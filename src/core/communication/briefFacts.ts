/**
 * What the handoff brief and the audience briefs read from a record, before
 * any formatting: what was tried, the hypotheses still open, the asks, the ETA,
 * the tasks still to do, and the deadlines with the next update.
 *
 * The record has no field for a hypothesis, an ask or an ETA, and adding an
 * event kind would make the store unreadable to older builds on the team. So
 * responders mark notes with a prefix, as they would in a chat channel:
 * "Hypothesis: …" (closed by a later "Ruled out: …" or "Confirmed: …" with the
 * same text), "Need: …" or "Ask: …", and "ETA: …".
 */
import { formatDuration } from '../clocks/durations';
import { isActive } from '../lifecycle/lifecycle';
import type { Channel, RegulatoryClockRule } from '../plan/plan';
import type { IncidentType } from '../plan/incidentTypes';
import { regulatoryClocks, type RegulatoryClock } from '../clocks/regulatory';
import type { Incident, SlaPolicy, Task, TimelineEvent } from '../record/schema';
import { nextUpdateDue, slaClocks, targetFor, type SlaClock } from '../clocks/sla';

/** The parts of the response plan the briefs use. */
export interface BriefPlan {
  sla: SlaPolicy;
  regulatory: readonly RegulatoryClockRule[];
  channels: readonly Channel[];
  /** The plan's incident types, when it has some: a type may switch the regulatory clocks off or on, and names the fields still to fill. */
  types?: readonly IncidentType[];
}

/** Timeline kinds that say what was done or decided, and what it changed. */
const TRIED_KINDS: ReadonlySet<TimelineEvent['kind']> = new Set(['action', 'decision', 'deploy', 'commit', 'status', 'severity']);
/** Kinds a responder writes by hand, where the prefixes are read. */
const WRITTEN_KINDS: ReadonlySet<TimelineEvent['kind']> = new Set(['note', 'decision']);

export const HYPOTHESIS_PREFIX = 'Hypothesis';
const CLOSING_PREFIXES = ['Ruled out', 'Confirmed'];
const ASK_PREFIXES = ['Need', 'Ask'];
const ETA_PREFIX = 'ETA';

/** One line of user text for a list item: line breaks become spaces. */
export const oneLine = (text: string): string => text.replace(/\s*\r?\n\s*/g, ' ').trim();
/** "in 25m" or "overdue 10m", from a remaining time. */
export const dueIn = (remainingMs: number): string => (remainingMs < 0 ? `overdue ${formatDuration(remainingMs)}` : `in ${formatDuration(remainingMs)}`);

const byTime = (a: { at: string }, b: { at: string }) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0);
const sameIdea = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();

/** The text after `Prefix:` (any case, spaces around the colon), or undefined when the text does not start with one of the prefixes. */
function afterPrefix(text: string, prefixes: readonly string[]): string | undefined {
  for (const prefix of prefixes) {
    const match = new RegExp(`^\\s*${prefix}\\s*:\\s*`, 'i').exec(text);
    if (match) return text.slice(match[0].length).trim();
  }
  return undefined;
}

/** A note marked with a prefix: the event and the text after the prefix. */
export interface MarkedNote {
  event: TimelineEvent;
  text: string;
}

function markedNotes(incident: Incident, prefixes: readonly string[]): MarkedNote[] {
  return [...incident.timeline]
    .filter((event) => WRITTEN_KINDS.has(event.kind))
    .sort(byTime)
    .flatMap((event) => {
      const text = afterPrefix(event.text, prefixes);
      return text ? [{ event, text }] : [];
    });
}

/** Hypotheses not yet ruled out or confirmed by a later note naming the same text. */
export function openHypotheses(incident: Incident): MarkedNote[] {
  const closings = markedNotes(incident, CLOSING_PREFIXES);
  return markedNotes(incident, [HYPOTHESIS_PREFIX]).filter(
    (hypothesis) => !closings.some((closing) => closing.event.at >= hypothesis.event.at && sameIdea(closing.text) === sameIdea(hypothesis.text)),
  );
}

/** What the responders need from others ("Need: …", "Ask: …"), in time order. */
export const asks = (incident: Incident): MarkedNote[] => markedNotes(incident, ASK_PREFIXES);

/** The latest "ETA: …" note, if any. */
export const latestEta = (incident: Incident): MarkedNote | undefined => markedNotes(incident, [ETA_PREFIX]).at(-1);

/**
 * Actions, decisions, deploys, linked commits and the status and severity
 * changes they led to, in time order. Retrospective action items are
 * follow-ups for later, not something tried.
 */
export const actionsTaken = (incident: Incident): TimelineEvent[] =>
  incident.timeline.filter((event) => TRIED_KINDS.has(event.kind) && event.data?.actionItemId === undefined).sort(byTime);

export const openTasks = (incident: Incident): Task[] => (incident.tasks ?? []).filter((task) => !task.done);

/** The clocks a successor must watch: running SLA clocks, regulatory clocks not yet met, and the next status update. */
export interface Deadlines {
  sla: SlaClock[];
  regulatory: RegulatoryClock[];
  nextUpdate?: Date;
}

export function deadlinesOf(incident: Incident, plan: BriefPlan, now: Date): Deadlines {
  const active = isActive(incident);
  const nextUpdate = active ? nextUpdateDue(incident, plan.sla) : undefined;
  return {
    sla: active ? slaClocks(incident, plan.sla, now).filter((clock) => !clock.metAt) : [],
    regulatory: incident.status === 'closed' ? [] : regulatoryClocks(incident, plan.regulatory, plan.sla.timeZone, now, plan).filter((clock) => !clock.met),
    ...(nextUpdate ? { nextUpdate } : {}),
  };
}

/** The plan's channel for an audience (by its name, any case), and how often it hears from the team: the channel's cadence, else the severity's. */
export function channelFor(plan: BriefPlan, incident: Incident, audiences: readonly string[]): { channel?: Channel; every?: string } {
  const wanted = audiences.map((audience) => audience.toLowerCase());
  const channel = wanted.map((audience) => plan.channels.find((candidate) => candidate.audience.toLowerCase() === audience)).find(Boolean);
  const every = channel?.updateEvery ?? targetFor(plan.sla, incident.severity).updateEvery;
  return { ...(channel ? { channel } : {}), ...(every ? { every } : {}) };
}
