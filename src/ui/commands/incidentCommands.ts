/**
 * Palette and context-menu commands that declare an incident and move it
 * along: declare (or a drill, or after the triage checklist), severity,
 * status, roles, and the response plan's runbook tasks and regulatory clocks.
 * Each takes its answers as arguments when given (tree menus pass the
 * incident id; scripts and tests pass the rest) and asks for what is missing.
 * Status updates, notes and messages are in communicationCommands.ts.
 *
 * One named handler per command on `IncidentCommands`; the table at the end
 * says which handler each command id runs.
 */
import * as vscode from 'vscode';
import { assignRole, changeSeverity } from '../../core/lifecycle/changes';
import { acknowledge } from '../../core/lifecycle/acknowledge';
import { nextStatuses } from '../../core/lifecycle/lifecycle';
import { recordNotification, regulatoryClocks } from '../../core/clocks/regulatory';
import { setTaskDone } from '../../core/plan/tasks';
import { shortUtc } from '../../core/text/time';
import { ROLE_NAMES, SEVERITIES, STATUSES, type Incident, type RoleName, type Severity, type Status } from '../../core/record/schema';
import { CommandId } from './commandIds';
import { givenText, oneOf } from './commandArguments';
import { declareArguments } from './declareFlow';
import { runTriage, triageArguments } from './triageFlow';
import { IncidentPanel } from '../panels/incidentPanel';
import { pickValue } from '../pickers';
import { showSeenBefore } from './relatedCommands';
import type { Services } from '../services';

export class IncidentCommands {
  constructor(private readonly services: Services) {}

  /** *Declare Incident* (`incidents.declare`): (title, category, severity) from scripts and tests; asked for otherwise. Returns the new id. */
  readonly declare = (...args: unknown[]) => this.declareAndOpen(args, false);

  /** *Declare Drill…* (`incidents.declareDrill`): the same arguments and questions as *Declare Incident*, recorded as a drill. */
  readonly declareDrill = (...args: unknown[]) => this.declareAndOpen(args, true);

  /** *Are We Having an Incident?* (`incidents.triage`): the plan's triage checklist before declaring; `{ ticks, title }` from scripts and tests. */
  readonly triage = async (...args: unknown[]) => this.openDeclared(await runTriage(this.services.actions, this.services.workspace, triageArguments(args)));

  /** *Record Regulatory Notification…* (`incidents.recordNotification`): (incident, clock id, recipient) from scripts and tests; asked for otherwise. */
  readonly recordNotification = async (incident: Incident, givenClock?: unknown, givenTo?: unknown) => {
    const plan = this.services.workspace.plan();
    const clocks = regulatoryClocks(incident, plan.regulatory, plan.sla.timeZone, new Date(), plan);
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
    const to =
      givenText(givenTo) ?? givenText(await vscode.window.showInputBox({ title: vscode.l10n.t('{0}: sent to whom?', clock.title), value: clock.to ?? '', ignoreFocusOut: true }));
    if (!to) return;
    const rule = plan.regulatory.find((candidate) => candidate.id === clock.id);
    if (rule) await this.services.actions.update(incident.id, (current, ctx) => recordNotification(current, rule, to, ctx));
  };

  /** *Tick Runbook Tasks…* (`incidents.tickTask`): (incident, task id, done) from scripts and tests; a checklist of the tasks otherwise. */
  readonly tickTask = async (incident: Incident, givenTask?: unknown, givenDone?: unknown) => {
    const { actions } = this.services;
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
  };

  /** *Open Runbook* (`incidents.openRunbook`), a task row's click in the tree: (incident id, task id); nothing without both. */
  readonly openRunbook = async (incidentId?: unknown, taskId?: unknown) => {
    if (typeof incidentId === 'string' && typeof taskId === 'string') await this.services.actions.openRunbook(incidentId, taskId);
  };

  /** *Change Severity* (`incidents.changeSeverity`): (incident, severity) from scripts and tests; asked for otherwise. */
  readonly changeSeverity = async (incident: Incident, given?: unknown) => {
    const severity =
      oneOf<Severity>(given, SEVERITIES) ??
      (await pickValue(vscode.l10n.t('Severity of {0}', incident.id), SEVERITIES, (s) => (s === incident.severity ? vscode.l10n.t('current') : undefined)));
    if (severity) await this.services.actions.update(incident.id, (i, ctx) => changeSeverity(i, severity, ctx), { runbookTasks: true });
  };

