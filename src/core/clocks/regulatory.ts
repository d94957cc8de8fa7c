/**
 * Regulatory clocks: deadlines the law or a contract sets once a team becomes
 * aware of a (security) incident — say an early warning within 24 hours, a
 * notification within 72 hours and a final report within a month. The plan
 * configures them (none by default); they run from the declaration (the
 * moment the team recorded that it was aware), beside the SLA clocks, and
 * stop when a notification is recorded: who told whom, and when.
 *
 * A month is a calendar month in the team's time zone: declared on 31 January
 * at 23:30 in Berlin, "1 month" ends on 28 (or 29) February at 23:30 Berlin
 * time, whatever that is in UTC. Hours and days are elapsed time.
 */
import { findType, type PlanTypes } from '../plan/incidentTypes';
import { TZDate } from '@date-fns/tz';
import { stamp, type ChangeContext } from '../record/context';
import { parseSlaDuration } from './durations';
import { DomainError } from '../record/errors';
import type { Category, Incident, Severity } from '../record/schema';
import { addTimelineEvent } from '../lifecycle/timeline';

const MONTHS = /^([1-9]\d?)\s*(mo|month|months)$/;

/** Why `text` is not a regulatory duration ("24h", "72h", "7d", "1 month"), or undefined when it is. Business time does not apply to the law's clocks. */
export function regulatoryDurationProblem(text: string): string | undefined {
  const trimmed = text.trim().toLowerCase();
  if (MONTHS.test(trimmed)) return undefined;
  const parsed = parseSlaDuration(trimmed);
  if (parsed?.kind === 'calendar') return undefined;
  return 'a duration like "24h", "72h", "7d" or "1 month" (elapsed time; business hours do not stop the law\'s clocks)';
}

/** The instant `after` from `start`: elapsed minutes, or calendar months in `timeZone` (the day clamped to the month's last). */
export function regulatoryDeadline(start: Date, after: string, timeZone: string): Date {
  const trimmed = after.trim().toLowerCase();
  const months = MONTHS.exec(trimmed);
  if (months) {
    const local = new TZDate(start.getTime(), timeZone);
    const target = local.getMonth() + Number(months[1]);
    const lastDay = new TZDate(local.getFullYear(), target + 1, 0, 12, 0, 0, 0, timeZone).getDate();
    const day = Math.min(local.getDate(), lastDay);
    return new Date(new TZDate(local.getFullYear(), target, day, local.getHours(), local.getMinutes(), local.getSeconds(), local.getMilliseconds(), timeZone).getTime());
  }
  const parsed = parseSlaDuration(trimmed);
  if (parsed?.kind !== 'calendar') throw new DomainError(`"${after}" is not a regulatory duration`, 'bad-duration');
  return new Date(start.getTime() + parsed.minutes * 60_000);
}

/** One clock as the plan configures it. */
export interface RegulatoryClockRule {
  id: string;
  title: string;
  after: string;
  categories: readonly Category[];
  severities?: readonly Severity[];
  to?: string;
}

export interface RegulatoryClock {
  id: string;
  title: string;
  /** Whom it goes to, per the plan. */
  to?: string;
  deadline: Date;
  /** When the notification was recorded, by whom and to whom; undefined while the clock runs. */
  met?: { at: Date; by: string; to: string };
  /** Positive: time left; negative: overdue by that much (at `now`, or at the notification once met). */
  remainingMs: number;
  breached: boolean;
}

/**
 * Whether a rule applies to an incident: its category, and its severity when
 * the rule names some. An incident of a plan type (`types`, when the caller
 * has the plan) may say otherwise: `regulatory: false` runs no clock,
 * `regulatory: true` runs every clock its severity calls for, whatever the
 * rule's categories (src/core/plan/incidentTypes.ts).
 */
export const ruleApplies = (rule: RegulatoryClockRule, incident: Pick<Incident, 'category' | 'severity' | 'type'>, types?: PlanTypes): boolean => {
  const byType = findType(types ?? {}, incident.type)?.regulatory;
  if (byType === false) return false;
  return (byType === true || rule.categories.includes(incident.category)) && (!rule.severities?.length || rule.severities.includes(incident.severity));
};

/** The first notification recorded for a clock, from the timeline. */
function notificationFor(incident: Incident, id: string): RegulatoryClock['met'] {
  const event = [...incident.timeline].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)).find((entry) => entry.data?.regulatory === id);
  return event ? { at: new Date(event.at), by: event.author, to: typeof event.data?.to === 'string' ? event.data.to : '' } : undefined;
}

/** The plan's regulatory clocks that apply to this incident, timed from its declaration, in the plan's order. */
export function regulatoryClocks(incident: Incident, rules: readonly RegulatoryClockRule[], timeZone: string, now: Date, types: PlanTypes): RegulatoryClock[] {
  const start = new Date(incident.declaredAt);
  return rules
    .filter((rule) => ruleApplies(rule, incident, types))
    .map((rule) => {
      const deadline = regulatoryDeadline(start, rule.after, timeZone);
      const met = notificationFor(incident, rule.id);
      const remainingMs = deadline.getTime() - (met?.at ?? now).getTime();
      return { id: rule.id, title: rule.title, ...(rule.to ? { to: rule.to } : {}), deadline, ...(met ? { met } : {}), remainingMs, breached: remainingMs < 0 };
    });
}

/**
 * Records that a regulatory notification went out: an action on the timeline
 * (its time is when it was sent) naming the clock and whom it went to. The
 * first one recorded stops the clock; later ones stay on the timeline.
 */
export function recordNotification(incident: Incident, rule: RegulatoryClockRule, to: string, ctx: ChangeContext): Incident {
  const recipient = to.trim();
  if (!recipient) throw new DomainError('say whom the notification went to', 'missing-recipient');
  return addTimelineEvent(
    incident,
    { kind: 'action', text: `Regulatory notification "${rule.title}" sent to ${recipient}`, data: { regulatory: rule.id, to: recipient, sentAt: stamp(ctx) } },
    ctx,
  );
}
