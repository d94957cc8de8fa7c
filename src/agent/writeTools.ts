/**
 * The tools that write, each one change to one incident through the same
 * domain functions as the panel and the command line. A write is first tried
 * on the incident as it is (so an illegal status move or an unknown commit is
 * refused before anyone is asked), described for the person who confirms it,
 * then made under the store's lock through the write workflow
 * (src/workflows/incidentWrites.ts), as the editor and the command line make it.
 */
import { z } from 'zod';
import { addActionItem, changeSeverity, linkCommit, postStatusUpdate } from '../core/lifecycle/changes';
import type { CommitSummary } from '../core/code/commitSummary';
import type { ChangeContext } from '../core/record/context';
import { calendarMinutes } from '../core/clocks/durations';
import { DomainError } from '../core/record/errors';
import { changeStatus } from '../core/lifecycle/lifecycle';
import type { Incident } from '../core/record/schema';
import { addTimelineEvent } from '../core/lifecycle/timeline';
import { deliveriesAdded, withMessageDeliveries } from '../workflows/delivery/deliveryTargets';
import { acknowledge } from '../core/lifecycle/acknowledge';
import { setTypeField } from '../core/lifecycle/typeFields';
import { changeIncident } from '../workflows/incidentWrites';
import {
  audienceInput,
  findIncident,
  incidentIdInput,
  longTextInput,
  noteKindInput,
  personInput,
  relationInput,
  revisionInput,
  severityInput,
  shortTextInput,
  statusInput,
} from './toolInputs';
import { declareTool } from './declareTool';
import { ToolInputError, type AgentWorkspace, type ToolResult, type WriteTool } from './toolKit';

interface WriteSpec<S extends z.ZodObject & { shape: { id: typeof incidentIdInput } }, P> {
  name: string;
  title: string;
  description: string;
  input: S;
  /** What the change needs from outside the record (a commit from git), looked up once before it. */
  prepare?(input: z.infer<S>, workspace: AgentWorkspace): Promise<P>;
  change(input: z.infer<S>, prepared: P, workspace: AgentWorkspace): (incident: Incident, ctx: ChangeContext) => Incident;
  /** The runbooks that apply after the change add their tasks (a new severity). */
  runbookTasks?: boolean;
  /** Exactly what will be written, in Markdown, for the confirmation. */
  describe(input: z.infer<S>, incident: Incident, prepared: P): string;
  /** What was written, for the model. */
  done(input: z.infer<S>, updated: Incident, prepared: P): string;
}

/** Quoted user text in a confirmation: each line a Markdown quote, so it reads as the text itself. */
export const quoted = (text: string): string =>
  text
    .split(/\r?\n/)
    .map((line) => `> ${line}`)
    .join('\n');

const named = (incident: Incident) => `${incident.id} ("${incident.title.replace(/\s+/g, ' ')}")`;

/** Where the write's message goes, for the confirmation: the same channels the write will queue deliveries for. */
function deliveredTo(before: Incident, after: Incident, workspace: AgentWorkspace): string {
  if (!workspace.deliveries) return '';
  const channels = deliveriesAdded(before, withMessageDeliveries(before, after, { ...workspace.deliveries, machine: () => 'preview' }, { at: workspace.now(), author: '' })).map(
    (record) => `**${record.channel.replace(/[*_`[\]<>]/g, '')}**`,
  );
  return channels.length ? `\n\nDelivered to ${channels.join(', ')} once confirmed.` : '';
}

/** The change tried on the incident as it is now: a DomainError (an illegal move) becomes the tool's error before anyone confirms. */
function tried(incident: Incident, change: (incident: Incident, ctx: ChangeContext) => Incident, workspace: AgentWorkspace): Incident {
  try {
    return change(incident, { at: workspace.now(), author: 'the person confirming' });
  } catch (error) {
    if (error instanceof DomainError) throw new ToolInputError(error.message);
    throw error;
  }
}

function writeTool<S extends z.ZodObject & { shape: { id: typeof incidentIdInput } }, P = undefined>(spec: WriteSpec<S, P>): WriteTool {
  const idOf = (input: z.infer<S>) => (input as { id: string }).id;
  const prepare = (input: z.infer<S>, workspace: AgentWorkspace) => (spec.prepare ? spec.prepare(input, workspace) : Promise.resolve(undefined as P));
  const tool: WriteTool<S> = {
    name: spec.name,
    title: spec.title,
    description: spec.description,
    input: spec.input,
    writes: true,
    async confirmation(input, workspace) {
      const incident = findIncident(workspace, idOf(input));
      const prepared = await prepare(input, workspace);
      const after = tried(incident, spec.change(input, prepared, workspace), workspace);
      return { title: spec.title, message: spec.describe(input, incident, prepared) + deliveredTo(incident, after, workspace) };
    },
    async run(input, workspace): Promise<ToolResult> {
      const incident = findIncident(workspace, idOf(input));
      const prepared = await prepare(input, workspace);
      const change = spec.change(input, prepared, workspace);
      const ctx = { at: workspace.now(), author: await workspace.author() };
      const { incident: updated, runbooksLeftOut, deliveries } = await changeIncident(workspace, incident.id, change, ctx, { runbookTasks: spec.runbookTasks === true });
      if (runbooksLeftOut.length) workspace.sayRunbooksLeftOut(runbooksLeftOut);
      if (deliveries.length) workspace.deliver?.(updated.id);
      const sending = deliveries.length ? ` Delivering to ${deliveries.map((record) => record.channel).join(', ')}.` : '';
      return { text: spec.done(input, updated, prepared) + sending, data: { id: updated.id, status: updated.status, severity: updated.severity, updatedAt: updated.updatedAt } };
    },
  };
  return tool as unknown as WriteTool;
}

const addNote = writeTool({
  name: 'incidents_add_note',
  title: 'Add to the incident timeline',
  description:
    "Adds a note, decision, action or evidence entry to an incident's timeline, in the name of the person who confirms it. Use it to record what was observed, decided or done, with times taken from the clock.",
  input: z.object({ id: incidentIdInput, text: longTextInput.describe('The entry, as a responder would write it.'), kind: noteKindInput.default('note') }),
  change: (input) => (incident, ctx) => addTimelineEvent(incident, { kind: input.kind, text: input.text }, ctx),
  describe: (input, incident) => `Add a **${input.kind}** to the timeline of ${named(incident)}:\n\n${quoted(input.text)}`,
  done: (input, updated) => `Added a ${input.kind} to ${updated.id}'s timeline.`,
});

