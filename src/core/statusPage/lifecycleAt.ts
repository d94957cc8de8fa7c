/**
 * The lifecycle step an incident was at, at a given time, from its status
 * events; so each public update carries the state it was written in, and a
 * page built for an earlier `now` shows that moment's state.
 */
import { INACTIVE_STATUSES } from '../lifecycle/lifecycle';
import type { Incident, Status } from '../record/schema';

interface StatusMove {
  at: number;
  from: Status;
  to: Status;
}

function statusMoves(incident: Incident): StatusMove[] {
  return incident.timeline
    .filter((event) => event.kind === 'status' && typeof event.data?.from === 'string' && typeof event.data?.to === 'string')
    .map((event) => ({ at: Date.parse(event.at), from: event.data?.from as Status, to: event.data?.to as Status }))
    .sort((a, b) => a.at - b.at);
}

/** The status at `at`: the last move made by then, else where the first move started (the declared status). */
export function statusAt(incident: Incident, at: Date): Status {
  const moves = statusMoves(incident);
  if (!moves.length) return incident.status;
  const made = moves.filter((move) => move.at <= at.getTime());
  return made.length ? made[made.length - 1].to : moves[0].from;
}

/** When the incident last moved to `wanted` (e.g. resolved) by `now`, if it did. */
export function lastMoveTo(incident: Incident, wanted: (status: Status) => boolean, now: Date): string | undefined {
  const moves = statusMoves(incident).filter((move) => move.at <= now.getTime() && wanted(move.to) && !wanted(move.from));
  return moves.length ? new Date(moves[moves.length - 1].at).toISOString() : undefined;
}

export const isInactive = (status: Status): boolean => INACTIVE_STATUSES.has(status);
