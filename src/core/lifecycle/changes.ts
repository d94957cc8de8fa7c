/** Everyday edits to an incident, each written to the timeline with author and time. */
import { clipText, PERSON_MAX, SHORT_TEXT_MAX } from '../text/clip';
import type { CommitSummary } from '../code/commitSummary';
import { recordId, stamp, type ChangeContext } from '../record/context';
import type { ActionItem, ActionItem as Item, Category, CommitRelation, Incident, RoleName, Severity } from '../record/schema';
import { addTimelineEvent } from './timeline';
import { DomainError } from '../record/errors';

export function changeSeverity(incident: Incident, severity: Severity, ctx: ChangeContext): Incident {
  if (incident.severity === severity) return incident;
  return addTimelineEvent(
    { ...incident, severity },
    { kind: 'severity', text: `Severity ${incident.severity} → ${severity}`, data: { from: incident.severity, to: severity } },
    ctx,
  );
}

/** Re-classifies the incident (the triage verdict may say it is a security incident after all). */
export function changeCategory(incident: Incident, category: Category, ctx: ChangeContext): Incident {
  if (incident.category === category) return incident;
  // A type decides its incident's category: moving one without the other would file it under two.
  if (incident.type)
    throw new DomainError(
      `${incident.id} is of type "${incident.type}", which belongs to ${incident.category}; give it another type to move it (incident type ${incident.id} TYPE)`,
      'typed-category',
    );
  return recategorized(incident, category, ctx);
}

/** The incident filed under `category`, on the timeline; for changeType, which moves the type and the category together. */
export function recategorized(incident: Incident, category: Category, ctx: ChangeContext): Incident {
  if (incident.category === category) return incident;
  // A "note" like a rename: the schema has no event kind for re-classification, and adding one would change the stored format.
  return addTimelineEvent(
    { ...incident, category },
    { kind: 'note', text: `Category ${incident.category} → ${category}`, data: { field: 'category', from: incident.category, to: category } },
    ctx,
  );
}

/**
 * The postmortem's Summary and Impact, kept in the record so a re-export
 * never loses them. A field left out is kept; an empty one is cleared.
 */
export function setSummaryAndImpact(incident: Incident, texts: { summary?: string; impact?: string }, ctx: ChangeContext): Incident {
  const next: Incident = { ...incident };
  const said: Array<'summary' | 'impact'> = [];
  for (const field of ['summary', 'impact'] as const) {
    const given = texts[field];
    if (given === undefined) continue;
    const value = given.trim();
    if (value === (incident[field] ?? '')) continue;
    if (value) next[field] = value;
    else delete next[field];
    said.push(field);
  }
  if (!said.length) return incident;
  const cleared = said.every((field) => next[field] === undefined);
  const what = said.length === 2 ? 'Summary and impact' : said[0] === 'summary' ? 'Summary' : 'Impact';
  return addTimelineEvent(next, { kind: 'retrospective', text: `${what} ${cleared ? 'cleared' : 'updated'}`, data: { fields: said } }, ctx);
}

export function renameIncident(incident: Incident, title: string, ctx: ChangeContext): Incident {
  const next = title.trim();
  if (!next || next === incident.title) return incident;
  return addTimelineEvent({ ...incident, title: next }, { kind: 'note', text: `Renamed from "${incident.title}"`, data: { from: incident.title, to: next } }, ctx);
}

/** Assigns a role; for "responder" adds to the list. Handing over is the same call with a new person. */
export function assignRole(incident: Incident, role: RoleName, person: string, ctx: ChangeContext): Incident {
  const roles = { ...incident.roles };
  if (role === 'responder') {
    if (roles.responders.includes(person)) return incident;
    roles.responders = [...roles.responders, person];
  } else {
    if (roles[role] === person) return incident;
    roles[role] = person;
  }
  const previous = role === 'responder' ? undefined : incident.roles[role];
  const text = previous ? `${role} handed over from ${previous} to ${person}` : `${person} is ${role}`;
  return addTimelineEvent({ ...incident, roles }, { kind: 'role', text, data: { role, person, ...(previous ? { previous } : {}) } }, ctx);
}

