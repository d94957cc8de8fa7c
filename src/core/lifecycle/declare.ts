import { stamp, type ChangeContext } from '../record/context';
import { newIncidentId } from '../record/ids';
import { incidentSchema, type Category, type Incident, type Severity } from '../record/schema';
import { addTimelineEvent } from './timeline';

export interface DeclareInput {
  title: string;
  category: Category;
  severity: Severity;
  commander?: string;
  summary?: string;
  startedAt?: Date;
  /** A practice incident; written only when true. */
  drill?: boolean;
  /** The plan's incident type, by id (see declarationWithType in typeFields.ts); written only when given. */
  type?: string;
  /** The plan's intake rule whose alert opened it; kept on the declaration (`data.intakeRule`) so that routing can find its rotation later. */
  intakeRule?: string;
}

/** A new incident in status "detected", with a "declared" event; validated against the schema. */
export function declareIncident(input: DeclareInput, ctx: ChangeContext, id: string = newIncidentId(ctx.at)): Incident {
  const title = input.title.trim();
  const incident = incidentSchema.parse({
    id,
    title,
    category: input.category,
    severity: input.severity,
    ...(input.type ? { type: input.type } : {}),
    status: 'detected',
    ...(input.drill ? { drill: true } : {}),
    ...(input.summary ? { summary: input.summary } : {}),
    declaredAt: stamp(ctx),
    declaredBy: ctx.author,
    ...(input.startedAt ? { startedAt: input.startedAt.toISOString() } : {}),
    // The declarer taking command is a response: the incident is acknowledged as it is declared.
    ...(input.commander && input.commander === ctx.author ? { acknowledgedAt: stamp(ctx) } : {}),
    updatedAt: stamp(ctx),
    roles: { responders: [], ...(input.commander ? { commander: input.commander } : {}) },
  });
  const what = input.drill ? 'drill (practice, not a real incident)' : 'incident';
  const kind = input.type ? `${input.category} (${input.type})` : input.category;
  const declared = `Declared ${input.severity} ${kind} ${what}: ${title}`;
  return addTimelineEvent(incident, { kind: 'declared', text: declared, ...(input.intakeRule ? { data: { intakeRule: input.intakeRule } } : {}) }, ctx);
}
