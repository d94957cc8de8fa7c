/**
 * Setting and clearing a type's field on an incident: the value checked by
 * its kind (src/core/plan/fieldValues.ts), kept in the record's `fields` by
 * field id, and the change written to the timeline with who and when. Each
 * field is its own register, so two people filling different fields at once
 * both keep theirs, and for one field the later edit wins (src/core/merge/).
 */
import { DomainError } from '../record/errors';
import type { ChangeContext } from '../record/context';
import type { Incident } from '../record/schema';
import { findType, type PlanTypes } from '../plan/incidentTypes';
import { fieldValueText, parseFieldValue } from '../plan/fieldValues';
import { addTimelineEvent } from './timeline';
import { changeCategory } from './changes';

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

/**
 * The incident given the plan's type `typeId` (a re-classification, or a
 * type chosen after declaring): its category follows the type's. Values of
 * fields the new type does not have stay on the record, readable, until
 * cleared. Throws DomainError when the plan has no such type.
 */
export function changeType(incident: Incident, plan: PlanTypes, typeId: string, ctx: ChangeContext): Incident {
  const type = findType(plan, typeId);
  if (!type) {
    const known = (plan.types ?? []).map((candidate) => candidate.id);
    throw new DomainError(
      `the plan has no type "${typeId}"${known.length ? `; its types: ${known.slice(0, 20).join(', ')}${known.length > 20 ? ', …' : ''}` : ' (it has no "types" block)'}`,
      'unknown-type',
    );
  }
  if (incident.type === type.id && incident.category === type.category) return incident;
  const retyped = changeCategory({ ...incident, type: type.id }, type.category, ctx);
  return addTimelineEvent(
    retyped,
    { kind: 'note', text: `Type ${incident.type ?? 'none'} → ${type.id}`, data: { field: 'type', ...(incident.type ? { from: incident.type } : {}), to: type.id } },
    ctx,
  );
}
