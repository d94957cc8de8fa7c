/**
 * Setting and clearing a type's field on an incident: the value checked by
 * its kind (src/core/plan/fieldValues.ts), kept in the record's `fields` by
 * field id, and the change written to the timeline with who and when. Each
 * field is its own register, so two people filling different fields at once
 * both keep theirs, and for one field the later edit wins (src/core/merge/).
 */
import { DomainError } from '../record/errors';
import type { ChangeContext } from '../record/context';
import type { Category, Incident, Severity } from '../record/schema';
import { declaredWithType, findType, type PlanTypes } from '../plan/incidentTypes';
import type { DeclareInput } from './declare';
import { fieldValueText, parseFieldValue } from '../plan/fieldValues';
import { addTimelineEvent } from './timeline';
import { recategorized } from './changes';

/**
 * The incident with field `fieldId` of its type set to `text` (undefined:
 * cleared). Throws DomainError, with one line to show, when the incident has
 * no type, its type is not in the plan, the type has no such field, or the
 * value does not fit the field's kind. The same value again changes nothing.
 */
export function setTypeField(incident: Incident, plan: PlanTypes, fieldId: string, text: string | undefined, ctx: ChangeContext): Incident {
  if (!incident.type) throw new DomainError(`${incident.id} has no type, so it has no fields; declare it with a type (--type)`, 'no-type');
  const type = findType(plan, incident.type);
  if (!type) throw new DomainError(`${incident.id} has type "${incident.type}", which the plan no longer defines; its fields can be read but not changed`, 'unknown-type');
  const field = type.fields.find((candidate) => candidate.id === fieldId);
  if (!field) {
    const known = type.fields.map((candidate) => candidate.id);
    throw new DomainError(`type "${type.id}" has no field "${fieldId}"; its fields: ${known.length ? known.join(', ') : 'none'}`, 'unknown-field');
  }
  const previous = incident.fields?.[field.id];
  if (text === undefined) {
    if (previous === undefined) return incident;
    const { [field.id]: _, ...rest } = incident.fields ?? {};
    return addTimelineEvent({ ...incident, fields: rest }, { kind: 'note', text: `${field.title} cleared`, data: { field: `fields.${field.id}`, from: previous } }, ctx);
  }
  const parsed = parseFieldValue(field, text);
  if ('problem' in parsed) throw new DomainError(parsed.problem, 'invalid-field-value');
  if (previous === parsed.value) return incident;
  return addTimelineEvent(
    { ...incident, fields: { ...(incident.fields ?? {}), [field.id]: parsed.value } },
    {
      kind: 'note',
      text: `${field.title}: ${fieldValueText(parsed.value)}`,
      data: { field: `fields.${field.id}`, ...(previous === undefined ? {} : { from: previous }), to: parsed.value },
    },
    ctx,
  );
}

/** The one line for a type the plan does not have, with the types it has (the first twenty). */
function unknownType(plan: PlanTypes, typeId: string): DomainError {
  const known = (plan.types ?? []).map((candidate) => candidate.id);
  const listed = known.length ? `; its types: ${known.slice(0, 20).join(', ')}${known.length > 20 ? ', …' : ''}` : ' (it has no "types" block)';
  return new DomainError(`the plan has no type "${typeId}"${listed}`, 'unknown-type');
}

/**
 * The incident given the plan's type `typeId` (a re-classification, or a
 * type chosen after declaring): its category follows the type's. Values of
 * fields the new type does not have stay on the record, readable, until
 * cleared. Throws DomainError when the plan has no such type.
 */
export function changeType(incident: Incident, plan: PlanTypes, typeId: string, ctx: ChangeContext): Incident {
  const type = findType(plan, typeId);
  if (!type) throw unknownType(plan, typeId);
  if (incident.type === type.id && incident.category === type.category) return incident;
  const retyped = recategorized({ ...incident, type: type.id }, type.category, ctx);
  return addTimelineEvent(
    retyped,
    { kind: 'note', text: `Type ${incident.type ?? 'none'} → ${type.id}`, data: { field: 'type', ...(incident.type ? { from: incident.type } : {}), to: type.id } },
    ctx,
  );
}

/** A declaration as people ask for it: with a type, the category and severity may be left to the type. */
export interface DeclareRequest extends Omit<DeclareInput, 'category' | 'severity'> {
  category?: Category;
  severity?: Severity;
}

/**
 * What to declare for a request, per the plan: without a type, the request
 * as it is (category and severity required); with one, the type's category
 * (a different one given is refused, not silently replaced), the severity
 * given or else the type's, and the runbooks (paths) and people or channels
 * the type adds. Throws DomainError with one line to show.
 */
export function declarationWithType(
  plan: PlanTypes & { runbooks: { folder: string } },
  request: DeclareRequest,
): { input: DeclareInput; runbooks: readonly string[]; tell: readonly string[] } {
  if (request.type === undefined) {
    if (!request.category || !request.severity) throw new DomainError("say the category and the severity, or name one of the plan's types", 'missing-category');
    return { input: { ...request, category: request.category, severity: request.severity }, runbooks: [], tell: [] };
  }
  const type = findType(plan, request.type);
  if (!type) throw unknownType(plan, request.type);
  if (request.category && request.category !== type.category)
    throw new DomainError(`type "${type.id}" belongs to the category ${type.category}; leave the category out or give ${type.category}`, 'category-mismatch');
  const decided = declaredWithType(type, { severity: request.severity }, plan.runbooks.folder);
  return { input: { ...request, type: type.id, category: decided.category, severity: decided.severity }, runbooks: decided.runbooks, tell: decided.tell };
}

/** The questions of the incident's type with whether each is answered (ticked yes, with who and when), in the type's order; none without a type the plan defines. */
export function typeQuestions(plan: PlanTypes, incident: Incident): { id: string; text: string; answered?: { by: string; at: string } }[] {
  const type = findType(plan, incident.type);
  return (type?.questions ?? []).map((question) => {
    const tick = incident.triage?.[question.id];
    return { id: question.id, text: question.text, ...(tick?.checked ? { answered: { by: tick.by, at: tick.at } } : {}) };
  });
}

/**
 * Answers (or takes back the answer to) one of the type's questions: kept
 * with the triage ticks, by the question's id (the plan keeps the ids apart),
 * so two machines' answers join by time like them; on the timeline.
 */
export function answerTypeQuestion(incident: Incident, plan: PlanTypes, questionId: string, answered: boolean, ctx: ChangeContext): Incident {
  const type = findType(plan, incident.type);
  if (!type)
    throw new DomainError(
      incident.type ? `${incident.id} has type "${incident.type}", which the plan no longer defines` : `${incident.id} has no type, so no type questions`,
      'no-type',
    );
  const question = type.questions?.find((candidate) => candidate.id === questionId);
  if (!question) {
    const known = (type.questions ?? []).map((candidate) => candidate.id);
    throw new DomainError(`type "${type.id}" has no question "${questionId}"; its questions: ${known.length ? known.join(', ') : 'none'}`, 'unknown-question');
  }
  if ((incident.triage?.[question.id]?.checked ?? false) === answered) return incident;
  const tick = { checked: answered, by: ctx.author, at: ctx.at.toISOString() };
  return addTimelineEvent(
    { ...incident, triage: { ...incident.triage, [question.id]: tick } },
    { kind: 'checklist', text: `${answered ? 'Answered' : 'Reopened'}: ${question.text}`, data: { checked: answered, triage: question.id } },
    ctx,
  );
}
