/**
 * `incident types`, `incident type` and `incident field`: the plan's incident
 * types (src/core/plan/incidentTypes.ts) listed under their categories, an
 * incident given a type, and a type's field set or cleared on an incident,
 * each value checked by the field's kind (src/core/plan/fieldValues.ts).
 * A field edit is a register of its own, so two people filling different
 * fields never undo each other (src/core/merge/).
 */
import { CATEGORIES } from '../core/record/recordValues';
import { declaredWithType, findType, typesByCategory, typeTitle } from '../core/plan/incidentTypes';
import { fieldRows, fieldValueText } from '../core/plan/fieldValues';
import { answerTypeQuestion, changeType, setTypeField, typeQuestions } from '../core/lifecycle/typeFields';
import { terminalText } from '../core/text/terminalText';
import type { Incident } from '../core/record/schema';
import type { EffectivePlan } from '../core/plan/plan';
import { changeIncident } from '../workflows/incidentWrites';
import { UsageError } from './cliContext';
import { planOf } from './incidentLines';
import { cliWriter, sayRunbooksLeftOut } from './planNotices';
import { findIncident, type Verb, verbArguments } from './verbSupport';

const shown = (text: string) => terminalText(text, { oneLine: true });

/** An incident's type and fields, one line each: required ones still empty marked, values of a type the plan dropped shown by id. */
export function fieldLines(plan: EffectivePlan, incident: Incident): string[] {
  if (!incident.type) return [];
  const gone = findType(plan, incident.type) ? '' : ' (no longer in the plan)';
  const rows = fieldRows(plan, incident).map((row) => `  ${row.id}: ${row.value === undefined ? (row.required ? '(required, empty)' : '(empty)') : shown(row.value)}`);
  return [`type: ${shown(typeTitle(plan, incident.type))}${gone}`, ...rows];
}

export const TYPE_VERBS: Record<string, Verb> = {
  types: {
    summary: "the plan's incident types, under their categories, with their fields",
    usage: 'incident types',
    async run(args, { store, out }) {
      verbArguments(args, {}, false);
      const plan = planOf(store);
      if (!plan.types?.length) {
        out('The plan defines no incident types: incidents have a category only (add a "types" block to the plan; "incident plan check" checks it).');
        return;
      }
      const groups = typesByCategory(plan);
      for (const category of CATEGORIES) {
        if (!groups[category].length) continue;
        out(`${category}:`);
        for (const type of groups[category]) {
          const fields = type.fields.map((field) => `${field.id} (${field.kind}${field.required ? ', required' : ''}${field.public ? ', public' : ''})`);
          out(`  ${type.id}  ${shown(type.title)}${type.severity ? `  [${type.severity}]` : ''}${fields.length ? `  fields: ${fields.join(', ')}` : ''}`);
        }
      }
    },
  },
  type: {
    summary: "give an incident one of the plan's types (its category follows; the type's runbooks are added)",
    usage: 'incident type ID TYPE   (incident types lists them)',
    async run(args, { store, now, author, out }) {
      const { positionals } = verbArguments(args, {});
      const incident = findIncident(store, positionals[0]);
      const typeId = positionals[1]?.trim();
      if (!typeId || positionals.length > 2) throw new UsageError('name one type: incident type ID TYPE ("incident types" lists them)');
      const plan = planOf(store);
      const type = findType(plan, typeId);
      // The type's runbooks apply whatever their front matter says, as when declaring with it.
      const namedRunbooks = type ? declaredWithType(type, {}, plan.runbooks.folder).runbooks : [];
      const { incident: changed, runbooksLeftOut } = await changeIncident(
        cliWriter(store),
        incident.id,
        (current, ctx) => changeType(current, plan, typeId, ctx),
        { at: now(), author },
        { runbookTasks: true, namedRunbooks },
      );
      sayRunbooksLeftOut(runbooksLeftOut);
      out(`${changed.id} is now of type ${shown(typeTitle(plan, typeId))} (${changed.category})`);
    },
  },
  answer: {
    summary: "answer one of the questions of an incident's type (--no takes the answer back); without a question, list them",
    usage: 'incident answer ID QUESTION [--no]   |   incident answer ID   (lists the questions and which are answered)',
    async run(args, { store, now, author, out }) {
      const { values, positionals } = verbArguments(args, { no: { type: 'boolean', default: false } });
      const incident = findIncident(store, positionals[0]);
      const plan = planOf(store);
      const questionId = positionals[1]?.trim();
      if (!questionId) {
        const questions = typeQuestions(plan, incident);
        if (!questions.length) return out(`${incident.id} has no questions of its type`);
        for (const question of questions)
          out(`[${question.answered ? 'x' : ' '}] ${question.id}: ${shown(question.text)}${question.answered ? `  (${shown(question.answered.by)})` : ''}`);
        return;
      }
      if (positionals.length > 2) throw new UsageError('name one question: incident answer ID QUESTION [--no]');
      await store.update(incident.id, (current) => answerTypeQuestion(current, plan, questionId, !values.no, { at: now(), author }));
      out(`${incident.id}: ${questionId} ${values.no ? 'reopened' : 'answered'}`);
    },
  },
  field: {
    summary: "set or clear a field of an incident's type (checked by its kind: text, choice, number, date, person, URL)",
    usage: 'incident field ID NAME VALUE   |   incident field ID NAME --clear   |   incident field ID   (lists them)',
    async run(args, { store, now, author, out }) {
      const { values, positionals } = verbArguments(args, { clear: { type: 'boolean', default: false } });
      const incident = findIncident(store, positionals[0]);
      const plan = planOf(store);
      const name = positionals[1]?.trim();
      if (!name) {
        if (values.clear) throw new UsageError('name the field to clear: incident field ID NAME --clear');
        const lines = fieldLines(plan, incident);
        out(lines.length ? `${incident.id}\n${lines.join('\n')}` : `${incident.id} has no type, so no fields ("incident type ${incident.id} TYPE" gives it one)`);
        return;
      }
      const text = positionals.slice(2).join(' ');
      if (values.clear && text.trim()) throw new UsageError('give a value or --clear, not both');
      if (!values.clear && !text.trim()) throw new UsageError(`give the value: incident field ${incident.id} ${name} VALUE (or --clear)`);
      const updated = await store.update(incident.id, (current) => setTypeField(current, plan, name, values.clear ? undefined : text, { at: now(), author }));
      const value = updated.fields?.[name];
      out(`${incident.id}: ${name} ${value === undefined ? 'cleared' : `= ${shown(fieldValueText(value))}`}`);
    },
  },
};
