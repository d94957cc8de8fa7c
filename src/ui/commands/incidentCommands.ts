/**
 * Palette and context-menu commands that declare and change an incident:
 * severity, status, roles, status updates, notes, ready-to-paste messages. Each takes
 * its answers as arguments when given (tree menus pass the incident id;
 * scripts and tests pass the rest) and asks for what is missing.
 */
import * as vscode from 'vscode';
import { assignRole, changeSeverity, postStatusUpdate, setActionItemStatus } from '../../core/lifecycle/changes';
import { changeStatus, nextStatuses } from '../../core/lifecycle/lifecycle';
import { audienceChoices } from '../../core/plan/plan';
import { recordNotification, regulatoryClocks } from '../../core/clocks/regulatory';
import { setTaskDone } from '../../core/plan/tasks';
import { shortUtc } from '../../core/text/time';
import { calendarMinutes } from '../../core/clocks/durations';
import { audienceKind, audienceOfLatestUpdate, incidentMessage, messagePlan, MESSAGE_FORMATS, suggestedMessageKind, type MessageFormat } from '../../core/communication/messages';
import { NOTE_KINDS, UPDATE_AUDIENCES, type NoteKind } from '../../core/record/recordValues';
import { ROLE_NAMES, SEVERITIES, STATUSES, type RoleName, type Severity, type Status } from '../../core/record/schema';
import { deadlineAfter, resolvePolicy, targetFor } from '../../core/clocks/sla';
import { addTimelineEvent } from '../../core/lifecycle/timeline';
import { actionItemTarget } from '../views/actionItemsTree';
import { CommandId } from './commandIds';
import { declareArguments } from './declareFlow';
import { runTriage, triageArguments } from './triageFlow';
import { IncidentPanel } from '../panels/incidentPanel';
import { showSeenBefore } from './relatedCommands';
import type { Services } from '../services';

const oneOf = <T extends string>(value: unknown, allowed: readonly T[]): T | undefined =>
  typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

