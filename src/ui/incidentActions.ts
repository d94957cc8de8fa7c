import * as vscode from 'vscode';
import { linkCommit, assignRole, postStatusUpdate } from '../core/lifecycle/changes';
import { changeStatus } from '../core/lifecycle/lifecycle';
import { closingWords } from '../core/communication/closingWords';
import type { ChangeContext } from '../core/record/context';
import { peopleToSuggest, type ResponsePlan } from '../core/plan/plan';
import { regulatoryClocks } from '../core/clocks/regulatory';
import { assignTask, isRunbookPath } from '../core/plan/tasks';
import { checkRepositoryPath } from '../store/repositoryFiles';
import { join } from 'node:path';
import type { IncidentStore } from '../store/incidentStore';
import { changeIncident, declareIncidentWithPlan, recordDeployment, repairConflictedStore, type IncidentChange, type IncidentWriter } from '../workflows/incidentWrites';
import { recurrenceOrProblem } from '../workflows/relatedSources';
import type { DeployInput } from '../core/lifecycle/deploys';
import { incidentMessage, messagePlan } from '../core/communication/messages';
import type { Deploy, Incident, RoleName, Severity, Status } from '../core/record/schema';
import type { GitRepository } from '../git/gitRepository';
import type { GitOptions } from '../git/gitCommand';
import { ownersForSuspects } from '../workflows/suspectOwners';
import { writePostmortem } from '../store/postmortemFile';
import { proposedCommander } from '../core/oncall/routing';
import { samePerson } from '../core/intake/alertAnnouncements';
import { askDeclareAnswers, type DeclareAnswers, type DeclareStepTitles } from './commands/declareFlow';
import { pickCommit, pickPerson, pickRelation } from './pickers';
import { incidentInStore } from './storeSnapshot';
import type { WorkspaceStore } from './workspaceStore';

/** The declare flow's step titles when the incident is a drill, so nobody declares a real one by mistake or the other way round. */
const DECLARE_DRILL_STEPS: DeclareStepTitles = {
  title: vscode.l10n.t('Declare Drill (1/3)'),
  category: vscode.l10n.t('Declare Drill (2/3): category'),
  severity: vscode.l10n.t('Declare Drill (3/3): severity'),
};

/** Why writing is refused, or undefined when it is allowed. */
export function readOnlyReason(workspace: WorkspaceStore): string | undefined {
  if (!vscode.workspace.isTrusted) return vscode.l10n.t('Restricted Mode: incidents are read-only until you trust this workspace.');
  const snapshot = workspace.current();
  if (snapshot.kind === 'unusable') return vscode.l10n.t('The incident store cannot be used: {0}', snapshot.message);
  if (snapshot.kind === 'loaded' && snapshot.problems.length)
    return vscode.l10n.t('The incident store is read-only until these records are fixed: {0}', snapshot.problems.join('; '));
  if (!workspace.store) return vscode.l10n.t('Open a folder to record incidents.');
  return undefined;
}

/**
 * Every change a responder makes from the editor: the commands and the panel
 * both come here. Each change is one locked read-modify-write of the store
 * (see IncidentStore) with the domain's rules applied; declaring and changing
 * an incident go through the write workflow (src/workflows/incidentWrites.ts),
 * as the command line and the agent tools do.
 */
export class IncidentActions implements vscode.Disposable {
  constructor(
    private readonly workspace: WorkspaceStore,
    private readonly identity: () => Promise<string>,
    /** People to suggest for roles: the repository's recent git authors, most active first. */
    private readonly gitAuthors: () => Promise<string[]> = async () => [],
    /** The repository, for the postmortem's recurrence line; none in Restricted Mode. */
    private readonly repository: () => GitRepository | undefined = () => undefined,
    /** This machine's id, for the deliveries a write queues. */
    private readonly machine: () => string = () => 'this-machine',
  ) {}

  private async context(): Promise<ChangeContext> {
    return { at: new Date(), author: await this.identity() };
  }

  private writableStore() {
    const reason = readOnlyReason(this.workspace);
    if (reason || !this.workspace.store) throw new Error(reason ?? 'no store');
    return this.workspace.store;
  }

  /** For the writes allowed beside the store rather than to its records (postmortem files, repairing a conflicted store): trust is all they need. */
  private trustedStore() {
    const store = this.workspace.store;
    if (!vscode.workspace.isTrusted || !store) throw new Error(readOnlyReason(this.workspace));
    return store;
  }

