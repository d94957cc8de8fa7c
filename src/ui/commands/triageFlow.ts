/**
 * "Are We Having an Incident?" in VS Code: the plan's triage checklist as a
 * multi-select quick pick, before any incident exists. Nothing ticked: it
 * says so and writes nothing. Anything ticked: it offers to declare, with
 * the category and severity the ticks suggest, and the ticks (by whom, when)
 * go into the new incident's timeline. Scripts and tests pass
 * `{ ticks, title }` instead of answering.
 */
import * as vscode from 'vscode';
import { triageQuestions, type ResponsePlan } from '../../core/plan/plan';
import { triageOutcome, unknownTriageIds } from '../../core/plan/triage';
import { askDeclareAnswers } from './declareFlow';
import type { IncidentActions } from '../incidentActions';
import type { WorkspaceStore } from '../workspaceStore';

export interface TriageArguments {
  ticks: string[];
  title?: string;
}

/** `{ ticks: string[], title?: string }` from a script or test, checked; undefined for anything else. */
export function triageArguments(args: readonly unknown[]): TriageArguments | undefined {
  const [given] = args;
  if (typeof given !== 'object' || given === null) return undefined;
  const { ticks, title } = given as { ticks?: unknown; title?: unknown };
  if (!Array.isArray(ticks) || ticks.length > 200 || !ticks.every((tick) => typeof tick === 'string' && tick.length <= 64)) return undefined;
  if (title !== undefined && (typeof title !== 'string' || title.length > 500)) return undefined;
  return { ticks: ticks as string[], ...(typeof title === 'string' && title.trim() ? { title: title.trim() } : {}) };
}

const GROUP_TITLES = {
  confidentiality: vscode.l10n.t('Confidentiality: who can see our data and systems'),
  integrity: vscode.l10n.t('Integrity: whether our data and logs can be trusted'),
  availability: vscode.l10n.t('Availability: whether people can use the service'),
};

type QuestionItem = vscode.QuickPickItem & { id?: string };

/** The ids of the questions the person ticked; [] when they accepted none, undefined on Escape. */
async function askTicks(plan: ResponsePlan): Promise<string[] | undefined> {
  const items: QuestionItem[] = [];
  let group = '';
  for (const question of triageQuestions(plan)) {
    if (question.group !== group) items.push({ label: GROUP_TITLES[question.group], kind: vscode.QuickPickItemKind.Separator });
    group = question.group;
    const suggestion = [question.suggestedSeverity, question.suggestedCategory].filter(Boolean).join(' · ');
    items.push({ label: question.text, description: suggestion, id: question.id });
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Are we having an incident? Tick every statement that is true now'),
    placeHolder: vscode.l10n.t('Type to filter, Down and Space to tick, Enter when done; nothing ticked means no incident'),
    canPickMany: true,
    ignoreFocusOut: true,
    matchOnDescription: true,
  });
  return picked?.flatMap((item) => (item.id ? [item.id] : []));
}

/** Runs the checklist and, when it says so and the person agrees, declares: the new incident's id. */
export async function runTriage(actions: IncidentActions, workspace: WorkspaceStore, given?: TriageArguments): Promise<string | undefined> {
  actions.checkWritable();
  const plan = workspace.plan();
  const ticks = given?.ticks ?? (await askTicks(plan));
  if (!ticks) return undefined;
  const unknown = unknownTriageIds(plan, ticks);
  if (unknown.length) throw new Error(vscode.l10n.t('"{0}" is not a question of the triage checklist; nothing was recorded.', unknown[0]));
  const tickedAt = new Date();
  const outcome = triageOutcome(plan, ticks);
  if (!outcome.isIncident) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No box ticked: nothing here says an incident is under way, and nothing was recorded.'));
    return undefined;
  }
  // A type a ticked question suggests decides the category, and the severity when the ticks suggest none (as `incident triage` does).
  const suggestedType = plan.types?.find((type) => type.id === outcome.suggestedType);
  const category = suggestedType?.category ?? outcome.suggestedCategory;
  const severity = outcome.suggestedSeverity ?? suggestedType?.severity;
  const triage = { plan, tickedIds: outcome.ticked.map((question) => question.id), tickedAt };
  if (given?.title) {
    if (!category || !severity) throw new Error(vscode.l10n.t('The ticked questions suggest no category or severity; declare from the checklist to choose them.'));
    return actions.declare({ title: given.title, category, severity, ...(suggestedType && { type: suggestedType.id }) }, { triage });
  }
  const suggested = [severity, category].filter(Boolean).join(' ');
  const suggestion = suggested ? vscode.l10n.t(' ({0} suggested)', suggested) : '';
  const declare = vscode.l10n.t('Declare…');
  const answer = await vscode.window.showWarningMessage(
    outcome.ticked.length === 1
      ? vscode.l10n.t('1 box ticked: this is an incident. Declare one now{0}?', suggestion)
      : vscode.l10n.t('{0} boxes ticked: this is an incident. Declare one now{1}?', outcome.ticked.length, suggestion),
    declare,
  );
  if (answer !== declare) return undefined;
  const answers = await askDeclareAnswers({ category, severity, ...(suggestedType && { type: suggestedType.id }), reporting: plan.reporting, plan });
  return answers ? actions.declare(answers, { triage }) : undefined;
}
