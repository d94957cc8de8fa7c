import * as vscode from 'vscode';
import {
  linkCommit,
  assignRole,
  changeCategory,
  changeSeverity,
  postStatusUpdate,
  renameIncident,
  setActionItemStatus,
  addActionItem,
  setRootCause,
  setSummaryAndImpact,
  setWhys,
} from '../core/lifecycle/changes';
import { tickChecklist } from '../core/plan/checklist';
import type { ChangeContext } from '../core/record/context';
import { peopleToSuggest, type ResponsePlan } from '../core/plan/plan';
import { tickTriageQuestion } from '../core/plan/triage';
import { setHighlight } from '../core/lifecycle/highlights';
import { regulatoryClocks } from '../core/clocks/regulatory';
import { assignTask, isRunbookPath, setTaskDone } from '../core/plan/tasks';
import { checkRepositoryPath } from '../store/repositoryFiles';
import { join } from 'node:path';
import type { IncidentStore } from '../store/incidentStore';
import { changeIncident, declareIncidentWithPlan, type IncidentChange, type IncidentWriter } from '../workflows/incidentWrites';
import { recurrenceOrProblem } from '../workflows/relatedSources';
import { recordDeploy, type DeployInput } from '../core/lifecycle/deploys';
import { changeStatus } from '../core/lifecycle/lifecycle';
import { audienceOfLatestUpdate, incidentMessage, messagePlan, suggestedMessageKind } from '../core/communication/messages';
import { COMMIT_RELATIONS, type CommitRelation, type Deploy, type Incident, type RoleName } from '../core/record/schema';
import type { GitRepository } from '../git/gitRepository';
import { ownersForSuspects } from '../workflows/suspectOwners';
import { mergeStoreTexts } from '../store/mergeFiles';
import { writePostmortem } from '../store/postmortemFile';
import { CommandId } from './commands';
import { addTimelineEvent } from '../core/lifecycle/timeline';
import type { WebviewMessage } from '../protocol/incidentPanel';
import { askDeclareAnswers, type DeclareAnswers, type DeclareStepTitles } from './declareFlow';
import { incidentInStore } from './storeSnapshot';
import type { WorkspaceStore } from './workspaceStore';
import { shortUtc } from '../core/text/time';

const RELATION_HINTS: Record<CommitRelation, string> = {
  cause: vscode.l10n.t('this commit caused the incident'),
  fix: vscode.l10n.t('this commit fixes it'),
  related: vscode.l10n.t('worth knowing about'),
};

