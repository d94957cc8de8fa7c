/**
 * The changes to an incident that take more than one step, written once: the
 * VS Code commands and panel (src/ui/incidentActions.ts), the `incident` verbs
 * and the agent tools all call these, and so does any new writer. Each is one
 * locked read-modify-write of the store (IncidentStore). What a person must
 * hear about it (whom to tell, a runbook left out) comes back as data, for
 * each caller to say its own way: the command line on stderr, VS Code in a
 * notification or its log, an agent host wherever it says things.
 */
import type { ChangeContext } from '../core/record/context';
import { declareIncident } from '../core/lifecycle/declare';
import { declarationWithType, type DeclareRequest } from '../core/lifecycle/typeFields';
import { newIncidentId } from '../core/record/ids';
import { mustBeTold, type ResponsePlan } from '../core/plan/plan';
import type { DeliveryRecord, Deploy, Incident } from '../core/record/schema';
import { recordDeploy, type DeployInput } from '../core/lifecycle/deploys';
import type { GitOptions } from '../git/gitCommand';
import { conflictStages } from '../git/mergeDriver';
import { mergeStoreTexts } from '../store/mergeFiles';
import { recordTriage, type TriageTick } from '../core/plan/triage';
import { proposedCommander, type ProposedCommander } from '../core/oncall/routing';
import type { IncidentStore } from '../store/incidentStore';
import { runbookTaskAdder } from '../store/planFile';
import { deliveriesAdded, withMessageDeliveries, type DeliverySetup } from './delivery/deliveryTargets';

/** What of the response plan a write follows: where the runbooks are and what they may name, whom to tell per severity. */
export type WritePlan = Pick<ResponsePlan, 'runbooks' | 'categories' | 'severities'> & Partial<Pick<ResponsePlan, 'types' | 'oncall' | 'sla' | 'intake'>>;

/** What a writer writes with: the repository's store, and the response plan in force as the caller reads it (asked for only when a write needs it). */
export interface IncidentWriter {
  readonly store: Pick<IncidentStore, 'root' | 'declare' | 'update'>;
  plan(): WritePlan;
  /**
   * When given, a write that makes a message (a declaration, a status update,
   * a resolution or closure) adds its deliveries to the plan's delivered
   * channels in the same store write (src/workflows/delivery/deliveryTargets.ts);
   * the caller then runs the delivery loop, in the background or bounded.
   */
  readonly deliveries?: DeliverySetup;
}

/** One change to an incident with the domain's rules (src/core/lifecycle/changes.ts and its neighbours). */
export type IncidentChange = (incident: Incident, ctx: ChangeContext) => Incident;

export interface Declared {
  incident: Incident;
  /** Whom the response plan says to tell now, for the incident's severity (none: nothing to say). */
  tellNow: readonly string[];
  /** A problem per runbook that could not be read ("file:line:column: what is wrong"); the others' tasks were added. */
  runbooksLeftOut: readonly string[];
  /** The deliveries the declaration added (pending, for the delivery loop). */
  deliveries: readonly DeliveryRecord[];
  /** Who the plan's rotations propose as commander, when `routeCommander` asked and a rotation applies (`assign`: made commander). */
  proposedCommander?: ProposedCommander;
}

export interface Changed {
  incident: Incident;
  /** The incident as it was just before the change (to see, say, that it has just been resolved). */
  before: Incident;
  runbooksLeftOut: readonly string[];
  /** The deliveries of the messages the change made (pending, for the delivery loop). */
  deliveries: readonly DeliveryRecord[];
}

/** The change's result with its messages' deliveries added, when the writer delivers. */
const delivered = (writer: IncidentWriter, before: Incident | undefined, after: Incident, ctx: ChangeContext): Incident =>
  writer.deliveries ? withMessageDeliveries(before, after, writer.deliveries, ctx) : after;

/**
 * Adds the tasks of the runbooks that apply to an incident now; the plan is
 * asked for once, and the runbooks are read on first use, inside the store's
 * write (see runbookTaskAdder).
 */
function runbookTasks(writer: IncidentWriter, named: readonly string[] = [], known?: WritePlan): { add: IncidentChange; plan: () => WritePlan; leftOut: string[] } {
  let plan: WritePlan | undefined = known;
  const planOnce = () => (plan ??= writer.plan());
  const leftOut: string[] = [];
  return { add: runbookTaskAdder(writer.store.root, planOnce, (problem) => leftOut.push(problem), named), plan: planOnce, leftOut };
}

/**
 * Declares an incident as the response plan says: the new record (a drill
 * when `input.drill`), the triage checklist's ticks that led to it when given
 * (src/core/plan/triage.ts), the tasks of the runbooks that apply, and the
 * declaration's deliveries when the writer delivers. The id is drawn under the
 * store's lock, again until it is free. Returns the incident with whom to tell
 * now, the runbooks left out and the deliveries to run.
 *
 * The function to copy for a new orchestrated write: domain steps composed in
 * one store change, the plan asked through the writer, and what a person must
 * hear returned rather than said.
 */
