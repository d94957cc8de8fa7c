/**
 * The prompts an MCP client offers a person ("draft the next status update",
 * "draft the postmortem"): each gathers the record for the model and says
 * what to produce. They write nothing; the person accepts a draft through a
 * write tool, which asks them to confirm.
 */
import { isActive } from '../core/lifecycle/lifecycle';
import { audienceKind, messagePlan, statusMessage } from '../core/communication/messages';
import { incidentMarkdown } from './incidentMarkdown';
import { postmortemOf } from './readTools';
import { findIncident, storeContents } from './toolInputs';
import { ToolInputError, type AgentWorkspace } from './toolKit';

export interface AgentPrompt {
  name: string;
  title: string;
  description: string;
  arguments: { name: string; description: string; required: boolean }[];
  /** The one user message the prompt puts before the model. */
  message(args: Record<string, string | undefined>, workspace: AgentWorkspace): string;
}

const incidentArgument = { name: 'id', description: 'The incident id, e.g. INC-7K3QF2XM', required: true };

function incidentOf(args: Record<string, string | undefined>, workspace: AgentWorkspace) {
  const id = args.id?.trim();
  if (!id) throw new ToolInputError('name the incident: the "id" argument, e.g. INC-7K3QF2XM');
  return findIncident(workspace, id);
}

const draftStatusUpdate: AgentPrompt = {
  name: 'draft_status_update',
  title: 'Draft the next status update',
  description: "Gathers an incident's record, its latest updates and the response plan's channel for the audience, and asks for the next status update.",
  arguments: [incidentArgument, { name: 'audience', description: 'Who it is for: stakeholders (default), customers, executives, internal…', required: false }],
  message(args, workspace) {
    const incident = incidentOf(args, workspace);
    const audience = args.audience?.trim() || 'stakeholders';
    const plan = workspace.plan();
    const channel = plan.channels.find((candidate) => candidate.audience.toLowerCase() === audience.toLowerCase());
    const external = audienceKind(audience) === 'external';
    return [
      `Draft the next status update about incident ${incident.id} for ${audience}.`,
      '',
      'Write it as the communicator would: what is happening, the effect on the people reading it, what the team is doing, and when the next update will come.',
      external
        ? 'This audience is outside the team: no names of people, no internal systems, commits or evidence; plain words, no blame.'
        : 'This audience is inside the company: be precise about impact, actions and what the team needs.',
      channel ? `It goes to "${channel.name}" (${channel.reach})${channel.updateEvery ? `; the plan wants an update every ${channel.updateEvery}` : ''}.` : '',
      isActive(incident) ? '' : `The incident is ${incident.status}: this is its closing update.`,
      'Show the draft to the person. Only when they accept it, record it with the incidents_post_update tool (they will be asked to confirm).',
      '',
      'The message the product would send now, as a starting point:',
      '',
      statusMessage(incident, 'markdown', audienceKind(audience), messagePlan(plan, incident)),
      '',
      'The incident record:',
      '',
      incidentMarkdown(incident, storeContents(workspace).deploys, plan, workspace.now()),
    ]
      .filter((line, index, lines) => line !== '' || lines[index - 1] !== '')
      .join('\n');
  },
};

const draftPostmortem: AgentPrompt = {
  name: 'draft_postmortem',
  title: 'Draft the postmortem',
  description: "Gathers an incident's record and the postmortem the product generates from it, and asks for a blameless postmortem draft.",
  arguments: [incidentArgument],
  message(args, workspace) {
    const incident = incidentOf(args, workspace);
    const plan = workspace.plan();
    const now = workspace.now();
    const generated = postmortemOf(incident, workspace);
    return [
      `Draft a blameless postmortem of incident ${incident.id}.`,
      '',
      'Keep the facts of the record (times, commits, deploys); write the summary and impact in plain words; work through the whys towards the root cause; propose action items that prevent a recurrence, each with an owner role.',
      'Say where the record is missing something a postmortem needs instead of inventing it.',
      'Show the draft to the person. Nothing is recorded until they accept: action items go in with the incidents_add_action_item tool, notes with incidents_add_note (each asks them to confirm).',
      '',
      'The postmortem the product generates from the record:',
      '',
      generated.trimEnd(),
      '',
      'The incident record:',
      '',
      incidentMarkdown(incident, storeContents(workspace).deploys, plan, now),
    ].join('\n');
  },
};

export const AGENT_PROMPTS: readonly AgentPrompt[] = [draftStatusUpdate, draftPostmortem];