export type PanelRequest = Exclude<WebviewMessage, { type: 'ready' }>;

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

  dispose(): void {
    this.resolved.dispose();
  }

  /** An incident was moved to "resolved" from this window: time to offer the retrospective. */
  readonly onDidResolve = this.resolved.event;

  /** The store and the plan in force, for the write workflow (src/workflows/incidentWrites.ts). */
  private writer(store: IncidentStore): IncidentWriter {
    return { store, plan: () => this.workspace.plan() };
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
    const { incident: updated, before, runbooksLeftOut } = await changeIncident(this.writer(store), incidentId, change, ctx, options);
    this.sayRunbooksLeftOut(runbooksLeftOut);
    this.workspace.reload();
    if (before.status !== 'resolved' && updated.status === 'resolved') this.resolved.fire(incidentId);
    return updated;
  }

  /** Records a deploy in the store, created when missing, and on the incidents it names. */
  async recordDeploy(input: DeployInput): Promise<Deploy> {
    const store = this.writableStore();
    const ctx = await this.context();
    let recorded: Deploy | undefined;
    await store.mutateDocument(
      (document) => {
        const { document: changed, deploy } = recordDeploy(document, input, ctx);
        recorded = deploy;
        return changed;
      },
      { create: true },
    );
    this.workspace.reload();
    return recorded as Deploy;
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
      regulatory: regulatoryClocks(incident, plan.regulatory, plan.sla.timeZone, now),
      highlightsOnly,
      ...(recurrence && { recurrence }),
    });
  }

  /**
   * Merges both sides of a conflicted store (the only write allowed on an
   * unusable store), under the store's lock and atomically like every other
   * write: a repair killed half-way leaves the conflicted file whole.
   */
  async repairStore(stages: { base: string; ours: string; theirs: string }): Promise<void> {
    await this.trustedStore().replaceText(mergeStoreTexts(stages.base, stages.ours, stages.theirs));
    this.workspace.reload();
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
    const ticks = (triage?.tickedIds ?? []).map((id) => ({ id, by: ctx.author, at: triage?.tickedAt ?? ctx.at }));
    const { incident, tellNow, runbooksLeftOut } = await declareIncidentWithPlan(
      this.writer(this.workspace.store),
      { ...answers, drill },
      ctx,
      triage ? { triage: { plan: triage.plan, ticks } } : {},
    );
    this.sayRunbooksLeftOut(runbooksLeftOut);
    this.workspace.reload();
    this.sayWhoMustBeTold(incident, tellNow, plan);
    return incident.id;
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
    const commits = await lookup.recentCommits(50);
    if (!commits.length) throw new Error(vscode.l10n.t('This repository has no commits yet.'));
    const enter = { label: vscode.l10n.t('$(edit) Enter a sha, branch or tag…'), description: vscode.l10n.t('for a commit not in this list'), commit: undefined };
    const picked = await vscode.window.showQuickPick(
      [
        ...commits.map((commit, index) => ({
          label: commit.subject,
          description: `${commit.sha.slice(0, 8)} · ${commit.author.replace(/ <.*>$/, '')}${index === 0 ? ' · HEAD' : ''}`,
          detail: shortUtc(commit.committedAt),
          commit,
        })),
        enter,
      ],
      { title: vscode.l10n.t('Link a commit to {0}', incidentId), matchOnDescription: true, matchOnDetail: true },
    );
    if (!picked) return;
    const commit = picked.commit ?? (await this.askRevision(lookup));
    if (!commit) return;
    const relation = await vscode.window.showQuickPick(
      COMMIT_RELATIONS.map((value) => ({ label: value, description: RELATION_HINTS[value], value })),
      { title: vscode.l10n.t('{0} is… to {1}', commit.sha.slice(0, 8), incidentId) },
    );
    if (!relation) return;
    await this.update(incidentId, (i, ctx) => linkCommit(i, commit, relation.value, ctx));
  }

  /** A pasted sha (or branch, tag): the git layer validates it and resolves it, never passing it as an option. */
  private async askRevision(lookup: GitRepository) {
    const revision = await vscode.window.showInputBox({
      title: vscode.l10n.t('Link a commit'),
      prompt: vscode.l10n.t('A full or abbreviated sha, a branch or a tag'),
      ignoreFocusOut: true,
    });
    return revision?.trim() ? lookup.resolveCommit(revision.trim()) : undefined;
  }

  async handle(incidentId: string, message: PanelRequest): Promise<void> {
    switch (message.type) {
      case 'linkCommit':
        await vscode.commands.executeCommand(CommandId.LinkCommit, incidentId);
        return;
      case 'openCommit':
        await vscode.commands.executeCommand(CommandId.OpenCommit, message.sha, this.find(incidentId).commits.find((c) => c.sha === message.sha)?.subject);
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
        await this.update(incidentId, (i, ctx) => renameIncident(i, message.title, ctx));
        return;
      case 'setSeverity':
        await this.update(incidentId, (i, ctx) => changeSeverity(i, message.severity, ctx), { runbookTasks: true });
        return;
      case 'setCategory':
        await this.update(incidentId, (i, ctx) => changeCategory(i, message.category, ctx), { runbookTasks: true });
        return;
      case 'setSummary':
        await this.update(incidentId, (i, ctx) => setSummaryAndImpact(i, { summary: message.summary }, ctx));
        return;
      case 'setImpact':
        await this.update(incidentId, (i, ctx) => setSummaryAndImpact(i, { impact: message.impact }, ctx));
        return;
      case 'setStatus':
        await this.update(incidentId, (i, ctx) => changeStatus(i, message.status, ctx));
        return;
      case 'assignRole':
        await this.assignRoleInteractively(incidentId, message.role);
        return;
      case 'setTaskDone':
        await this.update(incidentId, (i, ctx) => setTaskDone(i, message.taskId, message.done, ctx));
        return;
      case 'assignTask':
        await this.assignTaskInteractively(incidentId, message.taskId);
        return;
      case 'openRunbook':
        await this.openRunbook(incidentId, message.taskId);
        return;
      case 'setHighlight':
        await this.update(incidentId, (i, ctx) => setHighlight(i, message.eventId, message.on, ctx));
        return;
      case 'tickTriage': {
        const plan = this.workspace.plan();
        await this.update(incidentId, (i, ctx) => tickTriageQuestion(i, plan, message.questionId, message.checked, ctx));
        return;
      }
      case 'tickChecklist':
        await this.update(incidentId, (i, ctx) => tickChecklist(i, message.item, message.checked, ctx));
        return;
      case 'addEvent':
        await this.update(incidentId, (i, ctx) => addTimelineEvent(i, { kind: message.kind, text: message.text }, ctx));
        return;
      case 'postUpdate':
        await this.update(incidentId, (i, ctx) =>
          postStatusUpdate(i, { audience: message.audience, text: message.text, ...(message.nextUpdateBy ? { nextUpdateBy: new Date(message.nextUpdateBy) } : {}) }, ctx),
        );
        return;
      case 'copyMessage': {
        const incident = this.find(incidentId);
        // For the audience of the latest update: after an update to customers the copied text names nobody.
        await vscode.env.clipboard.writeText(
          incidentMessage(incident, suggestedMessageKind(incident), message.format, audienceOfLatestUpdate(incident), messagePlan(this.workspace.plan(), incident)),
        );
        void vscode.window.showInformationMessage(
          message.format === 'slack' ? vscode.l10n.t("Copied {0}'s status as Slack text.", incident.id) : vscode.l10n.t("Copied {0}'s status as Markdown.", incident.id),
        );
        return;
      }
      case 'setWhys':
        await this.update(incidentId, (i, ctx) => setWhys(i, message.whys, ctx));
        return;
      case 'setRootCause':
        await this.update(incidentId, (i, ctx) => setRootCause(i, message.rootCause, ctx));
        return;
      case 'addActionItem':
        await this.update(incidentId, (i, ctx) =>
          addActionItem(i, { title: message.title, ...(message.owner ? { owner: message.owner } : {}), ...(message.due ? { due: message.due } : {}) }, ctx),
        );
        return;
      case 'setActionItemStatus':
        await this.update(incidentId, (i, ctx) => setActionItemStatus(i, message.id, message.status, ctx));
        return;
      case 'openEvidence':
        await this.openEvidence(incidentId, message.eventId);
        return;
    }
  }

  private find(incidentId: string): Incident {
    return incidentInStore(this.workspace.current(), incidentId).incident;
  }

  /** Evidence events recorded from the editor carry a workspace-relative file and lines. */
  private async openEvidence(incidentId: string, eventId: string): Promise<void> {
    const event = this.find(incidentId).timeline.find((e) => e.id === eventId);
    const file = event?.data?.file;
    if (!event || typeof file !== 'string' || !this.workspace.folder) throw new Error(vscode.l10n.t('This evidence has no file to open.'));
    const uri = vscode.Uri.joinPath(this.workspace.folder, file);
    if (!uri.fsPath.startsWith(this.workspace.folder.fsPath)) throw new Error(vscode.l10n.t('Evidence file {0} is outside the workspace.', file));
    const start = typeof event.data?.startLine === 'number' ? Math.max(0, event.data.startLine - 1) : 0;
    const end = typeof event.data?.endLine === 'number' ? Math.max(start, event.data.endLine - 1) : start;
    await vscode.window.showTextDocument(uri, { selection: new vscode.Range(start, 0, end, Number.MAX_SAFE_INTEGER) });
  }
}

