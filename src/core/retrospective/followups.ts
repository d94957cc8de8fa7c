/**
 * Follow-ups in the team's tracker: an action item exported as an issue,
 * made once across the team, and marked done when the issue closes.
 *
 * The item's `export` record is made by the delivery protocol
 * (src/core/delivery/deliveryRecords.ts, whose steps read only the fields
 * the record shares with a delivery): the machine that asks for the export
 * writes it pending with no claim (two may ask at once); a machine makes the request only with
 * the round's only fresh claim and after its `sending` mark is synced; a
 * stale `sending` becomes failed and `uncertain`, for a person to look in
 * the tracker before retrying, never re-made by itself. `sent` absorbs: the
 * issue's number and URL come with it.
 *
 * Reading back: when a sync sees the issue closed, `closedAt` is set (the
 * earliest seen wins a merge) and an open item becomes done, with one
 * timeline event whose id comes from the item's, so two machines that saw
 * it at once write the same event.
 */
import { DELIVERY_TIMES, joinDeliveries, retried, withOutcome } from '../delivery/deliveryRecords';
import type { TrackerKind } from '../record/recordValues';
import type { ActionItem, Incident, TrackerExport } from '../record/schema';
import { addTimelineEvent } from '../lifecycle/timeline';
import { trackerName, type IssueContent } from './trackerRequests';

/**
 * An export asked for on `machine`: pending with no claim yet. Two machines
 * may ask for the same item's export on their own (two people, or the plan's
 * `export: "auto"` on each), so, as for a reminder (newUnclaimedDelivery),
 * even the asking machine claims and syncs before the request.
 */
export function newExport(tracker: TrackerKind, machine: string, person: string, now: Date): TrackerExport {
  return { tracker, createdAt: now.toISOString(), createdBy: person, origin: machine, state: 'pending', round: 0, attempts: 0 };
}

const earliest = (a: string | undefined, b: string | undefined) => (a === undefined ? b : b === undefined || a <= b ? a : b);

/** Two copies of one export joined: the protocol's join (sent absorbs, else the copy furthest on, claims by union), and the earliest closing seen. */
export function joinExports(a: TrackerExport | undefined, b: TrackerExport | undefined): TrackerExport | undefined {
  if (!a || !b) return a ?? b;
  const { closedAt: closedA, ...restA } = a;
  const { closedAt: closedB, ...restB } = b;
  const closedAt = earliest(closedA, closedB);
  return { ...joinDeliveries(restA, restB), ...(closedAt ? { closedAt } : {}) };
}

/** What a request to make the issue came to (src/workflows/tracker/trackerClient.ts). */
export type IssueOutcome = { ok: true; issue: string; url: string } | { ok: false; reason: string; retryable: boolean; unsent?: boolean; uncertain?: boolean };

/**
 * The record after its request: sent with the issue's number and URL; or
 * pending again when the request never left (offline: such tries do not use
 * up the attempts, so the export waits for the network however long);
 * failed and `uncertain` when it may have reached the tracker; else as any
 * delivery attempt ends.
 */
export function withIssueOutcome(record: TrackerExport, machine: string, outcome: IssueOutcome, now: Date, times = DELIVERY_TIMES): TrackerExport {
  if (outcome.ok) return { ...withOutcome(record, machine, { ok: true, response: outcome.issue }, now, times), issue: outcome.issue, url: outcome.url };
  const failure = { ok: false as const, reason: outcome.reason, retryable: outcome.retryable && !outcome.uncertain };
  if (outcome.uncertain) return { ...withOutcome(record, machine, failure, now, times), uncertain: true };
  return withOutcome(outcome.unsent ? { ...record, budget: (record.budget ?? times.attempts) + 1 } : record, machine, failure, now, times);
}

/**
 * A person's retry of a failed or uncertain export: a new round with
 * attempts of its own, pending with no claim in it, so that two people who
 * retry at once on two machines see each other's claims before either
 * makes the issue.
 */
export function retriedExport(record: TrackerExport, machine: string, now: Date, times = DELIVERY_TIMES): TrackerExport {
  const { claims, ...again } = retried(record, machine, now, times);
  const older = Object.entries(claims ?? {}).filter(([key]) => !key.startsWith(`${again.round}/`));
  return older.length ? { ...again, claims: Object.fromEntries(older) } : again;
}

