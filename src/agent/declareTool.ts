/**
 * The agents' way to declare an incident (issue 31: "declaring with a type"
 * from agents too): a title and either one of the plan's types (which gives
 * the category, and the severity unless one is given) or a category and a
 * severity. Declared as the command line declares it
 * (declareIncidentWithPlan): the plan's on-call person commands it when the
 * plan assigns the severity's rotation, else the person who confirms; the
 * type's runbooks add their tasks and the declaration is delivered to the
 * channels that hear it. The confirmation says all of it before anything is
 * written.
 */
import { z } from 'zod';
import { findType } from '../core/plan/incidentTypes';
import { declarationWithType, type DeclareRequest } from '../core/lifecycle/typeFields';
import { proposedCommander } from '../core/oncall/routing';
import { declareIncidentWithPlan } from '../workflows/incidentWrites';
import { categoryInput, severityInput, shortTextInput } from './toolInputs';
import { type AgentWorkspace, type ToolResult, type WriteTool } from './toolKit';

const input = z.object({
  title: shortTextInput.describe('One line: what is broken, as a responder would say it ("Checkout returns 500 for EU customers").'),
  type: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a type id like "data-loss"')
    .optional()
    .describe(
      "One of the response plan's incident types, by id (incidents_get shows an incident's type; the plan lists them). It gives the category, and the severity unless one is given.",
    ),
  category: categoryInput.optional().describe('regression, security or performance; needed without a type.'),
  severity: severityInput.optional(),
});
type Input = z.infer<typeof input>;

/** The request as the write workflow takes it: only the keys given. */
const requestOf = (given: Input): DeclareRequest => ({
  title: given.title,
  ...(given.type ? { type: given.type } : {}),
  ...(given.category ? { category: given.category } : {}),
  ...(given.severity ? { severity: given.severity } : {}),
});

const quotedTitle = (title: string) => `"${title.replace(/\s+/g, ' ')}"`;

export const declareTool = {
  name: 'incidents_declare',
  title: 'Declare an incident',
  description:
    "Declares a new incident, in the name of the person who confirms it: a one-line title and either one of the response plan's incident types or a category (regression, security, performance) and a severity (SEV1 highest … SEV4). The person confirming commands it unless the plan assigns the on-call person of the severity's rotation; the type's runbooks add their tasks and the declaration is delivered to the plan's channels. Returns the new incident's id. Check incidents_list first: an incident for the same problem may be open already.",
  input,
  writes: true,
  async confirmation(request: Input, workspace: AgentWorkspace) {
    // A request the plan cannot take is a DomainError, said to the model before anyone is asked (confirmationOf).
    const plan = workspace.plan();
    const { input: what, tell } = declarationWithType(plan, requestOf(request));
    const type = findType(plan, what.type);
    const proposed = proposedCommander(plan, { severity: what.severity }, workspace.now());
    const commander = proposed?.assign ? `${proposed.person} commands it (${proposed.why})` : 'You command it';
    const told = tell.length ? `; the type tells ${tell.join(', ')}` : '';
    const kind = type ? `${what.category} incident of type **${type.title}** (${type.id})` : `${what.category} incident`;
    return { title: 'Declare an incident', message: `Declare a **${what.severity}** ${kind}:\n\n> ${quotedTitle(what.title)}\n\n${commander}${told}.` };
  },
  async run(request: Input, workspace: AgentWorkspace): Promise<ToolResult> {
    const author = await workspace.author();
    // Refused (a DomainError, before anything is written) as the confirmation is.
    const declared = await declareIncidentWithPlan(workspace, requestOf(request), { at: workspace.now(), author }, { routeCommander: { otherwise: author } });
    const { incident, runbooksLeftOut, deliveries, tellNow } = declared;
    if (runbooksLeftOut.length) workspace.sayRunbooksLeftOut(runbooksLeftOut);
    if (deliveries.length) workspace.deliver?.(incident.id);
    const sending = deliveries.length ? ` Delivering the declaration to ${deliveries.map((record) => record.channel).join(', ')}.` : '';
    const tell = tellNow.length ? ` The plan says to tell ${tellNow.join(', ')} now.` : '';
    return {
      text: `Declared ${incident.id}: ${incident.severity} ${incident.category}${incident.type ? ` (${incident.type})` : ''}, commander ${incident.roles.commander ?? 'unassigned'}.${sending}${tell}`,
      data: {
        id: incident.id,
        status: incident.status,
        severity: incident.severity,
        category: incident.category,
        ...(incident.type ? { type: incident.type } : {}),
        commander: incident.roles.commander ?? null,
      },
    };
  },
} as unknown as WriteTool;
