/**
 * The webview's own state, apart from the incident data: which tab is open,
 * which timeline kinds are shown, what is typed but not yet sent. Pure, so it
 * is unit-tested in Node (test/unit/webview) and survives reloads via setState.
 */
import { EVENT_KINDS, NOTE_KINDS, type EventKind, type NoteKind } from '../../src/core/record/recordValues';
import { highlightedEvents } from '../../src/core/lifecycle/highlights';
import type { Incident, TimelineEvent } from '../../src/core/record/schema';
import { PANEL_TABS, type PanelTab } from '../../src/protocol/webviewValues';

export const TABS = PANEL_TABS;
export type Tab = PanelTab;

export interface PanelUiState {
  tab: Tab;
  /** Kinds hidden from the timeline; empty = show everything. */
  hiddenKinds: EventKind[];
  composerKind: NoteKind;
  composerDraft: string;
  updateAudience: string;
  updateDraft: string;
  /** The retrospective tab's timeline shows only the starred key moments. */
  highlightsOnly: boolean;
}

export const initialUiState: PanelUiState = {
  tab: 'triage',
  hiddenKinds: [],
  composerKind: 'note',
  composerDraft: '',
  updateAudience: 'internal',
  updateDraft: '',
  highlightsOnly: false,
};

/** Restores saved UI state, ignoring anything malformed (it comes from storage). */
export function restoreUiState(saved: unknown): PanelUiState {
  if (typeof saved !== 'object' || saved === null) return initialUiState;
  const s = saved as Partial<Record<keyof PanelUiState, unknown>>;
  const str = (value: unknown, fallback: string) => (typeof value === 'string' ? value : fallback);
  return {
    tab: TABS.includes(s.tab as Tab) ? (s.tab as Tab) : initialUiState.tab,
    hiddenKinds: Array.isArray(s.hiddenKinds) ? s.hiddenKinds.filter((k): k is EventKind => EVENT_KINDS.includes(k as EventKind)) : [],
    composerKind: NOTE_KINDS.includes(s.composerKind as NoteKind) ? (s.composerKind as NoteKind) : initialUiState.composerKind,
    composerDraft: str(s.composerDraft, ''),
    updateAudience: str(s.updateAudience, initialUiState.updateAudience),
    updateDraft: str(s.updateDraft, ''),
    highlightsOnly: s.highlightsOnly === true,
  };
}

export function toggleKind(state: PanelUiState, kind: EventKind): PanelUiState {
  const hidden = state.hiddenKinds.includes(kind) ? state.hiddenKinds.filter((k) => k !== kind) : [...state.hiddenKinds, kind];
  return { ...state, hiddenKinds: hidden };
}

/** Timeline events to show, in time order (ties keep stored order). */
export function visibleEvents(events: readonly TimelineEvent[], hiddenKinds: readonly EventKind[]): TimelineEvent[] {
  const hidden = new Set(hiddenKinds);
  return events
    .map((event, index) => ({ event, index }))
    .filter(({ event }) => !hidden.has(event.kind))
    .sort((a, b) => (a.event.at < b.event.at ? -1 : a.event.at > b.event.at ? 1 : a.index - b.index))
    .map(({ event }) => event);
}

/** The retrospective tab's timeline: every event in time order, or only the starred key moments. */
export function retrospectiveEvents(incident: Pick<Incident, 'timeline' | 'highlights'>, highlightsOnly: boolean): TimelineEvent[] {
  return visibleEvents(highlightsOnly ? highlightedEvents(incident) : incident.timeline, []);
}

/** Counts per kind, for the filter chips. */
export function countByKind(events: readonly TimelineEvent[]): Map<EventKind, number> {
  const counts = new Map<EventKind, number>();
  for (const event of events) counts.set(event.kind, (counts.get(event.kind) ?? 0) + 1);
  return counts;
}

/** Codicon per event kind, so the timeline can be scanned by eye. */
export const EVENT_ICONS: Record<EventKind, string> = {
  declared: 'flame',
  status: 'arrow-swap',
  severity: 'warning',
  role: 'person',
  checklist: 'checklist',
  note: 'note',
  decision: 'law',
  evidence: 'eye',
  action: 'tasklist',
  commit: 'git-commit',
  deploy: 'rocket',
  update: 'megaphone',
  retrospective: 'history',
};

/**
 * Long timelines render in slices so the first screen appears at once: the
 * first slice synchronously, the rest on the following animation frames.
 */
export function renderSlices(total: number, firstSlice = 150, sliceSize = 400): Array<[number, number]> {
  const slices: Array<[number, number]> = [];
  let start = 0;
  let size = firstSlice;
  while (start < total) {
    slices.push([start, Math.min(total, start + size)]);
    start += size;
    size = sliceSize;
  }
  return slices;
}

/**
 * "HH:MM" in 24-hour UTC as the next time the clock shows it: later today,
 * or tomorrow when that minute has passed. The panel shows every time in
 * 24-hour UTC, so the next-update field takes times the same way (the
 * browser's datetime-local picker follows the OS's 12-hour clock and zone).
 */
export function nextUtcTime(text: string, now: Date): Date | undefined {
  const at = onDayOf(text.trim(), now);
  if (at && at.getTime() <= now.getTime()) at.setUTCDate(at.getUTCDate() + 1);
  return at;
}

/** "HH:MM" (24-hour UTC) on the UTC day of `day`; undefined for anything else. */
function onDayOf(text: string, day: Date): Date | undefined {
  const clock = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (!clock) return undefined;
  const at = new Date(day);
  at.setUTCHours(Number(clock[1]), Number(clock[2]), 0, 0);
  return at;
}

/**
 * A time typed for something that already happened, at or before `latest`
 * (the declaration, for when the impact began): "HH:MM" is the latest such
 * UTC time at or before it, "YYYY-MM-DD HH:MM" that minute. Undefined for
 * anything else, or for a time after `latest`.
 */
export function pastUtcTime(text: string, latest: Date): Date | undefined {
  const typed = text.trim();
  const clock = onDayOf(typed, latest);
  if (clock) {
    if (clock.getTime() > latest.getTime()) clock.setUTCDate(clock.getUTCDate() - 1);
    return clock;
  }
  const full = /^(\d{4})-(\d{2})-(\d{2})[ T]([01]\d|2[0-3]):([0-5]\d)$/.exec(typed);
  if (!full) return undefined;
  const [year, month, day, hour, minute] = full.slice(1).map(Number);
  const at = new Date(Date.UTC(year, month - 1, day, hour, minute));
  if (at.getUTCMonth() !== month - 1 || at.getUTCDate() !== day) return undefined;
  return at.getTime() <= latest.getTime() ? at : undefined;
}