/** The item with its export record changed; the incident unchanged when the item or its record is not there. */
export function withExportChanged(incident: Incident, itemId: string, change: (record: TrackerExport) => TrackerExport): Incident {
  const items = incident.retrospective.actionItems;
  const index = items.findIndex((item) => item.id === itemId && item.export);
  if (index < 0) return incident;
  const record = change(items[index].export as TrackerExport);
  if (record === items[index].export) return incident;
  const changed = items.map((item, i) => (i === index ? { ...item, export: record } : item));
  return { ...incident, retrospective: { ...incident.retrospective, actionItems: changed } };
}

/** The item marked for export (a no-op when it already has an export record). The item's own fields and updatedAt are kept: the export joins on its own. */
export function withExportAsked(incident: Incident, itemId: string, tracker: TrackerKind, machine: string, person: string, now: Date): Incident {
  const items = incident.retrospective.actionItems;
  if (!items.some((item) => item.id === itemId && !item.export)) return incident;
  const changed = items.map((item) => (item.id === itemId ? { ...item, export: newExport(tracker, machine, person, now) } : item));
  return { ...incident, retrospective: { ...incident.retrospective, actionItems: changed } };
}

/** The id of the event that says the item is done because its issue closed: the same on every machine. */
export const closedEventId = (itemId: string): string => `issue-closed-${itemId}`.slice(0, 64);

/** The issue was seen closed: `closedAt` set, and an open item done, the timeline saying so (once). */
export function withIssueClosed(incident: Incident, itemId: string, now: Date, author: string): Incident {
  const item = incident.retrospective.actionItems.find((candidate) => candidate.id === itemId);
  if (!item?.export || item.export.closedAt) return incident;
  const closedAt = now.toISOString();
  const wasOpen = item.status === 'open';
  const updated: ActionItem = { ...item, export: { ...item.export, closedAt }, ...(wasOpen ? { status: 'done' as const, updatedAt: closedAt } : {}) };
  const next = {
    ...incident,
    retrospective: { ...incident.retrospective, actionItems: incident.retrospective.actionItems.map((candidate) => (candidate === item ? updated : candidate)) },
  };
  if (!wasOpen || incident.timeline.some((event) => event.id === closedEventId(itemId))) return next;
  const issue = item.export.issue ? `${item.export.tracker === 'jira' ? '' : '#'}${item.export.issue}` : 'its issue';
  return addTimelineEvent(
    next,
    {
      kind: 'action',
      text: `Action item done: ${issue} was closed in ${trackerName(item.export.tracker)}: ${item.title}`,
      data: { actionItemId: itemId, status: 'done', ...(item.export.url ? { issue: item.export.url } : {}) },
    },
    { at: now, author, newId: () => closedEventId(itemId) },
  );
}

/** Where an item stands with the tracker, in one word for lists and views. */
export type FollowupState = 'not exported' | 'waiting' | 'exporting' | 'exported' | 'closed' | 'failed' | 'uncertain';

export function followupState(item: ActionItem): FollowupState {
  const record = item.export;
  if (!record) return 'not exported';
  if (record.closedAt) return 'closed';
  if (record.state === 'sent') return 'exported';
  if (record.state === 'sending') return 'exporting';
  if (record.state === 'failed') return record.uncertain ? 'uncertain' : 'failed';
  return record.state === 'pending' ? 'waiting' : 'failed';
}

/** What the issue says: the action item's title, and lines for its incident, owner, due date and where the record is. */
export function issueContent(incident: Incident, item: ActionItem, incidentUrl: string | undefined): IssueContent {
  return {
    title: item.title,
    lines: [
      `Follow-up of incident ${incident.id}: ${incident.title} (${incident.severity}).`,
      ...(item.owner ? [`Owner: ${item.owner}`] : []),
      ...(item.due ? [`Due: ${item.due}`] : []),
      ...(incidentUrl ? [`Incident record: ${incidentUrl}`] : []),
      `Action item ${item.id}: closing this issue marks it done (incident followups sync).`,
    ],
  };
}
