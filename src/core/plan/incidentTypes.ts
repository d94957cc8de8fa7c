/**
 * The plan's `types` block: the team's own kinds of incident ("data-loss",
 * "third-party-outage", "payments"), each inside one of the three broad
 * categories so metrics, the CIA checklist and the status page keep working
 * across teams. A type brings its defaults (severity), runbooks to add,
 * questions a responder must answer, the fields to fill in, whether the
 * regulatory clocks run, and whom to tell when one is declared.
 *
 *   "types": [{
 *     "id": "data-loss", "title": "Data loss", "category": "security",
 *     "definition": "Customer data deleted or unreadable",
 *     "severity": "SEV1", "runbooks": ["restore-from-backup.md"],
 *     "questions": [{ "id": "backup-verified", "text": "Has the last backup been restored somewhere safe?" }],
 *     "fields": [{ "id": "records-lost", "title": "Records lost", "kind": "number", "required": true },
 *                { "id": "region", "title": "Region", "kind": "choice", "choices": ["eu", "us"], "public": true }],
 *     "regulatory": true, "tell": ["stakeholders"]
 *   }]
 *
 * Without the block nothing changes: incidents have a category and no type.
 * A type removed from the plan later stays on the incidents that have it;
 * they show its id (typeTitle) and keep their field values.
 */
import { z } from 'zod';
import { CATEGORIES, FIELD_KINDS, SEVERITIES, type Category, type Severity } from '../record/recordValues';
import { SHORT_TEXT_MAX } from '../text/clip';
import { runbookName } from './intakePlan';

export { FIELD_KINDS };
export type FieldKind = (typeof FIELD_KINDS)[number];
/** Enough for any team's catalogue, few enough that a plan with a typo in a generator cannot make every pick list unusable. */
export const MAX_TYPES = 10_000;
export const MAX_FIELDS_PER_TYPE = 50;
export const MAX_CHOICES = 200;

const shortText = z.string().min(1).max(SHORT_TEXT_MAX);
const longText = z.string().min(1).max(10_000);
const slug = (like: string) => z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, `an id in lower case letters, digits and dashes, like "${like}"`);

export const fieldSchema = z
  .strictObject({
    id: slug('records-lost').describe('How the field is named on the record and by "incident field ID NAME VALUE"'),
    title: shortText.describe('The label people see'),
    kind: z.enum(FIELD_KINDS, { error: () => `one of ${FIELD_KINDS.join(', ')}` }).describe('What the value is, which decides its editor and its check'),
    required: z.boolean().default(false).describe('A required field left empty is listed as open in the handoff brief and flagged in the panel'),
    choices: z.array(shortText).min(1).max(MAX_CHOICES).optional().describe('For a "choice" field: the values it may take'),
    min: z.number().optional().describe('For a "number" field: the smallest value allowed'),
    max: z.number().optional().describe('For a "number" field: the largest value allowed'),
    public: z.boolean().default(false).describe('Whether the value is shown on the public status page (default false: the team only)'),
    help: longText.optional().describe('What to write here, shown beside the editor'),
  })
  .superRefine((field, context) => {
    if (field.kind === 'choice' && !field.choices)
      context.addIssue({ code: 'custom', path: ['kind'], message: 'a "choice" field needs its "choices": list the values it may take' });
    if (field.kind !== 'choice' && field.choices)
      context.addIssue({ code: 'custom', path: ['choices'], message: `only a "choice" field has choices; this one is a "${field.kind}" field` });
    if (field.kind !== 'number')
      for (const bound of ['min', 'max'] as const)
        if (field[bound] !== undefined) context.addIssue({ code: 'custom', path: [bound], message: `only a "number" field has a ${bound}; this one is a "${field.kind}" field` });
    if (field.min !== undefined && field.max !== undefined && field.min > field.max)
      context.addIssue({ code: 'custom', path: ['max'], message: `max (${field.max}) is below min (${field.min}); no value could be valid` });
    const seen = new Set<string>();
    (field.choices ?? []).forEach((choice, index) => {
      if (seen.has(choice.toLowerCase())) context.addIssue({ code: 'custom', path: ['choices', index], message: `"${choice}" appears twice; each choice once` });
      seen.add(choice.toLowerCase());
    });
  });

export const typeQuestionSchema = z.strictObject({
  id: slug('backup-verified').describe("Ticked on the incident by this id, like the triage checklist's questions"),
  text: longText.describe('A question a responder must answer for an incident of this type'),
});