export function postStatusUpdate(incident: Incident, update: { audience: string; text: string; nextUpdateBy?: Date }, ctx: ChangeContext): Incident {
  const entry = {
    id: recordId(ctx),
    at: stamp(ctx),
    author: ctx.author,
    audience: update.audience,
    text: update.text,
    ...(update.nextUpdateBy ? { nextUpdateBy: update.nextUpdateBy.toISOString() } : {}),
  };
  return addTimelineEvent(
    { ...incident, updates: [...incident.updates, entry] },
    { kind: 'update', text: `Update to ${update.audience}: ${update.text}`, data: { updateId: entry.id } },
    ctx,
  );
}

export function setWhys(incident: Incident, whys: string[], ctx: ChangeContext): Incident {
  return { ...incident, retrospective: { ...incident.retrospective, whys: whys.slice(0, 5) }, updatedAt: stamp(ctx) };
}

export function setRootCause(incident: Incident, rootCause: string, ctx: ChangeContext): Incident {
  const retrospective = { ...incident.retrospective };
  if (rootCause.trim()) retrospective.rootCause = rootCause.trim();
  else delete retrospective.rootCause;
  return { ...incident, retrospective, updatedAt: stamp(ctx) };
}

export function addActionItem(incident: Incident, item: { title: string; owner?: string; due?: string; ticket?: string }, ctx: ChangeContext): Incident {
  const entry: ActionItem = {
    id: recordId(ctx),
    title: item.title,
    status: 'open',
    createdAt: stamp(ctx),
    updatedAt: stamp(ctx),
    ...(item.owner ? { owner: item.owner } : {}),
    ...(item.due ? { due: item.due } : {}),
    ...(item.ticket ? { ticket: item.ticket } : {}),
  };
  const next = { ...incident, retrospective: { ...incident.retrospective, actionItems: [...incident.retrospective.actionItems, entry] } };
  return addTimelineEvent(next, { kind: 'action', text: `Action item: ${item.title}${item.owner ? ` (owner ${item.owner})` : ''}`, data: { actionItemId: entry.id } }, ctx);
}

const ACTION_ITEM_STATUS_WORDS: Record<Item['status'], string> = { done: 'done', wontfix: "dropped (won't fix)", open: 'reopened' };

/** Marks an action item done, dropped or open again, with a timeline event; the same status again changes nothing. */
export function setActionItemStatus(incident: Incident, id: string, status: Item['status'], ctx: ChangeContext, closedBy?: string): Incident {
  const item = incident.retrospective.actionItems.find((candidate) => candidate.id === id);
  if (!item || item.status === status) return incident;
  const items = incident.retrospective.actionItems.map((candidate) =>
    candidate === item ? { ...item, status, updatedAt: stamp(ctx), ...(closedBy ? { closedBy } : {}) } : candidate,
  );
  const text = `Action item ${ACTION_ITEM_STATUS_WORDS[status]}${closedBy ? ` by ${closedBy.slice(0, 8)}` : ''}: ${item.title}`;
  return addTimelineEvent(
    { ...incident, retrospective: { ...incident.retrospective, actionItems: items } },
    { kind: 'action', text, data: { actionItemId: id, status, ...(closedBy ? { closedBy } : {}) } },
    ctx,
  );
}

/**
 * Links a commit with a relation; the same sha and relation twice is one link.
 * Its subject and author are clipped to what the record stores: one
 * 600-character subject must not make the link (or a whole scan) fail.
 */
export function linkCommit(incident: Incident, given: CommitSummary, relation: CommitRelation, ctx: ChangeContext): Incident {
  if (incident.commits.some((c) => c.sha === given.sha && c.relation === relation)) return incident;
  const commit = { ...given, subject: clipText(given.subject, SHORT_TEXT_MAX), author: clipText(given.author, PERSON_MAX) };
  const link = { ...commit, relation, linkedAt: stamp(ctx), linkedBy: ctx.author };
  return addTimelineEvent(
    { ...incident, commits: [...incident.commits, link] },
    { kind: 'commit', text: `Linked ${commit.sha.slice(0, 8)} as ${relation}: ${commit.subject}`, data: { sha: commit.sha, relation } },
    ctx,
  );
}
