import { addMinutes } from 'date-fns';
import { severityTargetSchema, slaPolicySchema, type Incident, type Severity, type SeverityTarget, type SlaPolicy } from './schema';

/**
 * Default response/resolution targets. "Next business day" and "1 business
 * day" are approximated in calendar minutes here (24 h); business-hours
 * arithmetic in the team's time zone is tracked in the domain issue.
 */
export const DEFAULT_TARGETS: Record<Severity, SeverityTarget> = {
  SEV1: severityTargetSchema.parse({ responseMinutes: 15, resolutionMinutes: 60, updateEveryMinutes: 30 }),
  SEV2: severityTargetSchema.parse({ responseMinutes: 30, resolutionMinutes: 240, updateEveryMinutes: 60 }),
  SEV3: severityTargetSchema.parse({ responseMinutes: 240, resolutionMinutes: 24 * 60, updateEveryMinutes: 240 }),
  SEV4: severityTargetSchema.parse({ responseMinutes: 24 * 60, resolutionMinutes: 7 * 24 * 60, updateEveryMinutes: 24 * 60 }),
};

export function resolvePolicy(policy: SlaPolicy | undefined): SlaPolicy {
  const base = slaPolicySchema.parse(policy ?? {});
  return { ...base, targets: { ...DEFAULT_TARGETS, ...base.targets } };
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
  const clock = (name: SlaClock['name'], minutes: number, met: string | undefined): SlaClock => {
    const deadline = addMinutes(start, minutes);
    const metAt = met ? new Date(met) : undefined;
    const remainingMs = deadline.getTime() - (metAt ?? now).getTime();
    return { name, deadline, ...(metAt ? { metAt } : {}), remainingMs, breached: remainingMs < 0 };
  };
  return [clock('response', target.responseMinutes, incident.acknowledgedAt), clock('resolution', target.resolutionMinutes, incident.resolvedAt)];
}

/** When the next status update is due: the last update's own promise, else severity cadence from the last update or declaration. */
export function nextUpdateDue(incident: Incident, policy: SlaPolicy): Date | undefined {
  const every = targetFor(policy, incident.severity).updateEveryMinutes;
  const last = [...incident.updates].sort((a, b) => (a.at < b.at ? -1 : 1)).at(-1);
  if (last?.nextUpdateBy) return new Date(last.nextUpdateBy);
  if (!every) return undefined;
  return addMinutes(new Date(last?.at ?? incident.declaredAt), every);
}

/** "12m", "1h 05m", "2d 3h". */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h ${String(minutes % 60).padStart(2, '0')}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/**
 * The one clock a responder should look at, in words: the first running clock
 * that is breached, else the nearest running one ("responds in 12m",
 * "resolution overdue 25m"); undefined once every target is met.
 */
export function clockSummary(clocks: readonly SlaClock[]): { text: string; breached: boolean } | undefined {
  const running = clocks.filter((clock) => !clock.metAt);
  const breached = running.find((clock) => clock.breached);
  const clock = breached ?? [...running].sort((a, b) => a.remainingMs - b.remainingMs)[0];
  if (!clock) return undefined;
  const verb = clock.name === 'response' ? 'response' : 'resolution';
  return clock.breached
    ? { text: `${verb} overdue ${formatDuration(clock.remainingMs)}`, breached: true }
    : { text: `${clock.name === 'response' ? 'responds' : 'resolves'} in ${formatDuration(clock.remainingMs)}`, breached: false };
}