  private readonly resolved = new vscode.EventEmitter<string>();
  private readonly queued = new vscode.EventEmitter<string>();

  dispose(): void {
    this.resolved.dispose();
    this.queued.dispose();
  }

  /** An incident was moved to "resolved" from this window: time to offer the retrospective. */
  readonly onDidResolve = this.resolved.event;
  /** A write from this window made a message for delivered channels (the incident's id): time to deliver it. */
  readonly onDidQueueDeliveries = this.queued.event;

  /** The store and the plan in force, for the write workflow (src/workflows/incidentWrites.ts); messages get their deliveries. */
  private writer(store: IncidentStore): IncidentWriter {
    const plan = () => this.workspace.plan();
    return { store, plan, deliveries: { plan, machine: this.machine } };
  }

  /** Runbooks a write left out because they cannot be read: logged, the others' tasks were added. */
  sayRunbooksLeftOut(problems: readonly string[]): void {
    for (const problem of problems) this.workspace.warnOnce(vscode.l10n.t('{0}; that runbook was left out', problem));
  }

  /**
   * One change to an incident, through the write workflow. With `runbookTasks`
   * the runbooks that apply after it add their steps as tasks (a new severity
   * or category).
   */
  async update(incidentId: string, change: IncidentChange, options: { runbookTasks?: boolean } = {}): Promise<Incident> {
    const store = this.writableStore();
    const ctx = await this.context();
    const { incident: updated, before, runbooksLeftOut, deliveries } = await changeIncident(this.writer(store), incidentId, change, ctx, options);
    this.sayRunbooksLeftOut(runbooksLeftOut);
    this.workspace.reload();
    if (deliveries.length) this.queued.fire(incidentId);
    if (before.status !== 'resolved' && updated.status === 'resolved') this.resolved.fire(incidentId);
    return updated;
  }

