/**
 * The invariant every lifecycle change and merge must keep, checked from the
 * outside: the tests' oracle for changeStatus and the record-level merge.
 */
import { INACTIVE_STATUSES, type LIFECYCLE_FIELDS } from '../../../../src/core/lifecycle/lifecycle';
import type { Incident } from '../../../../src/core/record/schema';

/**
 * What about `incident`'s status and stamps could not come from changeStatus:
 * any move out of "detected" acknowledges (and a move back keeps it); reaching
 * mitigated stamps mitigatedAt for good; resolvedAt exists exactly while the
 * incident is inactive and closedAt exactly while it is closed (a reopen clears
 * both); and the stamps follow each other in time. Empty when they agree.
 */
export function lifecycleStampProblems(incident: Pick<Incident, (typeof LIFECYCLE_FIELDS)[number]>): string[] {
  const { status, acknowledgedAt, mitigatedAt, resolvedAt, closedAt } = incident;
  const problems: string[] = [];
  if (status !== 'detected' && !acknowledgedAt) problems.push(`status ${status} without acknowledgedAt`);
  if (status === 'mitigated' && !mitigatedAt) problems.push('status mitigated without mitigatedAt');
  if (INACTIVE_STATUSES.has(status) && !resolvedAt) problems.push(`status ${status} without resolvedAt`);
  if (!INACTIVE_STATUSES.has(status) && resolvedAt) problems.push(`resolvedAt set while status is ${status}`);
  if (status === 'closed' && !closedAt) problems.push('status closed without closedAt');
  if (status !== 'closed' && closedAt) problems.push(`closedAt set while status is ${status}`);
  const inOrder: [string, string | undefined, string, string | undefined][] = [
    ['acknowledgedAt', acknowledgedAt, 'mitigatedAt', mitigatedAt],
    ['acknowledgedAt', acknowledgedAt, 'resolvedAt', resolvedAt],
    ['mitigatedAt', mitigatedAt, 'resolvedAt', resolvedAt],
    ['resolvedAt', resolvedAt, 'closedAt', closedAt],
  ];
  for (const [earlierName, earlier, laterName, later] of inOrder) {
    if (earlier && later && Date.parse(earlier) > Date.parse(later)) problems.push(`${earlierName} is after ${laterName}`);
  }
  return problems;
}

export const stampsAgreeWithStatus = (incident: Pick<Incident, (typeof LIFECYCLE_FIELDS)[number]>): boolean => lifecycleStampProblems(incident).length === 0;