const postUpdate = writeTool({
  name: 'incidents_post_update',
  title: 'Post a status update',
  description:
    'Records a status update for an audience (stakeholders, customers, executives, internal, or a channel of the response plan), with when the next one is due. The update is recorded on the incident and delivered to the channels of the response plan for that audience (chat, email), as when a person posts it.',
  input: z.object({
    id: incidentIdInput,
    text: longTextInput.describe('The update as the audience will read it.'),
    audience: audienceInput.default('stakeholders'),
    nextUpdateIn: z.string().trim().max(10).optional().describe('When the next update is due, from now: "30m", "2h" or "1d".'),
  }),
  change: (input, _prepared, workspace) => {
    const minutes = input.nextUpdateIn === undefined ? undefined : calendarMinutes(input.nextUpdateIn);
    if (input.nextUpdateIn !== undefined && minutes === undefined) throw new ToolInputError(`nextUpdateIn must look like 30m, 2h or 1d (got "${input.nextUpdateIn}")`);
    const nextUpdateBy = minutes === undefined ? undefined : new Date(workspace.now().getTime() + minutes * 60_000);
    return (incident, ctx) => postStatusUpdate(incident, { audience: input.audience, text: input.text, ...(nextUpdateBy && { nextUpdateBy }) }, ctx);
  },
  describe: (input, incident) =>
    `Post a status update to **${input.audience}** on ${named(incident)}${input.nextUpdateIn ? `, next update due in ${input.nextUpdateIn}` : ''}:\n\n${quoted(input.text)}`,
  done: (input, updated) => {
    const next = updated.updates.at(-1)?.nextUpdateBy;
    return `Posted an update to ${input.audience} on ${updated.id}${next ? `; the next is due by ${next}` : ''}.`;
  },
});

const linkCommitTool = writeTool<z.ZodObject<{ id: typeof incidentIdInput; revision: typeof revisionInput; relation: typeof relationInput }>, CommitSummary>({
  name: 'incidents_link_commit',
  title: 'Link a commit to an incident',
  description:
    'Links a commit to an incident as its cause, its fix, or related. The revision is resolved in this repository (sha, branch, tag); the link records the commit subject and author.',
  input: z.object({ id: incidentIdInput, revision: revisionInput, relation: relationInput }),
  prepare: (input, workspace) => workspace.repository().resolveCommit(input.revision),
  change: (input, commit) => (incident, ctx) => linkCommit(incident, commit, input.relation, ctx),
  describe: (input, incident, commit) => `Link commit \`${commit.sha.slice(0, 12)}\` "${commit.subject}" (${commit.author}) to ${named(incident)} as its **${input.relation}**.`,
  done: (input, updated, commit) => `Linked ${commit.sha.slice(0, 12)} to ${updated.id} as ${input.relation}.`,
});

