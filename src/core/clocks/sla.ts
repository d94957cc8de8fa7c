import { addMinutes } from 'date-fns';
import { formatDuration, NEXT_BUSINESS_DAY, parseSlaDuration, type SlaDuration } from './durations';
import { addBusinessDays, addBusinessMinutes, endOfNextBusinessDay } from './businessTime';
import { DomainError } from '../record/errors';
import { SEVERITIES, severityTargetSchema, slaPolicySchema, type Incident, type Severity, type SeverityTarget, type SlaPolicy } from '../record/schema';

/** Default targets: SEV1 15 min / 1 h, SEV2 30 min / 4 h, SEV3 4 h / next business day, SEV4 1 business day / 7 days. */
export const DEFAULT_TARGETS: Record<Severity, SeverityTarget> = {
  SEV1: severityTargetSchema.parse({ response: '15m', resolution: '1h', updateEvery: '30m' }),
  SEV2: severityTargetSchema.parse({ response: '30m', resolution: '4h', updateEvery: '1h' }),
  SEV3: severityTargetSchema.parse({ response: '4h', resolution: NEXT_BUSINESS_DAY, updateEvery: '4h' }),
  SEV4: severityTargetSchema.parse({ response: '1bd', resolution: '7d', updateEvery: '1d' }),
};

/** The moment `duration` after `start`, counting business time in the policy's calendar where the duration says so. */
export function deadlineAfter(start: Date, duration: string, policy: SlaPolicy): Date {
  const parsed = parseSlaDuration(duration);
  if (!parsed) throw new DomainError(`"${duration}" is not an SLA duration`, 'bad-duration');
  if (parsed.kind === 'calendar') return addMinutes(start, parsed.minutes);
  return businessDeadline(start, parsed, policy);
}

function businessDeadline(start: Date, duration: Exclude<SlaDuration, { kind: 'calendar' }>, policy: SlaPolicy): Date {
  const calendar = { timeZone: policy.timeZone, businessDays: policy.businessDays, businessHours: policy.businessHours, holidays: policy.holidays };
  switch (duration.kind) {
    case 'business':
      return addBusinessMinutes(start, duration.minutes, calendar);
    case 'business-days':
      return addBusinessDays(start, duration.days, calendar);
    default:
      return endOfNextBusinessDay(start, calendar);
  }
}

export function resolvePolicy(policy: SlaPolicy | undefined): SlaPolicy {
  const base = slaPolicySchema.parse(policy ?? {});
  return { ...base, targets: { ...DEFAULT_TARGETS, ...base.targets } };
}

/**
 * Targets from somewhere else (the editor's `incidents.slaTargets` setting)
 * laid over a policy, field by field. Values that are not durations are
 * skipped and reported, so one typo does not stop the clocks.
 */
export function withTargetOverrides(policy: SlaPolicy, overrides: unknown): { policy: SlaPolicy; problems: string[] } {
  const problems: string[] = [];
  if (overrides === undefined || overrides === null) return { policy, problems };
  if (typeof overrides !== 'object' || Array.isArray(overrides)) return { policy, problems: ['SLA target overrides must be an object keyed by severity'] };
  const targets = { ...policy.targets };
  for (const [severity, fields] of Object.entries(overrides as Record<string, unknown>)) {
    if (!(SEVERITIES as readonly string[]).includes(severity) || typeof fields !== 'object' || fields === null) {
      problems.push(`"${severity}" is not SEV1–SEV4 with targets`);
      continue;
    }
    const merged: Record<string, unknown> = { ...targetFor(policy, severity as Severity) };
    for (const [field, value] of Object.entries(fields as Record<string, unknown>)) {
      if (!['response', 'resolution', 'updateEvery'].includes(field) || typeof value !== 'string' || !parseSlaDuration(value))
        problems.push(`${severity}.${field}: "${String(value)}" is not a duration like 15m, 4h, 8bh, 1bd`);
      else merged[field] = value;
    }
    targets[severity as Severity] = severityTargetSchema.parse(merged);
  }
  return { policy: { ...policy, targets }, problems };
}

export function targetFor(policy: SlaPolicy, severity: Severity): SeverityTarget {
  return policy.targets[severity] ?? DEFAULT_TARGETS[severity];
}

export interface SlaClock {
  name: 'response' | 'resolution';
  deadline: Date;
  /** When the target was met; undefined while the clock runs. */
  metAt?: Date;
  /** Positive: time left; negative: overdue by that much (measured at `now`, or at metAt once met). */
  remainingMs: number;
  breached: boolean;
}

/** Clocks start at declaration, so a severity change re-times them from the same start. */
export function slaClocks(incident: Incident, policy: SlaPolicy, now: Date): SlaClock[] {
  const target = targetFor(policy, incident.severity);
  const start = new Date(incident.declaredAt);
  const clock = (name: SlaClock['name'], duration: string, met: string | undefined): SlaClock => {
    const deadline = deadlineAfter(start, duration, policy);
    const metAt = met ? new Date(met) : undefined;
    const remainingMs = deadline.getTime() - (metAt ?? now).getTime();
    return { name, deadline, ...(metAt ? { metAt } : {}), remainingMs, breached: remainingMs < 0 };
  };
  return [clock('response', target.response, incident.acknowledgedAt), clock('resolution', target.resolution, incident.resolvedAt)];
}

/** When the next status update is due: the last update's own promise, else severity cadence from the last update or declaration. */
export function nextUpdateDue(incident: Incident, policy: SlaPolicy): Date | undefined {
  const every = targetFor(policy, incident.severity).updateEvery;
  const last = [...incident.updates].sort((a, b) => (a.at < b.at ? -1 : 1)).at(-1);
  if (last?.nextUpdateBy) return new Date(last.nextUpdateBy);
  if (!every) return undefined;
  return deadlineAfter(new Date(last?.at ?? incident.declaredAt), every, policy);
}

/**
 * The one clock a responder should look at, in words: the first running clock
 * that is breached, else the nearest running one ("responds in 12m",
 * "resolution overdue 25m"); undefined once every target is met.
 */
export function clockSummary(clocks: readonly SlaClock[]): { text: string; breached: boolean } | undefined {
  const clock = clockToWatch(clocks);
  if (!clock) return undefined;
  const verb = clock.name === 'response' ? 'response' : 'resolution';
  return clock.breached
    ? { text: `${verb} overdue ${formatDuration(clock.remainingMs)}`, breached: true }
    : { text: `${clock.name === 'response' ? 'responds' : 'resolves'} in ${formatDuration(clock.remainingMs)}`, breached: false };
}

/** The first running clock that is breached, else the nearest running one; undefined once every target is met. */
export function clockToWatch(clocks: readonly SlaClock[]): SlaClock | undefined {
  const running = clocks.filter((clock) => !clock.metAt);
  return running.find((clock) => clock.breached) ?? [...running].sort((a, b) => a.remainingMs - b.remainingMs)[0];
}
