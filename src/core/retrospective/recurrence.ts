/**
 * "Third incident touching `payments/` in 90 days": for an incident, the
 * earlier incidents (drills left out) declared within the window whose cause
 * or fix commits changed files under a folder this one's did too.
 *
 * The folder is chosen at the depth that is shared: every folder above this
 * incident's changed files (`payments/`, `payments/gateway/`) counts the
 * earlier incidents with a changed file under it; the folder with the most
 * wins, the deeper one on a tie (more precise for the same count). Files at
 * the repository's top level have no folder and count for nothing.
 */
import { isDrill } from '../lifecycle/drills';
import type { Incident } from '../record/schema';
import { terminalText } from '../text/terminalText';

export const RECURRENCE_WINDOW_DAYS = 90;
const DAY_MS = 86_400_000;

export interface Recurrence {
  /** With a trailing slash: `payments/`. */
  folder: string;
  /** Earlier incidents touching it within the window, oldest first. */
  earlier: string[];
  windowDays: number;
}

/** `a/b/c.ts` → `a/`, `a/b/`. */
function foldersOf(file: string): string[] {
  const parts = file.split('/').slice(0, -1);
  return parts.map((_, i) => `${parts.slice(0, i + 1).join('/')}/`);
}

/** Undefined when no earlier incident in the window touched any of the same folders (or this one changed no file in a folder). */
export function findRecurrence(
  incident: Incident,
  incidents: readonly Incident[],
  changedFiles: (incidentId: string) => readonly string[] | undefined,
  windowDays = RECURRENCE_WINDOW_DAYS,
): Recurrence | undefined {
  const folders = new Set((changedFiles(incident.id) ?? []).flatMap(foldersOf));
  if (!folders.size) return undefined;
  const end = Date.parse(incident.declaredAt);
  const start = end - windowDays * DAY_MS;
  const earlier = incidents
    .filter((other) => other.id !== incident.id && !isDrill(other))
    .filter((other) => {
      const at = Date.parse(other.declaredAt);
      return at >= start && at < end;
    })
    .sort((a, b) => (a.declaredAt < b.declaredAt ? -1 : 1));
  let best: Recurrence | undefined;
  for (const folder of folders) {
    const touching = earlier.filter((other) => (changedFiles(other.id) ?? []).some((file) => file.startsWith(folder))).map((other) => other.id);
    if (!touching.length) continue;
    if (!best || touching.length > best.earlier.length || (touching.length === best.earlier.length && folder.length > best.folder.length))
      best = { folder, earlier: touching, windowDays };
  }
  return best;
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

/** 1 → first … 10 → tenth, then 11th, 21st, 22nd, 23rd, 111th. */
export function ordinal(n: number): string {
  if (n >= 1 && n <= ORDINALS.length) return ORDINALS[n - 1];
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** A folder as a Markdown code span that its own backticks cannot close. */
function codeSpan(text: string): string {
  const clean = terminalText(text, { oneLine: true });
  const fence = '`'.repeat(Math.max(0, ...[...clean.matchAll(/`+/g)].map(([run]) => run.length)) + 1);
  return fence.length > 1 ? `${fence} ${clean} ${fence}` : `\`${clean}\``;
}

/** The postmortem's line: "Recurrence: the third incident touching `payments/` in 90 days (after INC-…, INC-…)." */
export function recurrenceLine(recurrence: Recurrence): string {
  const nth = ordinal(recurrence.earlier.length + 1);
  return `**Recurrence:** the ${nth} incident touching ${codeSpan(recurrence.folder)} in ${recurrence.windowDays} days (after ${recurrence.earlier.join(', ')}).`;
}