export const incidentTypeSchema = z
  .strictObject({
    id: slug('data-loss').describe('Stored on each incident of this type; keep it once incidents have it (a removed type shows by its id)'),
    title: shortText,
    definition: longText.describe("What counts as an incident of this type, in the team's words; shown where a person picks the type"),
    category: z
      .enum(CATEGORIES, { error: () => `one of ${CATEGORIES.join(', ')}: every type belongs to one of the three broad categories` })
      .describe('The broad category it belongs to, for metrics, the CIA checklist and the status page'),
    severity: z.enum(SEVERITIES).optional().describe('The severity an incident of this type is declared with when none is given'),
    runbooks: z.array(runbookName).max(20).optional().describe("Runbooks whose steps become the incident's tasks, by file name in runbooks.folder"),
    questions: z.array(typeQuestionSchema).max(50).optional().describe('Questions a responder must answer, beside the triage checklist'),
    fields: z.array(fieldSchema).max(MAX_FIELDS_PER_TYPE).default([]).describe('What to record about an incident of this type'),
    regulatory: z
      .boolean()
      .optional()
      .describe("Whether the plan's regulatory clocks apply: true runs those of its category, false runs none; absent, its category decides as today"),
    tell: z.array(shortText).max(50).optional().describe('Who is told when one is declared: channel names, people ("Name <email>") or roles, beside the severity\'s notify list'),
  })
  .superRefine((type, context) => {
    const seen = new Set<string>();
    type.fields.forEach((field, index) => {
      if (seen.has(field.id)) context.addIssue({ code: 'custom', path: ['fields', index, 'id'], message: `field "${field.id}" appears twice in this type; ids must be unique` });
      seen.add(field.id);
    });
    const asked = new Set<string>();
    (type.questions ?? []).forEach((question, index) => {
      if (asked.has(question.id))
        context.addIssue({ code: 'custom', path: ['questions', index, 'id'], message: `question "${question.id}" appears twice in this type; ids must be unique` });
      asked.add(question.id);
    });
  });

export const typesSchema = z
  .array(incidentTypeSchema)
  .max(MAX_TYPES)
  .superRefine((types, context) => {
    const seen = new Set<string>();
    types.forEach((type, index) => {
      if (seen.has(type.id)) context.addIssue({ code: 'custom', path: [index, 'id'], message: `type "${type.id}" appears twice; ids must be unique` });
      seen.add(type.id);
    });
  });

export type FieldDefinition = z.output<typeof fieldSchema>;
export type IncidentType = z.output<typeof incidentTypeSchema>;
export type TypeQuestion = z.output<typeof typeQuestionSchema>;

/** What of the plan the types live in (absent: the plan has none). */
export interface PlanTypes {
  types?: readonly IncidentType[];
}

/** The plan's type with this id; undefined when the plan has none by that id (never defined, or removed since). */
export function findType(plan: PlanTypes, id: string | undefined): IncidentType | undefined {
  return id === undefined ? undefined : plan.types?.find((type) => type.id === id);
}

/** The type's title, or for a type the plan no longer has, its id as stored (old incidents stay readable). */
export function typeTitle(plan: PlanTypes, id: string): string {
  return findType(plan, id)?.title ?? id;
}

/** The plan's types grouped under the three categories, in the plan's order (the declare pick list). */
export function typesByCategory(plan: PlanTypes): Record<Category, IncidentType[]> {
  const groups = Object.fromEntries(CATEGORIES.map((category) => [category, [] as IncidentType[]])) as Record<Category, IncidentType[]>;
  for (const type of plan.types ?? []) groups[type.category].push(type);
  return groups;
}

/** What declaring with a type decides: its category, the severity when none was given (else SEV3, the middle), the runbooks it names (paths in the folder). */
export function declaredWithType(
  type: IncidentType,
  given: { severity?: Severity },
  runbookFolder: string,
): { category: Category; severity: Severity; runbooks: string[]; tell: readonly string[] } {
  return {
    category: type.category,
    severity: given.severity ?? type.severity ?? 'SEV3',
    runbooks: (type.runbooks ?? []).map((name) => `${runbookFolder}/${name}`),
    tell: type.tell ?? [],
  };
}

/** Whether the regulatory clocks of the incident's category run, per its type (a type the plan no longer has: the category decides). */
export function regulatoryApplies(plan: PlanTypes, typeId: string | undefined): boolean {
  return findType(plan, typeId)?.regulatory ?? true;
}

/** The type's fields that are required and have no value on the incident. */
export function requiredFieldsEmpty(plan: PlanTypes, incident: { type?: string; fields?: Record<string, unknown> }): FieldDefinition[] {
  const type = findType(plan, incident.type);
  return (type?.fields ?? []).filter((field) => field.required && incident.fields?.[field.id] === undefined);
}

/**
 * What `incident plan check` finds wrong with the types beyond their schema:
 * a runbook a type names that is not a file in the runbook folder (its steps
 * would never become tasks). `runbookFiles`: every *.md file there, relative
 * to the repository root.
 */
export function typePlanProblems(plan: PlanTypes & { runbooks: { folder: string } }, runbookFiles: ReadonlySet<string>): { path: (string | number)[]; message: string }[] {
  const problems: { path: (string | number)[]; message: string }[] = [];
  (plan.types ?? []).forEach((type, index) =>
    (type.runbooks ?? []).forEach((name, runbookIndex) => {
      const file = `${plan.runbooks.folder}/${name}`;
      if (runbookFiles.has(file)) return;
      problems.push({
        path: ['types', index, 'runbooks', runbookIndex],
        message: `types[${index}].runbooks[${runbookIndex}]: ${file} does not exist; name a *.md file in the runbook folder (${plan.runbooks.folder})`,
      });
    }),
  );
  return problems;
}