  /**
   * *Change Status* (`incidents.changeStatus`): (incident, status, closing update text) from scripts and tests; one of the next
   * statuses asked for otherwise, and before mitigating or resolving, the closing update for customers once they were told.
   */
  readonly changeStatus = async (incident: Incident, given?: unknown, givenClosing?: unknown) => {
    const { actions } = this.services;
    const status = oneOf<Status>(given, STATUSES) ?? (await pickValue(vscode.l10n.t('{0} is {1}; move it to…', incident.id, incident.status), nextStatuses(incident.status)));
    if (!status) return;
    // Triage needs a commander: ask for one first rather than refuse.
    if (status === 'triaged' && !incident.roles.commander && given === undefined) await actions.assignRoleInteractively(incident.id, 'commander');
    // Asked for: before mitigating or resolving, the closing update for customers is offered.
    await actions.moveStatus(incident.id, status, {
      ask: given === undefined,
      ...(typeof givenClosing === 'string' && givenClosing.trim() ? { closingText: givenClosing.trim() } : {}),
    });
  };

  /** *Acknowledge* (`incidents.acknowledge`): "I have it": the response clock stops and no one else is paged; the first to acknowledge commands when nobody does. */
  readonly acknowledge = async (incident: Incident) => {
    let now = false;
    const updated = await this.services.actions.update(incident.id, (current, ctx) => {
      const next = acknowledge(current, ctx);
      now = next !== current;
      return next;
    });
    const at = updated.acknowledgedAt ? shortUtc(updated.acknowledgedAt) : '';
    void vscode.window.showInformationMessage(
      now ? vscode.l10n.t('{0} acknowledged: you have it. Nobody else is paged for it.', incident.id) : vscode.l10n.t('{0} was already acknowledged at {1} UTC.', incident.id, at),
    );
  };

  /** *Assign Role* (`incidents.assignRole`): (incident, role, person) from scripts and tests; asked for otherwise. */
  readonly assignRole = async (incident: Incident, givenRole?: unknown, givenPerson?: unknown) => {
    const { actions } = this.services;
    const role = oneOf<RoleName>(givenRole, ROLE_NAMES) ?? (await pickValue(vscode.l10n.t('Assign a role on {0}', incident.id), ROLE_NAMES));
    if (!role) return;
    const person = givenText(givenPerson);
    if (person) await actions.update(incident.id, (i, ctx) => assignRole(i, role, person, ctx));
    else await actions.assignRoleInteractively(incident.id, role);
  };

  private async declareAndOpen(args: unknown[], drill: boolean): Promise<string | undefined> {
    return this.openDeclared(await this.services.actions.declare(declareArguments(args), { drill }));
  }

  /** A new incident becomes the current one and opens, with "seen before" when an earlier one is like it. */
  private async openDeclared(id: string | undefined): Promise<string | undefined> {
    if (id) {
      await this.services.current.set(id);
      IncidentPanel.show(id, this.services.panelHost);
      void showSeenBefore(this.services, id);
    }
    return id;
  }
}

export function registerIncidentCommands(services: Services): void {
  const { commands } = services;
  const handlers = new IncidentCommands(services);
  commands.command(CommandId.Declare, handlers.declare);
  commands.command(CommandId.DeclareDrill, handlers.declareDrill);
  commands.command(CommandId.Triage, handlers.triage);
  commands.incidentCommand(CommandId.RecordNotification, { ask: vscode.l10n.t('Record a regulatory notification on…') }, handlers.recordNotification);
  commands.incidentCommand(CommandId.TickTask, { ask: vscode.l10n.t('Tick the tasks of…') }, handlers.tickTask);
  commands.command(CommandId.OpenRunbook, handlers.openRunbook);
  commands.incidentCommand(CommandId.ChangeSeverity, { ask: vscode.l10n.t('Change the severity of…') }, handlers.changeSeverity);
  commands.incidentCommand(CommandId.ChangeStatus, { ask: vscode.l10n.t('Change the status of…') }, handlers.changeStatus);
  commands.incidentCommand(CommandId.AssignRole, { ask: vscode.l10n.t('Assign a role on…') }, handlers.assignRole);
  commands.incidentCommand(CommandId.Acknowledge, { ask: vscode.l10n.t('Acknowledge…') }, handlers.acknowledge);
}