const addAction = writeTool({
  name: 'incidents_add_action_item',
  title: 'Add a retrospective action item',
  description: "Adds a follow-up action item to an incident's retrospective, with an optional owner, due date and ticket link.",
  input: z.object({
    id: incidentIdInput,
    title: shortTextInput.describe('What must be done, as a short imperative.'),
    owner: personInput.optional(),
    due: z.iso.date().optional().describe('A date, YYYY-MM-DD.'),
    ticket: z.string().trim().min(1).max(500).optional().describe('A link to the tracker.'),
  }),
  change: (input) => (incident, ctx) =>
    addActionItem(
      incident,
      { title: input.title, ...(input.owner && { owner: input.owner }), ...(input.due && { due: input.due }), ...(input.ticket && { ticket: input.ticket }) },
      ctx,
    ),
  describe: (input, incident) =>
    `Add an action item to the retrospective of ${named(incident)}: **${input.title}**${input.owner ? `, owner ${input.owner}` : ''}${input.due ? `, due ${input.due}` : ''}${input.ticket ? `, ticket ${input.ticket}` : ''}.`,
  done: (_input, updated) => `Added action item ${updated.retrospective.actionItems.at(-1)?.id ?? ''} to ${updated.id}.`,
});

const setStatus = writeTool({
  name: 'incidents_set_status',
  title: 'Change the incident status',
  description:
    'Moves an incident to another lifecycle status: detected → triaged → communicating → mitigated → resolved → postmortem → closed (only the moves the lifecycle allows; triaged needs a commander).',
  input: z.object({ id: incidentIdInput, status: statusInput }),
  change: (input) => (incident, ctx) => changeStatus(incident, input.status, ctx),
  describe: (input, incident) => `Move ${named(incident)} from **${incident.status}** to **${input.status}**.`,
  done: (_input, updated) => `${updated.id} is ${updated.status}.`,
});

const setSeverity = writeTool({
  name: 'incidents_set_severity',
  title: 'Change the incident severity',
  description: "Changes an incident's severity (SEV1 highest … SEV4 lowest); the SLA clocks are re-timed and the runbooks for the new severity add their tasks.",
  input: z.object({ id: incidentIdInput, severity: severityInput }),
  change: (input) => (incident, ctx) => changeSeverity(incident, input.severity, ctx),
  runbookTasks: true,
  describe: (input, incident) => `Change the severity of ${named(incident)} from **${incident.severity}** to **${input.severity}**.`,
  done: (_input, updated) => `${updated.id} is ${updated.severity}.`,
});

const setField = writeTool({
  name: 'incidents_set_field',
  title: "Set a field of the incident's type",
  description:
    'Sets (or, without a value, clears) one field of an incident\'s type, as the response plan defines it (incident types with fields such as "records-lost": number, "region": choice). The value is checked by the field\'s kind: text, a choice from its list, a number, a date YYYY-MM-DD, a person, or an https URL. incidents_get shows the incident\'s type and fields.',
  input: z.object({
    id: incidentIdInput,
    field: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a field id like "records-lost"')
      .describe("The field's id, as the plan names it."),
    value: z.string().max(2000).optional().describe('The value as text; leave it out to clear the field.'),
  }),
  change: (input, _prepared, workspace) => (incident, ctx) => setTypeField(incident, workspace.plan(), input.field, input.value, ctx),
  describe: (input, incident) =>
    input.value === undefined
      ? `Clear the field **${input.field}** of ${named(incident)}.`
      : `Set the field **${input.field}** of ${named(incident)} to:\n\n${quoted(input.value)}`,
  done: (input, updated) =>
    updated.fields?.[input.field] === undefined ? `Cleared ${input.field} on ${updated.id}.` : `${updated.id}: ${input.field} = ${String(updated.fields[input.field])}.`,
});

const acknowledgeTool = writeTool({
  name: 'incidents_acknowledge',
  title: 'Acknowledge the incident',
  description:
    'Acknowledges an incident in the name of the person running the agent: "I have it". Stops its response clock and any escalation paging the next person on call; the person becomes commander when nobody commands it. Acknowledging again changes nothing.',
  input: z.object({ id: incidentIdInput }),
  change: () => (incident, ctx) => acknowledge(incident, ctx),
  describe: (_input, incident) =>
    incident.acknowledgedAt
      ? `${named(incident)} was already acknowledged at ${incident.acknowledgedAt}; nothing will change.`
      : `Acknowledge ${named(incident)} in your name${incident.roles.commander ? '' : ', and take command of it (nobody commands it yet)'}: its response clock stops and nobody else is paged.`,
  done: (_input, updated) => `${updated.id} acknowledged at ${updated.acknowledgedAt ?? 'an unknown time'}; commander ${updated.roles.commander ?? 'unassigned'}.`,
});

export const WRITE_TOOLS = [declareTool, addNote, postUpdate, linkCommitTool, addAction, setStatus, setSeverity, setField, acknowledgeTool];
