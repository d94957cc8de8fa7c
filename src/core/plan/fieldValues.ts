/**
 * A type's field values as people type them (the CLI, an agent, the panel's
 * editors) checked by kind and turned into what the record stores: text for
 * text, choices, dates, people and URLs, a number for numbers. Each refusal
 * is one line saying what the field takes.
 */
import { urlSecretReason } from '../delivery/secretUrls';
import { PERSON_MAX } from '../text/clip';
import { findType, typeTitle, type FieldDefinition, type PlanTypes } from './incidentTypes';

/** A stored value: text, or a number for a "number" field. */
export type FieldValue = string | number;
export const FIELD_TEXT_MAX = 2000;
const URL_MAX = 2000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` is a calendar date (YYYY-MM-DD) that exists. */
function isCalendarDate(text: string): boolean {
  const parts = ISO_DATE.exec(text);
  if (!parts) return false;
  const [year, month, day] = parts.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** No line breaks or control characters: a value shows on one line in the header, the brief and the status page. */
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's job
const hasControl = (text: string) => /[\u0000-\u001f\u007f]/.test(text);

/** The value to store for `text` typed into `field`, or the problem with it (said after the field's title: `"Records lost" …`). */
export function parseFieldValue(field: FieldDefinition, text: string): { value: FieldValue } | { problem: string } {
  const value = text.trim();
  const name = `"${field.title}"`;
  if (!value) return { problem: `${name} needs a value; to clear it, give none (incident field ID ${field.id} --clear)` };
  if (field.kind !== 'text' && hasControl(value)) return { problem: `${name} takes one line` };
  switch (field.kind) {
    case 'text':
      return value.length > FIELD_TEXT_MAX ? { problem: `${name} takes at most ${FIELD_TEXT_MAX} characters (got ${value.length})` } : { value };
    case 'choice': {
      const choice = field.choices?.find((option) => option.toLowerCase() === value.toLowerCase());
      return choice === undefined ? { problem: `${name} is one of: ${(field.choices ?? []).join(', ')}` } : { value: choice };
    }
    case 'number': {
      const number = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(value) ? Number(value) : Number.NaN;
      if (!Number.isFinite(number)) return { problem: `${name} is a number, like 42 or 3.5` };
      if (field.min !== undefined && number < field.min) return { problem: `${name} is at least ${field.min}` };
      if (field.max !== undefined && number > field.max) return { problem: `${name} is at most ${field.max}` };
      return { value: number };
    }
    case 'date':
      return isCalendarDate(value) ? { value } : { problem: `${name} is a date like 2026-12-07` };
    case 'person':
      return value.length > PERSON_MAX ? { problem: `${name} is a person, "Name <email>", in at most ${PERSON_MAX} characters` } : { value };
    case 'url': {
      if (value.length > URL_MAX) return { problem: `${name} is a web address of at most ${URL_MAX} characters` };
      let url: URL | undefined;
      try {
        url = new URL(value);
      } catch {
        url = undefined;
      }
      if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname) return { problem: `${name} is a web address starting with https:// or http://` };
      // A field may be public (the status page) and is shared with the team: never a credential.
      const secret = urlSecretReason(url);
      return secret ? { problem: `${name}: this address ${secret}; give the page's address without it` } : { value: url.href };
    }
  }
}

/** A stored value as people read it (a number in its shortest form). */
export const fieldValueText = (value: unknown): string => (typeof value === 'number' ? String(value) : typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));

/** One field of an incident as every view shows it: the plan's definition when the type still has it, the stored value when there is one. */
export interface FieldRow {
  id: string;
  /** The field's title, or its id when the plan no longer defines it. */
  title: string;
  /** The value as text; undefined when empty. */
  value?: string;
  required: boolean;
  public: boolean;
  /** False for a value kept from a field (or type) the plan no longer defines. */
  defined: boolean;
}

/**
 * An incident's fields in the type's order, then values of fields the plan
 * no longer defines (by id, never public). None for an incident without a type.
 */
export function fieldRows(plan: PlanTypes, incident: { type?: string; fields?: Record<string, unknown> }): FieldRow[] {
  if (!incident.type) return [];
  const values = incident.fields ?? {};
  const has = (id: string) => Object.hasOwn(values, id);
  const defined = findType(plan, incident.type)?.fields ?? [];
  const rows: FieldRow[] = defined.map((field) => ({
    id: field.id,
    title: field.title,
    ...(has(field.id) ? { value: fieldValueText(values[field.id]) } : {}),
    required: field.required,
    public: field.public,
    defined: true,
  }));
  for (const id of Object.keys(values))
    if (!defined.some((field) => field.id === id)) rows.push({ id, title: id, value: fieldValueText(values[id]), required: false, public: false, defined: false });
  return rows;
}

/** An incident's type as views show it (title, or id for a type the plan dropped, and its field rows); undefined without a type. */
export function typeView(plan: PlanTypes, incident: { type?: string; fields?: Record<string, unknown> }): { title: string; fields: FieldRow[] } | undefined {
  return incident.type ? { title: typeTitle(plan, incident.type), fields: fieldRows(plan, incident) } : undefined;
}
