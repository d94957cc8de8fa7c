/** How `list` and `show` print an incident for a person: SLA clocks in words, times to the minute in UTC, user text made terminal-safe. */
import { typeView } from '../core/plan/fieldValues';
import type { PlanTypes } from '../core/plan/incidentTypes';
import { drillMarked } from '../core/lifecycle/drills';
import { isHighlighted } from '../core/lifecycle/highlights';
import { isActive } from '../core/lifecycle/lifecycle';
import type { Incident, SlaPolicy } from '../core/record/schema';
import { formatDuration } from '../core/clocks/durations';
import { slaClocks, type SlaClock } from '../core/clocks/sla';
import { planInForce } from '../store/planFile';
import type { EffectivePlan, RegulatoryClockRule } from '../core/plan/plan';
import { regulatoryClocks, type RegulatoryClock } from '../core/clocks/regulatory';
import { terminalText } from '../core/text/terminalText';
import { shortUtc } from '../core/text/time';
import type { StoreReader } from './cliContext';
import { stderrLine } from './output';

/** "2026-11-23 10:15 UTC". */
export const utcMinute = (iso: string): string => `${shortUtc(iso)} UTC`;
const shown = (text: string) => terminalText(text, { oneLine: true });

/**
 * The SLA in force: the response plan's (.incidents/plan.json), else the
 * store's old policy, else the defaults. A plan file that cannot be used is
 * said on stderr with its place, and the rest applies.
 */
export function policyOf(store: StoreReader): SlaPolicy {
  return planOf(store).sla;
}

/** The response plan in force (see policyOf), said once per run when its file cannot be used. */
export function planOf(store: StoreReader): EffectivePlan {
  const read = store.read();
  // A store folder that is a link (or leaves the repository) stops the verb with the store's own error, not a plan warning first.
  if (read.kind === 'unusable' && read.error.kind === 'unsafe-path') throw read.error;
  const { plan, problem } = planInForce(store.root, store.relativeDir, read.kind === 'loaded' ? read.document.policy : undefined);
  if (problem && !warned.has(problem)) {
    warned.add(problem);
    stderrLine(`incident: warning: ${problem}; the response plan cannot be used, so the defaults apply ("incident plan check" lists every problem)`);
  }
  return plan;
}
const warned = new Set<string>();

const clockText = (clock: SlaClock) => `${clock.name} ${clock.breached ? `overdue ${formatDuration(clock.remainingMs)}` : `due in ${formatDuration(clock.remainingMs)}`}`;

/** The clocks still running on an active incident, overdue ones first, then the nearest. */
function runningClocks(incident: Incident, policy: SlaPolicy, now: Date): SlaClock[] {
  if (!isActive(incident)) return [];
  return slaClocks(incident, policy, now)
    .filter((clock) => !clock.metAt)
    .sort((a, b) => Number(b.breached) - Number(a.breached) || a.remainingMs - b.remainingMs);
}

/** One incident on one line: id, severity, status, the clock that matters most ("response overdue 5m"), title ("[DRILL] title" for a drill). */
export function incidentLine(incident: Incident, policy: SlaPolicy, now: Date): string {
  const clock = runningClocks(incident, policy, now)[0];
  return `${incident.id}  ${incident.severity}  ${incident.status.padEnd(13)}  ${(clock ? clockText(clock) : '').padEnd(26)}  ${drillMarked(incident, shown(incident.title))}`;
}

/** The incident with its clocks and its timeline. */
/** A regulatory clock in words: met (when, to whom) or due/overdue with its deadline. */
function regulatoryText(clock: RegulatoryClock): string {
  const state = clock.met
    ? `sent ${utcMinute(clock.met.at.toISOString())} to ${shown(clock.met.to)} by ${shown(clock.met.by)}${clock.breached ? `, ${formatDuration(clock.remainingMs)} late` : ''}`
    : `${clock.breached ? `overdue ${formatDuration(clock.remainingMs)}` : `due in ${formatDuration(clock.remainingMs)}`} (by ${utcMinute(clock.deadline.toISOString())}${clock.to ? `, to ${shown(clock.to)}` : ''})`;
  return `regulatory ${clock.id}: ${shown(clock.title)}: ${state}`;
}

/** The incident's type and fields on one line: required ones still empty said so ("incident field ID" lists them one per line). */
function typeLine(incident: Incident, types: PlanTypes): string[] {
  const view = typeView(types, incident);
  if (!view || !incident.type) return [];
  const fields = view.fields.map((row) => `${row.id} ${row.value === undefined ? (row.required ? '(required, empty)' : '(empty)') : shown(row.value)}`);
  return [`type ${shown(view.title)}${view.title === incident.type ? '' : ` (${incident.type})`}${fields.length ? `; ${fields.join(', ')}` : ''}`];
}

export function incidentDetails(incident: Incident, policy: SlaPolicy, now: Date, regulatory: readonly RegulatoryClockRule[] = [], types: PlanTypes = {}): string[] {
  const clocks = runningClocks(incident, policy, now).map(clockText).join(' · ');
  return [
    incidentLine(incident, policy, now),
    `category ${incident.category}; declared ${utcMinute(incident.declaredAt)} by ${shown(incident.declaredBy)}${incident.startedAt ? `; impact began ${utcMinute(incident.startedAt)}` : ''}; commander ${shown(incident.roles.commander ?? 'unassigned')}`,
    ...typeLine(incident, types),
    ...(clocks ? [`SLA: ${clocks}`] : []),
    ...regulatoryClocks(incident, regulatory, policy.timeZone, now, types).map(regulatoryText),
    ...(incident.tasks?.length ? [`tasks: ${incident.tasks.filter((task) => task.done).length} of ${incident.tasks.length} done ("incident task ${incident.id}" lists them)`] : []),
    // Numbered, so a person can name an event (`incident highlight ID N`); starred key moments marked ★.
    ...incident.timeline.map(
      (event, index) =>
        `${String(index + 1).padStart(4)}. ${isHighlighted(incident, event.id) ? '★' : ' '} ${utcMinute(event.at)}  ${event.kind.padEnd(10)} ${shown(event.author)}: ${shown(event.text)}`,
    ),
  ];
}