  /**
   * Moves an incident to another status. Before mitigated or resolved, when
   * customers or the public have been told about it, the closing update for
   * them is offered first (src/core/communication/closingWords.ts), prefilled
   * and editable; written in the same change as the move, so both are
   * delivered and the status page never shows "Resolved" above
   * "Investigating". Escape leaves the status as it was.
   */
  async moveStatus(incidentId: string, to: Status, options: { ask?: boolean; closingText?: string } = {}): Promise<Incident | undefined> {
    const incident = this.workspace.current().incident(incidentId);
    const words = (options.ask || options.closingText !== undefined) && incident ? closingWords(incident, to) : undefined;
    let closing: { audience: string; text: string } | undefined;
    if (words && options.closingText !== undefined) closing = { audience: words.audience, text: options.closingText };
    else if (words) {
      const write = vscode.l10n.t('Write the update for {0} first', words.audience);
      const skip = to === 'resolved' ? vscode.l10n.t('Resolve without an update') : vscode.l10n.t('Mark mitigated without an update');
      const choice = await vscode.window.showQuickPick([write, skip], {
        title: vscode.l10n.t('{0} was last told to {1} that it is under way', incidentId, words.audience),
      });
      if (choice === undefined) return undefined;
      if (choice === write) {
        const text = await vscode.window.showInputBox({
          title: vscode.l10n.t('Update for {0} on {1}', words.audience, incidentId),
          prompt: vscode.l10n.t('They read this in their channels and on the status page; no names or internal details.'),
          value: words.text,
          ignoreFocusOut: true,
          validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('Write the update, or press Escape.')),
        });
        if (text === undefined) return undefined;
        closing = { audience: words.audience, text: text.trim() };
      }
    }
    return this.update(incidentId, (current, ctx) => changeStatus(closing ? postStatusUpdate(current, closing, ctx) : current, to, ctx));
  }

  /** Records a deploy in the store, created when missing, and on the incidents it names. */
  async recordDeploy(input: DeployInput): Promise<Deploy> {
    const store = this.writableStore();
    const ctx = await this.context();
    const recorded = await recordDeployment(store, input, ctx);
    this.workspace.reload();
    return recorded;
  }

  /** Writes (or updates) `.incidents/postmortems/<id>.md`; the team's Notes section is kept. */
  async exportPostmortem(incidentId: string): Promise<{ path: string; updated: boolean }> {
    const store = this.trustedStore();
    const { incident, document } = incidentInStore(this.workspace.current(), incidentId);
    const plan = this.workspace.plan();
    const now = new Date();
    // The setting narrows the timeline to the starred key moments (src/core/lifecycle/highlights.ts).
    const highlightsOnly = vscode.workspace.getConfiguration('incidents.postmortem').get<boolean>('highlightsOnly', false);
    // Earlier incidents whose fixes touched the same folder (src/core/retrospective/recurrence.ts); git failing costs only that line.
    const { recurrence, problem } = await recurrenceOrProblem(this.repository(), store, incident, document.incidents);
    if (problem) this.workspace.warnOnce(vscode.l10n.t('Recurrence not checked for the postmortem: {0}', problem));
    return writePostmortem(store, incident, document.deploys, now, {
      regulatory: regulatoryClocks(incident, plan.regulatory, plan.sla.timeZone, now, plan),
      highlightsOnly,
      ...(recurrence && { recurrence }),
    });
  }

  /**
   * Merges both sides of a conflicted store (the only write allowed on an
   * unusable store), under the store's lock and atomically like every other
   * write: a repair killed half-way leaves the conflicted file whole. False
   * when the store is not in a conflicted merge.
   */
  async repairStore(git: GitOptions): Promise<boolean> {
    const repaired = await repairConflictedStore(this.trustedStore(), { git });
    this.workspace.reload();
    return repaired;
  }

  /** Throws, saying why, when this workspace's incidents may not be changed. */
  checkWritable(): void {
    const reason = readOnlyReason(this.workspace);
    if (reason) throw new Error(reason);
  }

  /**
   * The keyboard-only declare flow (answers asked for when not given); returns
   * the new incident's id. A drill is declared the same way, with its own step
   * titles. With `triage`, the checklist's ticks go into the new incident
   * (src/core/plan/triage.ts).
   */
  async declare(
    given?: DeclareAnswers,
    options: { drill?: boolean; triage?: { plan: ResponsePlan; tickedIds: readonly string[]; tickedAt: Date } } = {},
  ): Promise<string | undefined> {
    const { drill = false, triage } = options;
    // A missing store is fine: declaring creates it.
    this.checkWritable();
    const plan = this.workspace.plan();
    const answers = given ?? (await askDeclareAnswers({ reporting: plan.reporting, plan }, drill ? DECLARE_DRILL_STEPS : undefined));
    if (!answers || !this.workspace.store) return undefined;
    const ctx = await this.context();
    const commander = answers.takeCommand === false ? undefined : await this.commanderFor(answers.severity, ctx.author, given === undefined);
    if (commander === null) return undefined;
    const ticks = (triage?.tickedIds ?? []).map((id) => ({ id, by: ctx.author, at: triage?.tickedAt ?? ctx.at }));
    const { incident, tellNow, runbooksLeftOut, deliveries } = await declareIncidentWithPlan(
      this.writer(this.workspace.store),
      // The declarer commands (acknowledged) unless they chose otherwise in the flow.
      {
        title: answers.title,
        category: answers.category,
        severity: answers.severity,
        ...(answers.type && { type: answers.type }),
        drill,
        ...(commander && { commander }),
      },
      ctx,
      triage ? { triage: { plan: triage.plan, ticks } } : {},
    );
    this.sayRunbooksLeftOut(runbooksLeftOut);
    this.workspace.reload();
    if (deliveries.length) this.queued.fire(incident.id);
    this.sayWhoMustBeTold(incident, tellNow, plan);
    return incident.id;
  }

  /**
   * Who commands a new incident of this severity: the person on call in the
   * rotation the plan routes it to, when the plan says to assign them; when it
   * only proposes them, they are offered first (asked only in the interactive
   * flow); else the declarer. Null when the person pressed Escape.
   */
  private async commanderFor(severity: Severity, author: string, ask: boolean): Promise<string | null> {
    const proposal = proposedCommander(this.workspace.plan(), { severity }, new Date());
    if (!proposal || samePerson(proposal.person, author)) return author;
    if (proposal.assign) {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} commands it: {1}.', proposal.person, proposal.why));
      return proposal.person;
    }
    if (!ask) return author;
    const picked = await vscode.window.showQuickPick(
      [
        { label: proposal.person, description: proposal.why, person: proposal.person },
        { label: vscode.l10n.t('I will command it'), description: author, person: author },
      ],
      { title: vscode.l10n.t('Who commands it? The plan proposes whoever is on call'), ignoreFocusOut: true },
    );
    return picked ? picked.person : null;
  }

  /** Whom the plan says to tell now (from the write workflow), with the message that tells them one click away. */
  private sayWhoMustBeTold(incident: Incident, tell: readonly string[], plan: ResponsePlan): void {
    if (!tell.length) return;
    const copy = vscode.l10n.t('Copy Declaration Message');
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} declared. Per the response plan, tell now: {1}', incident.id, tell.join(', ')), copy).then(async (answer) => {
      if (answer === copy) await vscode.env.clipboard.writeText(incidentMessage(incident, 'declaration', 'markdown', 'internal', messagePlan(plan, incident)));
    });
  }

  /** Asks whom a runbook task goes to (the people the record and git know, or a name typed in) and gives it to them. */
  async assignTaskInteractively(incidentId: string, taskId: string): Promise<void> {
    const task = this.workspace
      .current()
      .incident(incidentId)
      ?.tasks?.find((candidate) => candidate.id === taskId);
    if (!task) throw new Error(vscode.l10n.t('{0} has no such task any more.', incidentId));
    const suggestions = (await this.knownPeople()).map((person) => ({ person, rostered: false }));
    const person = await pickPerson(vscode.l10n.t('Who does "{0}"?', task.text), suggestions, task.assignee);
    if (person) await this.update(incidentId, (current, ctx) => assignTask(current, taskId, person, ctx));
  }

  /** Opens a task's runbook at its step; only a runbook inside the repository, never through a link. */
  async openRunbook(incidentId: string, taskId: string): Promise<void> {
    const task = this.workspace
      .current()
      .incident(incidentId)
      ?.tasks?.find((candidate) => candidate.id === taskId);
    const store = this.workspace.store;
    if (!task?.runbook || !store) throw new Error(vscode.l10n.t('This task has no runbook to open.'));
    if (!isRunbookPath(task.runbook)) throw new Error(vscode.l10n.t('"{0}" is not a runbook inside this repository; it was not opened.', task.runbook));
    checkRepositoryPath(store.root, task.runbook);
    const line = Math.max(0, (task.line ?? 1) - 1);
    await vscode.window.showTextDocument(vscode.Uri.file(join(store.root, ...task.runbook.split('/'))), { selection: new vscode.Range(line, 0, line, 0), preview: true });
  }

  async assignRoleInteractively(incidentId: string, role: RoleName): Promise<void> {
    const person = await this.pickRoleHolder(incidentId, role, vscode.l10n.t('Assign {0}', role));
    if (person) await this.update(incidentId, (current, ctx) => assignRole(current, role, person, ctx));
  }

  /** Asks who takes a role (the current holder marked, a new person typed in); undefined when dismissed. */
  async pickRoleHolder(incidentId: string, role: RoleName, title: string): Promise<string | undefined> {
    const incident = this.workspace.current().incident(incidentId);
    // The plan's roster for the role first (src/core/plan/plan.ts), then everyone else we know.
    const holder = incident && role !== 'responder' ? incident.roles[role] : undefined;
    const suggested = peopleToSuggest(this.workspace.plan(), role, await this.knownPeople());
    // Responders: whoever CODEOWNERS says owns the code the evidence points at comes first.
    const owners = role === 'responder' && incident && this.workspace.store ? ownersForSuspects(this.workspace.store.root, incident).everyone : [];
    const suggestions = [...owners.map((person) => ({ person, rostered: false, owner: true })), ...suggested.filter(({ person }) => !owners.includes(person))];
    return pickPerson(title, suggestions, holder);
  }

  /** Everyone to offer when someone is given a role or a task: you, the repository's git authors, and the people the record names. */
  private async knownPeople(): Promise<string[]> {
    const known = new Set<string>([await this.identity()]);
    for (const author of await this.gitAuthors().catch(() => [])) known.add(author);
    for (const i of this.workspace.current().incidents) [i.declaredBy, i.roles.commander, ...i.roles.responders].forEach((p) => p && known.add(p));
    return [...known];
  }

  /** Quick pick of recent commits (HEAD first), then the relation; links the choice. */
  async linkCommitInteractively(incidentId: string, lookup: GitRepository): Promise<void> {
    const commit = await pickCommit(incidentId, lookup);
    const relation = commit && (await pickRelation(commit, incidentId));
    if (commit && relation) await this.update(incidentId, (i, ctx) => linkCommit(i, commit, relation, ctx));
  }
}
