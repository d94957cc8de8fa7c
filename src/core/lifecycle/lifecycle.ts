import { stamp, type ChangeContext } from '../record/context';
import { DomainError } from '../record/errors';
import type { Incident, Stage, Status } from '../record/schema';
import { addTimelineEvent } from './timeline';

/**
 * Legal moves between lifecycle steps. Forward moves may skip steps a small
 * incident does not need (detected → mitigated); any open step may go back
 * to an earlier one, and a resolved or closed incident can be reopened.
 */
const NEXT: Record<Status, readonly Status[]> = {
  detected: ['triaged', 'communicating', 'mitigated', 'resolved'],
  triaged: ['communicating', 'mitigated', 'resolved', 'detected'],
  communicating: ['mitigated', 'resolved', 'triaged'],
  mitigated: ['resolved', 'communicating', 'triaged'],
  resolved: ['postmortem', 'closed', 'triaged'],
  postmortem: ['closed', 'resolved'],
  closed: ['triaged'],
};

const STAGE: Record<Status, Stage> = {
  detected: 'detect',
  triaged: 'respond',
  communicating: 'respond',
  mitigated: 'recover',
  resolved: 'recover',
  postmortem: 'prepare',
  closed: 'prepare',
};

/** Statuses after which the incident no longer needs a responder's attention. */
export const INACTIVE_STATUSES: ReadonlySet<Status> = new Set(['resolved', 'postmortem', 'closed']);

export const isActive = (incident: Pick<Incident, 'status'>): boolean => !INACTIVE_STATUSES.has(incident.status);
export const stageOf = (status: Status): Stage => STAGE[status];
export const nextStatuses = (status: Status): readonly Status[] => NEXT[status];

/** What a move needs besides being in the table, said as the thing to do first; undefined when nothing is missing. */
function missingPrerequisite(incident: Incident, to: Status): string | undefined {
  if (to === 'triaged' && !incident.roles.commander) return 'assign a commander first';
  return undefined;
}

export interface OfferedStatuses {
  /** Moves changeStatus accepts now. */
  next: Status[];
  /** Moves the table allows but the incident is not ready for, with what to do first. */
  blocked: Array<{ status: Status; reason: string }>;
}

/** The statuses a picker should offer, so it never offers a move changeStatus would refuse. */
export function offeredStatuses(incident: Incident): OfferedStatuses {
  const offered: OfferedStatuses = { next: [], blocked: [] };
  for (const to of NEXT[incident.status]) {
    const reason = missingPrerequisite(incident, to);
    if (reason) offered.blocked.push({ status: to, reason });
    else offered.next.push(to);
  }
  return offered;
}

/** Which timestamp a status stamps the first time it is reached. */
const STAMPS: Partial<Record<Status, 'acknowledgedAt' | 'mitigatedAt' | 'resolvedAt' | 'closedAt'>> = {
  triaged: 'acknowledgedAt',
  mitigated: 'mitigatedAt',
  resolved: 'resolvedAt',
  closed: 'closedAt',
};

export function changeStatus(incident: Incident, to: Status, ctx: ChangeContext): Incident {
  const from = incident.status;
  if (from === to) return incident;
  if (!NEXT[from].includes(to)) {
    throw new DomainError(`${incident.id} cannot go from ${from} to ${to}; from ${from} it can go to ${NEXT[from].join(', ')}`, 'illegal-transition');
  }
  if (missingPrerequisite(incident, to)) {
    throw new DomainError(`${incident.id} needs a commander before it is triaged; assign one first`, 'commander-required');
  }
  const reopening = INACTIVE_STATUSES.has(from) && !INACTIVE_STATUSES.has(to);
  const next: Incident = { ...incident, status: to };
  // Any move onward from "detected" means someone responded.
  if (from === 'detected' && !next.acknowledgedAt) next.acknowledgedAt = stamp(ctx);
  const field = STAMPS[to];
  if (field && !next[field]) next[field] = stamp(ctx);
  if (reopening) {
    delete next.resolvedAt;
    delete next.closedAt;
  }
  const text = reopening ? `Reopened: ${from} → ${to}` : `Status ${from} → ${to}`;
  return addTimelineEvent(next, { kind: 'status', text, data: { from, to } }, ctx);
}

/** The lifecycle fields: the status and the times it stamps. */
export const LIFECYCLE_FIELDS = ['status', 'acknowledgedAt', 'mitigatedAt', 'resolvedAt', 'closedAt'] as const;