export function registerIncidentCommands(services: Services): void {
  const { commands, actions, workspace, current, panelHost } = services;
  const pick = async <T extends string>(title: string, values: readonly T[], describe: (value: T) => string | undefined = () => undefined) =>
    (
      await vscode.window.showQuickPick(
        values.map((value) => ({ label: value, description: describe(value), value })),
        { title },
      )
    )?.value;

  // (title, category, severity) from scripts and tests; asked for otherwise. A drill the same way.
  const declare = async (args: unknown[], drill: boolean) => {
    const id = await actions.declare(declareArguments(args), { drill });
    if (id) {
      await current.set(id);
      IncidentPanel.show(id, panelHost);
      void showSeenBefore(services, id);
    }
    return id;
  };
  commands.command(CommandId.Declare, (...args: unknown[]) => declare(args, false));
  commands.command(CommandId.DeclareDrill, (...args: unknown[]) => declare(args, true));

  // Before declaring: the plan's triage checklist; `{ ticks, title }` from scripts and tests.
  commands.command(CommandId.Triage, async (...args: unknown[]) => {
    const id = await runTriage(actions, workspace, triageArguments(args));
    if (id) {
      await current.set(id);
      IncidentPanel.show(id, panelHost);
      void showSeenBefore(services, id);
    }
    return id;
  });

  // The plan's regulatory clocks: (incident, clock id, recipient) from scripts and tests; asked for otherwise.
  commands.incidentCommand(
    CommandId.RecordNotification,
    { ask: vscode.l10n.t('Record a regulatory notification on…') },
    async (incident, givenClock?: unknown, givenTo?: unknown) => {
      const plan = workspace.plan();
      const clocks = regulatoryClocks(incident, plan.regulatory, plan.sla.timeZone, new Date());
      if (!clocks.length) throw new Error(vscode.l10n.t('{0} has no regulatory clock: the response plan names none for its category and severity.', incident.id));
      const clock =
        clocks.find((candidate) => candidate.id === givenClock) ??
        (givenClock === undefined
          ? (
              await vscode.window.showQuickPick(
                clocks.map((candidate) => ({
                  label: candidate.title,
                  description: candidate.met ? vscode.l10n.t('sent to {0}', candidate.met.to) : candidate.to,
                  detail: vscode.l10n.t('due {0} UTC', shortUtc(candidate.deadline.toISOString())),
                  candidate,
                })),
                { title: vscode.l10n.t('Which notification went out for {0}?', incident.id) },
              )
            )?.candidate
          : undefined);
      if (!clock) {
        if (givenClock !== undefined) throw new Error(vscode.l10n.t('"{0}" is not a regulatory clock of {1}.', String(givenClock), incident.id));
        return;
      }
      const to = text(givenTo) ?? text(await vscode.window.showInputBox({ title: vscode.l10n.t('{0}: sent to whom?', clock.title), value: clock.to ?? '', ignoreFocusOut: true }));
      if (!to) return;
      const rule = plan.regulatory.find((candidate) => candidate.id === clock.id);
      if (rule) await actions.update(incident.id, (current, ctx) => recordNotification(current, rule, to, ctx));
    },
  );

  // Runbook tasks: (incident, task id, done) from scripts and tests; a checklist of the tasks otherwise.
  commands.incidentCommand(CommandId.TickTask, { ask: vscode.l10n.t('Tick the tasks of…') }, async (incident, givenTask?: unknown, givenDone?: unknown) => {
    const tasks = incident.tasks ?? [];
    if (!tasks.length) throw new Error(vscode.l10n.t('{0} has no tasks: no runbook applies to its category and severity.', incident.id));
    if (typeof givenTask === 'string') {
      if (typeof givenDone !== 'boolean') throw new Error(vscode.l10n.t('Say whether the task is done (true or false).'));
      await actions.update(incident.id, (i, ctx) => setTaskDone(i, givenTask, givenDone, ctx));
      return;
    }
    const picked = await vscode.window.showQuickPick(
      tasks.map((task) => ({
        label: task.text,
        description: task.assignee ? vscode.l10n.t('assigned to {0}', task.assignee) : undefined,
        detail: task.runbook,
        picked: task.done,
        id: task.id,
      })),
      { title: vscode.l10n.t('Tasks of {0}: tick what is done', incident.id), canPickMany: true, ignoreFocusOut: true },
    );
    if (!picked) return;
    const done = new Set(picked.map((item) => item.id));
    const changed = tasks.filter((task) => task.done !== done.has(task.id));
    if (changed.length) await actions.update(incident.id, (i, ctx) => changed.reduce((next, task) => setTaskDone(next, task.id, done.has(task.id), ctx), i));
  });

  // A task row's click in the tree: (incident id, task id).
  commands.command(CommandId.OpenRunbook, async (incidentId?: unknown, taskId?: unknown) => {
    if (typeof incidentId === 'string' && typeof taskId === 'string') await actions.openRunbook(incidentId, taskId);
  });

  commands.incidentCommand(CommandId.ChangeSeverity, { ask: vscode.l10n.t('Change the severity of…') }, async (incident, given?: unknown) => {
    const severity =
      oneOf<Severity>(given, SEVERITIES) ??
      (await pick(vscode.l10n.t('Severity of {0}', incident.id), SEVERITIES, (s) => (s === incident.severity ? vscode.l10n.t('current') : undefined)));
    if (severity) await actions.update(incident.id, (i, ctx) => changeSeverity(i, severity, ctx), { runbookTasks: true });
  });

  commands.incidentCommand(CommandId.ChangeStatus, { ask: vscode.l10n.t('Change the status of…') }, async (incident, given?: unknown) => {
    const status = oneOf<Status>(given, STATUSES) ?? (await pick(vscode.l10n.t('{0} is {1}; move it to…', incident.id, incident.status), nextStatuses(incident.status)));
    if (!status) return;
    // Triage needs a commander: ask for one first rather than refuse.
    if (status === 'triaged' && !incident.roles.commander && given === undefined) await actions.assignRoleInteractively(incident.id, 'commander');
    await actions.update(incident.id, (i, ctx) => changeStatus(i, status, ctx));
  });

  commands.incidentCommand(CommandId.AssignRole, { ask: vscode.l10n.t('Assign a role on…') }, async (incident, givenRole?: unknown, givenPerson?: unknown) => {
    const role = oneOf<RoleName>(givenRole, ROLE_NAMES) ?? (await pick(vscode.l10n.t('Assign a role on {0}', incident.id), ROLE_NAMES));
    if (!role) return;
    const person = text(givenPerson);
    if (person) await actions.update(incident.id, (i, ctx) => assignRole(i, role, person, ctx));
    else await actions.assignRoleInteractively(incident.id, role);
  });

  commands.incidentCommand(
    CommandId.PostStatusUpdate,
    { ask: vscode.l10n.t('Post a status update on…') },
    async (incident, givenText?: unknown, givenAudience?: unknown, givenNextMinutes?: unknown) => {
      // The plan's channels first: where the update goes and how often (src/core/plan/plan.ts).
      const choices = audienceChoices(workspace.plan(), UPDATE_AUDIENCES);
      const picked =
        givenAudience === undefined
          ? await vscode.window.showQuickPick(
              choices.map((choice) => ({
                label: choice.audience,
                description: choice.channel ? `${choice.channel.name} · ${choice.channel.reach}` : undefined,
                detail: choice.channel?.updateEvery ? vscode.l10n.t('updates every {0}, per the response plan', choice.channel.updateEvery) : undefined,
                choice,
              })),
              { title: vscode.l10n.t('Status update on {0} (1/3): for whom?', incident.id), matchOnDescription: true },
            )
          : undefined;
      const audience = text(givenAudience) ?? picked?.choice.audience;
      if (!audience) return;
      const body =
        text(givenText) ??
        text(
          await vscode.window.showInputBox({
            title: vscode.l10n.t('Status update on {0} (2/3)', incident.id),
            prompt: vscode.l10n.t('What is known, what is being done, what people should do'),
            ignoreFocusOut: true,
          }),
        );
      if (!body) return;
      const cadence = picked?.choice.channel?.updateEvery ?? targetFor(workspace.policy(), incident.severity).updateEvery;
      let nextUpdateBy: Date | undefined;
      if (typeof givenNextMinutes === 'number' && givenNextMinutes > 0) nextUpdateBy = new Date(Date.now() + givenNextMinutes * 60_000);
      else if (givenText === undefined) {
        const answer = await vscode.window.showInputBox({
          title: vscode.l10n.t('Status update on {0} (3/3)', incident.id),
          prompt: vscode.l10n.t('Next update in (e.g. 30m, 2h; empty for none)'),
          value: cadence ?? '',
          validateInput: (v) => (!v.trim() || calendarMinutes(v) !== undefined ? undefined : vscode.l10n.t('Like 30m, 2h or 1d')),
        });
        if (answer === undefined) return;
        if (answer.trim()) nextUpdateBy = deadlineAfter(new Date(), answer.trim(), resolvePolicy(undefined));
      }
      await actions.update(incident.id, (i, ctx) => postStatusUpdate(i, { audience, text: body, ...(nextUpdateBy && { nextUpdateBy }) }, ctx));
    },
  );

  commands.incidentCommand(CommandId.AddNote, { ask: vscode.l10n.t('Add a note to…') }, async (incident, givenKind?: unknown, givenText?: unknown) => {
    const kind = oneOf<NoteKind>(givenKind, NOTE_KINDS) ?? (await pick(vscode.l10n.t('Add to the timeline of {0}', incident.id), NOTE_KINDS));
    if (!kind) return;
    const body = text(givenText) ?? text(await vscode.window.showInputBox({ title: vscode.l10n.t('Add a {0} to {1}', kind, incident.id), ignoreFocusOut: true }));
    if (body) await actions.update(incident.id, (i, ctx) => addTimelineEvent(i, { kind, text: body }, ctx));
  });

  const closeActionItem =
    (status: 'done' | 'wontfix') =>
    async (...args: unknown[]) => {
      const target = actionItemTarget(args);
      if (!target) throw new Error(vscode.l10n.t('Pick an action item in the Action Items view.'));
      await actions.update(target.incidentId, (i, ctx) => {
        if (!i.retrospective.actionItems.some((item) => item.id === target.actionId))
          throw new Error(vscode.l10n.t('{0} has no action item {1}.', target.incidentId, target.actionId));
        return setActionItemStatus(i, target.actionId, status, ctx);
      });
    };
  commands.command(CommandId.CompleteActionItem, closeActionItem('done'));
  commands.command(CommandId.DropActionItem, closeActionItem('wontfix'));

  // The audience (an update audience such as "customers", or "internal"/"external") defaults to the latest update's: external ones name nobody.
  commands.incidentCommand(CommandId.CopyStatusMessage, { ask: vscode.l10n.t('Copy the status message of…') }, async (incident, givenFormat?: unknown, givenAudience?: unknown) => {
    const format =
      oneOf<MessageFormat>(givenFormat, MESSAGE_FORMATS) ??
      (await pick(vscode.l10n.t('Copy the message as'), MESSAGE_FORMATS, (f) => (f === 'slack' ? vscode.l10n.t("Slack's mrkdwn") : vscode.l10n.t('GitHub, docs, most chats'))));
    if (!format) return undefined;
    const audience = typeof givenAudience === 'string' ? audienceKind(givenAudience) : audienceOfLatestUpdate(incident);
    const message = incidentMessage(incident, suggestedMessageKind(incident), format, audience, messagePlan(workspace.plan(), incident));
    await vscode.env.clipboard.writeText(message);
    const kind = suggestedMessageKind(incident);
    void vscode.window.showInformationMessage(
      audience === 'external'
        ? vscode.l10n.t('Copied the {0} message for {1} (for outside readers: no names or emails).', kind, incident.id)
        : vscode.l10n.t('Copied the {0} message for {1}.', kind, incident.id),
    );
    return message;
  });
}