async function pickPerson(title: string, suggestions: { person: string; rostered: boolean; owner?: boolean }[], current: string | undefined): Promise<string | undefined> {
  const quickPick = vscode.window.createQuickPick();
  quickPick.title = title;
  quickPick.placeholder = vscode.l10n.t('Pick a person or type "Name <email>"');
  const people = suggestions.map((suggestion) => suggestion.person);
  const base = suggestions.map(({ person: label, rostered, owner }) => ({
    label,
    description:
      [
        label === current ? vscode.l10n.t('current') : undefined,
        rostered ? vscode.l10n.t("on the response plan's roster") : undefined,
        owner ? vscode.l10n.t('owns the code of the evidence (CODEOWNERS)') : undefined,
      ]
        .filter(Boolean)
        .join(' · ') || undefined,
  }));
  quickPick.items = base;
  quickPick.onDidChangeValue((value) => {
    quickPick.items = value.trim() && !people.includes(value.trim()) ? [{ label: value.trim(), description: vscode.l10n.t('new person') }, ...base] : base;
  });
  return new Promise((resolve) => {
    quickPick.onDidAccept(() => {
      resolve(quickPick.selectedItems[0]?.label ?? (quickPick.value.trim() || undefined));
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      resolve(undefined);
      quickPick.dispose();
    });
    quickPick.show();
  });
}
