/**
 * What each button and field of the incident panel does: the panel's webview
 * posts a request (src/protocol/incidentPanel.ts, validated before it gets
 * here) and this turns it into the same write or command a palette user gets.
 */
import * as vscode from 'vscode';
import { isAbsolute, relative } from 'node:path';
import {
  addActionItem,
  changeCategory,
  changeSeverity,
  postStatusUpdate,
  renameIncident,
  setActionItemStatus,
  setRootCause,
  setSummaryAndImpact,
  setWhys,
} from '../../core/lifecycle/changes';
import { tickChecklist } from '../../core/plan/checklist';
import { setHighlight } from '../../core/lifecycle/highlights';
import { addTimelineEvent } from '../../core/lifecycle/timeline';
import { tickTriageQuestion } from '../../core/plan/triage';
import { answerTypeQuestion, setTypeField } from '../../core/lifecycle/typeFields';
import { setImpactStart } from '../../core/lifecycle/impactStart';
import { setTaskDone } from '../../core/plan/tasks';
import { openableAlertLink } from '../../core/intake/alertLinks';
import { audienceOfLatestUpdate, incidentMessage, messagePlan, suggestedMessageKind } from '../../core/communication/messages';
import type { Incident } from '../../core/record/schema';
import type { WebviewMessage } from '../../protocol/incidentPanel';
import { CommandId } from '../commands/commandIds';
import type { DeliveryService } from '../deliveryService';
import type { IncidentActions } from '../incidentActions';
import { incidentInStore } from '../storeSnapshot';
import type { WorkspaceStore } from '../workspaceStore';

export type PanelRequest = Exclude<WebviewMessage, { type: 'ready' }>;

export async function handlePanelRequest(
  actions: IncidentActions,
  workspace: WorkspaceStore,
  incidentId: string,
  message: PanelRequest,
  deliveries?: Pick<DeliveryService, 'retry' | 'copyText'>,
): Promise<void> {
  const find = () => incidentInStore(workspace.current(), incidentId).incident;
  switch (message.type) {
    case 'linkCommit':
      await vscode.commands.executeCommand(CommandId.LinkCommit, incidentId);
      return;
    case 'openCommit':
      await vscode.commands.executeCommand(CommandId.OpenCommit, message.sha, find().commits.find((c) => c.sha === message.sha)?.subject);
      return;
    case 'showSuspects':
      await vscode.commands.executeCommand(CommandId.ShowSuspects, incidentId);
      return;
    case 'recordDeploy':
      await vscode.commands.executeCommand(CommandId.RecordDeploy, incidentId);
      return;
    case 'exportPostmortem':
      await vscode.commands.executeCommand(CommandId.ExportPostmortem, incidentId);
      return;
    case 'setTitle':
      await actions.update(incidentId, (i, ctx) => renameIncident(i, message.title, ctx));
      return;
    case 'setSeverity':
      await actions.update(incidentId, (i, ctx) => changeSeverity(i, message.severity, ctx), { runbookTasks: true });
      return;
    case 'setCategory':
      await actions.update(incidentId, (i, ctx) => changeCategory(i, message.category, ctx), { runbookTasks: true });
      return;
    case 'setSummary':
      await actions.update(incidentId, (i, ctx) => setSummaryAndImpact(i, { summary: message.summary }, ctx));
      return;
    case 'setImpact':
      await actions.update(incidentId, (i, ctx) => setSummaryAndImpact(i, { impact: message.impact }, ctx));
      return;
    case 'setStatus':
      // Escape on the closing update leaves the status as it was: the panel is shown the store again.
      if (!(await actions.moveStatus(incidentId, message.status, { ask: true }))) workspace.reload();
      return;
    case 'assignRole':
      await actions.assignRoleInteractively(incidentId, message.role);
      return;
    case 'setTaskDone':
      await actions.update(incidentId, (i, ctx) => setTaskDone(i, message.taskId, message.done, ctx));
      return;
    case 'assignTask':
      await actions.assignTaskInteractively(incidentId, message.taskId);
      return;
    case 'openRunbook':
      await actions.openRunbook(incidentId, message.taskId);
      return;
    case 'setHighlight':
      await actions.update(incidentId, (i, ctx) => setHighlight(i, message.eventId, message.on, ctx));
      return;
    case 'tickTriage': {
      const plan = workspace.plan();
      await actions.update(incidentId, (i, ctx) => tickTriageQuestion(i, plan, message.questionId, message.checked, ctx));
      return;
    }
    case 'setImpactStart':
      await actions.update(incidentId, (i, ctx) => setImpactStart(i, new Date(message.startedAt), ctx));
      return;
    case 'setField': {
      const plan = workspace.plan();
      await actions.update(incidentId, (i, ctx) => setTypeField(i, plan, message.fieldId, message.value.trim() ? message.value : undefined, ctx));
      return;
    }
    case 'answerTypeQuestion': {
      const plan = workspace.plan();
      await actions.update(incidentId, (i, ctx) => answerTypeQuestion(i, plan, message.questionId, message.answered, ctx));
      return;
    }
    case 'tickChecklist':
      await actions.update(incidentId, (i, ctx) => tickChecklist(i, message.item, message.checked, ctx));
      return;
    case 'addEvent':
      await actions.update(incidentId, (i, ctx) => addTimelineEvent(i, { kind: message.kind, text: message.text }, ctx));
      return;
    case 'postUpdate':
      await actions.update(incidentId, (i, ctx) =>
        postStatusUpdate(i, { audience: message.audience, text: message.text, ...(message.nextUpdateBy ? { nextUpdateBy: new Date(message.nextUpdateBy) } : {}) }, ctx),
      );
      return;
    case 'copyMessage': {
      const incident = find();
      // For the audience of the latest update: after an update to customers the copied text names nobody.
      await vscode.env.clipboard.writeText(
        incidentMessage(incident, suggestedMessageKind(incident), message.format, audienceOfLatestUpdate(incident), messagePlan(workspace.plan(), incident)),
      );
      void vscode.window.showInformationMessage(
        message.format === 'slack' ? vscode.l10n.t("Copied {0}'s status as Slack text.", incident.id) : vscode.l10n.t("Copied {0}'s status as Markdown.", incident.id),
      );
      return;
    }
    case 'retryDelivery': {
      // Only a delivery of this incident that failed: the id comes from the page.
      const failed = find().deliveries?.some((record) => record.id === message.deliveryId && record.state === 'failed');
      if (!failed || !deliveries) throw new Error(vscode.l10n.t('That message is not waiting for a retry any more.'));
      await deliveries.retry(incidentId, message.deliveryId);
      return;
    }
    case 'copyDelivery': {
      if (!deliveries) return;
      const record = find().deliveries?.find((candidate) => candidate.id === message.deliveryId);
      await vscode.env.clipboard.writeText(deliveries.copyText(incidentId, message.deliveryId));
      void vscode.window.showInformationMessage(vscode.l10n.t('Copied the message for {0}: paste it there yourself.', record?.channel ?? ''));
      return;
    }
    case 'setWhys':
      await actions.update(incidentId, (i, ctx) => setWhys(i, message.whys, ctx));
      return;
    case 'setRootCause':
      await actions.update(incidentId, (i, ctx) => setRootCause(i, message.rootCause, ctx));
      return;
    case 'addActionItem':
      await actions.update(incidentId, (i, ctx) =>
        addActionItem(i, { title: message.title, ...(message.owner ? { owner: message.owner } : {}), ...(message.due ? { due: message.due } : {}) }, ctx),
      );
      return;
    case 'setActionItemStatus':
      await actions.update(incidentId, (i, ctx) => setActionItemStatus(i, message.id, message.status, ctx));
      return;
    case 'openEvidence':
      await openEvidence(workspace, find(), message.eventId);
      return;
    case 'openAlertLink':
      await openAlertLink(find(), message.url);
      return;
  }
}