export async function declareIncidentWithPlan(
  writer: IncidentWriter,
  request: DeclareRequest,
  ctx: ChangeContext,
  options: {
    triage?: { plan: Parameters<typeof recordTriage>[1]; ticks: readonly TriageTick[] };
    /**
     * When the request names no commander: the on-call person of the rotation
     * the plan routes the severity to, when the plan says to assign them
     * (src/core/oncall/routing.ts), else `otherwise` (the declarer, say).
     */
    routeCommander?: { otherwise?: string };
  } = {},
): Promise<Declared> {
  const { triage, routeCommander } = options;
  // With a type (issue 31): its category, its severity when none is given, its runbooks and whom it tells (src/core/lifecycle/typeFields.ts).
  const plan = request.type === undefined && !routeCommander ? undefined : writer.plan();
  const { input: declared, runbooks: typeRunbooks, tell } = declarationWithType(plan ?? { runbooks: { folder: '' } }, request);
  const proposed = routeCommander && plan && declared.commander === undefined ? proposedCommander(plan, { severity: declared.severity }, ctx.at) : undefined;
  const commander = declared.commander ?? (proposed?.assign ? proposed.person : routeCommander?.otherwise);
  const input = { ...declared, ...(commander !== undefined ? { commander } : {}) };
  const runbooks = runbookTasks(writer, typeRunbooks, plan);
  const incident = await writer.store.declare(
    (id) => {
      const declared = declareIncident(input, ctx, id);
      return delivered(writer, undefined, runbooks.add(triage ? recordTriage(declared, triage.plan, triage.ticks) : declared, ctx), ctx);
    },
    () => newIncidentId(ctx.at),
  );
  return {
    incident,
    tellNow: [...new Set([...mustBeTold(runbooks.plan(), incident.severity), ...tell])],
    runbooksLeftOut: runbooks.leftOut,
    deliveries: deliveriesAdded(undefined, incident),
    ...(proposed ? { proposedCommander: proposed } : {}),
  };
}

/**
 * One change to one incident under the store's lock. With `runbookTasks`, the
 * runbooks that apply after it add their tasks (a new severity or category);
 * the messages it makes get their deliveries when the writer delivers.
 * Throws what the change throws (an illegal move), and UnknownIncidentError.
 */
export async function changeIncident(
  writer: IncidentWriter,
  incidentId: string,
  change: IncidentChange,
  ctx: ChangeContext,
  options: { runbookTasks?: boolean; namedRunbooks?: readonly string[] } = {},
): Promise<Changed> {
  // namedRunbooks: paths of runbooks that apply whatever their front matter says (an incident type's, when it is given one).
  const runbooks = options.runbookTasks ? runbookTasks(writer, options.namedRunbooks) : undefined;
  let before: Incident | undefined;
  const incident = await writer.store.update(incidentId, (current) => {
    before = current;
    const changed = change(current, ctx);
    return delivered(writer, current, runbooks ? runbooks.add(changed, ctx) : changed, ctx);
  });
  return { incident, before: before as Incident, runbooksLeftOut: runbooks?.leftOut ?? [], deliveries: deliveriesAdded(before, incident) };
}

/** Records a deploy in the store (created when missing) and on the incidents it names, under the store's lock. */
export async function recordDeployment(store: Pick<IncidentStore, 'mutateDocument'>, input: DeployInput, ctx: ChangeContext): Promise<Deploy> {
  let recorded: Deploy | undefined;
  await store.mutateDocument(
    (document) => {
      const { document: changed, deploy } = recordDeploy(document, input, ctx);
      recorded = deploy;
      return changed;
    },
    { create: true },
  );
  return recorded as Deploy;
}

/** The two sides (and their base) of a store a git merge left conflicted. */
export type ConflictStages = { base: string; ours: string; theirs: string };

/**
 * Merges both sides of a store that a git merge left with conflict markers,
 * record by record, under the store's lock and atomically like every other
 * write: a repair killed half-way leaves the conflicted file whole. The sides
 * come from git's index unless given. Returns false, writing nothing, when the
 * store is not in a conflicted merge.
 */
export async function repairConflictedStore(
  store: Pick<IncidentStore, 'root' | 'relativePath' | 'replaceText'>,
  options: { git?: GitOptions; stages?: ConflictStages } = {},
): Promise<boolean> {
  const stages = options.stages ?? (await conflictStages(store.root, options.git ?? {}, store.relativePath));
  if (!stages) return false;
  await store.replaceText(mergeStoreTexts(stages.base, stages.ours, stages.theirs));
  return true;
}
