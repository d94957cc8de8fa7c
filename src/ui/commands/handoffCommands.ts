/**
 * Handing command over and writing audience briefs from the editor.
 * *Hand Over Command…*: pick the next commander, edit the generated brief in
 * an untitled Markdown editor, then record the hand-over with the edited text
 * (src/core/communication/handoff.ts). *Write Brief…*: the executive or technical brief in
 * Markdown or Slack text (src/core/communication/briefs.ts), copied and shown.
 * Scripts and tests pass the answers: (incident, person, brief text) and
 * (incident, audience, format).
 *
 * One named handler per command on `HandoffCommands`; the table at the end
 * says which handler each command id runs.
 */
import * as vscode from 'vscode';
import { audienceBrief, BRIEF_AUDIENCES, type BriefAudience } from '../../core/communication/briefs';
import type { BriefPlan } from '../../core/communication/briefFacts';
import { handoffBrief, handOverCommand, personProblem } from '../../core/communication/handoff';
import { MESSAGE_FORMATS, type MessageFormat } from '../../core/communication/messages';
import type { Incident } from '../../core/record/schema';
import { CommandId } from './commandIds';
import { givenText, oneOf } from './commandArguments';
import type { Services } from '../services';
import type { WorkspaceStore } from '../workspaceStore';

/** The plan in force with the editor's SLA (its target overrides included), as the briefs read it. */
const briefPlan = (workspace: WorkspaceStore): BriefPlan => ({ ...workspace.plan(), sla: workspace.policy() });

const AUDIENCE_LABELS: Record<BriefAudience, string> = {
  executive: vscode.l10n.t('Executive brief'),
  technical: vscode.l10n.t('Technical brief'),
};
const AUDIENCE_HINTS: Record<BriefAudience, string> = {
  executive: vscode.l10n.t('impact, customer effect, ETA, next update'),
  technical: vscode.l10n.t('conditions, actions taken, needs, open tasks'),
};
const FORMAT_LABELS: Record<MessageFormat, string> = { markdown: vscode.l10n.t('Markdown'), slack: vscode.l10n.t('Slack') };

/**
 * Shows the generated brief in an untitled Markdown editor and waits for the
 * person to say it is ready (a notification button, so they can edit first),
 * then confirms in a modal; the edited text, or undefined when they cancel.
 */
async function editedBrief(incident: Incident, to: string, generated: string): Promise<string | undefined> {
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: generated });
  await vscode.window.showTextDocument(document, { preview: false });
  const record = vscode.l10n.t('Record Hand-Over');
  const ready = await vscode.window.showInformationMessage(vscode.l10n.t('Edit the brief for {0}, then record the hand-over of {1}.', to, incident.id), record);
  if (ready !== record) return undefined;
  const brief = document.getText();
  if (!brief.trim()) throw new Error(vscode.l10n.t('The brief is empty; the hand-over was not recorded.'));
  const confirmed = await vscode.window.showInformationMessage(
    vscode.l10n.t('Record hand-over to {0}', to),
    { modal: true, detail: vscode.l10n.t('{0} becomes the commander of {1}; the brief as edited goes on the timeline.', to, incident.id) },
    record,
  );
  if (confirmed !== record) return undefined;
  // The brief is on the timeline now: close its editor without the "save this untitled file?" question.
  if (vscode.window.activeTextEditor?.document === document) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  return brief;
}

export class HandoffCommands {
  constructor(private readonly services: Services) {}

  /** *Hand Over Command…* (`incidents.handOver`): (incident, person, brief text) from scripts and tests; asked for and edited otherwise. Returns the new commander. */
  readonly handOver = async (incident: Incident, givenTo?: unknown, givenBrief?: unknown) => {
    const { actions, workspace } = this.services;
    const to = givenText(givenTo) ?? (await actions.pickRoleHolder(incident.id, 'commander', vscode.l10n.t('Hand command of {0} over to…', incident.id)))?.trim();
    if (!to) return undefined;
    const problem = personProblem(to);
    if (problem) throw new Error(problem);
    if (incident.roles.commander === to) throw new Error(vscode.l10n.t('{0} is already the commander of {1}.', to, incident.id));
    const brief = typeof givenBrief === 'string' ? givenBrief : await editedBrief(incident, to, handoffBrief(incident, briefPlan(workspace), { now: new Date(), to }));
    if (brief === undefined) return undefined;
    const updated = await actions.update(incident.id, (current, ctx) => handOverCommand(current, { to, brief, ...ctx }));
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} is now the commander of {1}; the hand-over is on the timeline.', to, incident.id));
    return updated.roles.commander;
  };

  /** *Write Brief…* (`incidents.writeBrief`): (incident, audience, format) from scripts and tests; asked for otherwise. Returns the brief copied. */
  readonly writeBrief = async (incident: Incident, givenAudience?: unknown, givenFormat?: unknown) => {
    let audience = oneOf(givenAudience, BRIEF_AUDIENCES);
    let format = oneOf(givenFormat, MESSAGE_FORMATS);
    if (!audience || !format) {
      const picked = await vscode.window.showQuickPick(
        BRIEF_AUDIENCES.flatMap((a) =>
          MESSAGE_FORMATS.map((f) => ({ label: `${AUDIENCE_LABELS[a]} · ${FORMAT_LABELS[f]}`, description: AUDIENCE_HINTS[a], audience: a, format: f })),
        ),
        { title: vscode.l10n.t('Write a brief of {0}: for whom, in which format?', incident.id), matchOnDescription: true },
      );
      if (!picked) return undefined;
      ({ audience, format } = picked);
    }
    const brief = audienceBrief(incident, briefPlan(this.services.workspace), audience, format, new Date());
    await vscode.env.clipboard.writeText(brief);
    const document = await vscode.workspace.openTextDocument({ language: format === 'markdown' ? 'markdown' : 'plaintext', content: brief });
    await vscode.window.showTextDocument(document, { preview: true });
    void vscode.window.showInformationMessage(vscode.l10n.t('Copied the {0} of {1} ({2}).', AUDIENCE_LABELS[audience].toLowerCase(), incident.id, FORMAT_LABELS[format]));
    return brief;
  };
}

export function registerHandoffCommands(services: Services): void {
  const { commands } = services;
  const handlers = new HandoffCommands(services);
  commands.incidentCommand(CommandId.HandOver, { ask: vscode.l10n.t('Hand over command of…') }, handlers.handOver);
  commands.incidentCommand(CommandId.WriteBrief, { ask: vscode.l10n.t('Write a brief for…') }, handlers.writeBrief);
}