/**
 * Opens a link of the incident's alerts in the browser, through VS Code's
 * opener: a domain the person has not trusted is confirmed first (VS Code's
 * "Do you want to open the external website?"). Only an http(s) URL that the
 * incident's alerts carry is opened; the page could send anything.
 */
async function openAlertLink(incident: Incident, url: string): Promise<void> {
  const link = openableAlertLink(incident, url);
  if (!link) throw new Error(vscode.l10n.t('That link is not one of the alerts of {0}; it was not opened.', incident.id));
  // The URL goes as the text the alert sent, not as a vscode.Uri: Uri.parse decodes the query and toString
  // re-encodes it differently (a Prometheus graph's `%3D` became `=`), which is microsoft/vscode#85930; the
  // extension host takes a string as is and still asks before opening (microsoft/vscode#173239). Checked above.
  await vscode.env.openExternal(link as unknown as vscode.Uri);
}

/** Evidence events recorded from the editor carry a workspace-relative file and lines. */
async function openEvidence(workspace: WorkspaceStore, incident: Incident, eventId: string): Promise<void> {
  const event = incident.timeline.find((e) => e.id === eventId);
  const file = event?.data?.file;
  if (!event || typeof file !== 'string' || !workspace.folder) throw new Error(vscode.l10n.t('This evidence has no file to open.'));
  const uri = vscode.Uri.joinPath(workspace.folder, file);
  const inside = relative(workspace.folder.fsPath, uri.fsPath);
  if (!inside || inside.startsWith('..') || isAbsolute(inside)) throw new Error(vscode.l10n.t('Evidence file {0} is outside the workspace.', file));
  const start = typeof event.data?.startLine === 'number' ? Math.max(0, event.data.startLine - 1) : 0;
  const end = typeof event.data?.endLine === 'number' ? Math.max(start, event.data.endLine - 1) : start;
  await vscode.window.showTextDocument(uri, { selection: new vscode.Range(start, 0, end, Number.MAX_SAFE_INTEGER) });
}
