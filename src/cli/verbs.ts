/** The `incident` verbs that change the store or git (the reading ones are in readVerbs.ts): each parses its own options and calls the store and the domain, or for a change of several steps the write workflow (src/workflows/incidentWrites.ts). */
import { isActive, changeStatus } from '../core/lifecycle/lifecycle';
import { COMMIT_RELATIONS, DEPLOY_STATUSES, NOTE_KINDS, SEVERITIES, STATUSES } from '../core/record/recordValues';
import { categoryChoices, categoryFrom, severityFrom, statusFrom } from '../core/record/vocabulary';
import { terminalText } from '../core/text/terminalText';
import { addTimelineEvent } from '../core/lifecycle/timeline';
import { readFileSync } from 'node:fs';
import { replaceFileAtomically } from '../store/repositoryFiles';
import { installMergeDriver, mergeDriverCommand } from '../git/mergeDriver';
import { GitRepository } from '../git/gitRepository';
import { incidentLogMessage } from '../git/incidentLog';
import { linkCommit } from '../core/lifecycle/changes';
import { mergeStoreTexts } from '../store/mergeFiles';
import { UsageError } from './cliContext';
import { sayProposedCommander } from './oncallNotices';
import { changeIncident, declareIncidentWithPlan, recordDeployment, repairConflictedStore } from '../workflows/incidentWrites';
import { personArgument } from './personArgument';
import { cliWriter, deliverUnlessTold, sayRunbooksLeftOut, tellWhoMustBeTold } from './planNotices';
import { chosen, requireOptions } from './usageHelp';
import { findIncident, givenTime, loaded, oneOf, resolveOrExplain, type Verb, verbArguments } from './verbSupport';
import { deployedRef } from '../core/lifecycle/deploys';
import { setImpactStart } from '../core/lifecycle/impactStart';
import { GIVEN_TIME_FORMS } from '../core/text/givenTime';

export type { Verb } from './verbSupport';

export const CORE_VERBS: Record<string, Verb> = {
  link: {
    summary: 'link a commit (sha, branch, tag, HEAD) to an incident as cause, fix or related',
    usage: `incident link ID [REV] [--relation ${COMMIT_RELATIONS.join('|')}]   (REV defaults to HEAD)`,
    async run(args, { store, now, author, out }) {
      const { values, positionals } = verbArguments(args, { relation: { type: 'string', default: 'related' } });
      const incident = findIncident(store, positionals[0]);
      const relation = oneOf(values.relation, COMMIT_RELATIONS, '--relation');
      const commit = await resolveOrExplain(store.root, positionals[1] ?? 'HEAD');
      await store.update(incident.id, (current) => linkCommit(current, commit, relation, { at: now(), author }));
      out(`Linked ${commit.sha.slice(0, 8)} (${terminalText(commit.subject, { oneLine: true })}) to ${incident.id} as ${relation}`);
    },
  },
  deploy: {
    summary: 'record a deploy (for CI pipelines) of the commit a ref names, when it went out, optionally for incidents',
    usage: `incident deploy --env ENV --ref SHA|TAG|BRANCH [--at TIME] [--incident ID ...] [--status ${DEPLOY_STATUSES.join('|')}]   (TIME: ${GIVEN_TIME_FORMS}; default now. HEAD is recorded as the commit it names)`,
    async run(args, { store, now, author, out }) {
      const { values } = verbArguments(
        args,
        {
          env: { type: 'string' },
          ref: { type: 'string' },
          at: { type: 'string' },
          incident: { type: 'string', multiple: true },
          status: { type: 'string', default: 'succeeded' },
        },
        false,
      );
      requireOptions('deploy', values, ['env', 'ref']);
      const status = oneOf(values.status, DEPLOY_STATUSES, '--status');
      const recordedAt = now();
      const at = values.at === undefined ? undefined : givenTime(values.at, recordedAt, '--at');
      // Resolved by git (a ref starting with "-" is refused, never passed as an option): the commit, not the word HEAD.
      const commit = await resolveOrExplain(store.root, values.ref!);
      const ref = deployedRef(values.ref!, commit.sha);
      const incidentIds = (values.incident ?? []).map((id) => findIncident(store, id).id);
      const deploy = await recordDeployment(store, { environment: values.env!.trim(), ref, sha: commit.sha, status, incidentIds, ...(at && { at }) }, { at: recordedAt, author });
      out(`Recorded deploy ${deploy.id}: ${ref}${ref === commit.sha.slice(0, ref.length) ? '' : ` (${commit.sha.slice(0, 8)})`} to ${values.env} ${status} at ${deploy.at}`);
    },
  },
  commit: {
    summary: 'commit the incident log (the folder of the store, .incidents/ by default) alone; other staged changes stay staged',
    usage: 'incident commit [--message TEXT]',
    async run(args, { store, out }) {
      const { values } = verbArguments(args, { message: { type: 'string', short: 'm' } }, false);
      const active = loaded(store)
        .incidents.filter(isActive)
        .map((i) => i.id);
      const sha = await new GitRepository(store.root).commitIncidentLog(values.message?.trim() || incidentLogMessage(active), store.relativeDir);
      out(sha ? `Committed the incident log as ${sha.slice(0, 8)}` : 'Nothing to commit in .incidents/');
    },
  },
  merge: {
    summary: 'git merge driver: three-way merge of the store (writes the result to OURS)',
    usage: 'incident merge BASE OURS THEIRS   (git runs it as: incident merge %O %A %B)',
    needsRepository: false,
    async run(args) {
      const { positionals } = verbArguments(args, {});
      if (positionals.length !== 3) throw new UsageError('merge needs three files: BASE OURS THEIRS');
      const [base, ours, theirs] = positionals.map((file) => readFileSync(file, 'utf8'));
      // Atomically: a driver killed half-way must not leave git a truncated result to commit.
      replaceFileAtomically(positionals[1], mergeStoreTexts(base, ours, theirs));
    },
  },
  repair: {
    summary: 'merge a store file that a git merge left with conflict markers, from the index stages',
    usage: 'incident repair',
    async run(_args, { store, out }) {
      if (!(await repairConflictedStore(store))) throw new UsageError(`${store.relativePath} is not in a conflicted merge; nothing to repair`);
      out(`Merged both sides into ${store.file}; review it, then "git add" it to finish the merge.`);
    },
  },
  'install-merge-driver': {
    summary: 'make git merge the store record by record (.git/config and .gitattributes)',
    usage: 'incident install-merge-driver',
    async run(_args, { store, out }) {
      const { attributesChanged } = await installMergeDriver(store.root, mergeDriverCommand(process.execPath, process.argv[1]), {}, store.relativePath);
      out(`Installed the "incidents" merge driver${attributesChanged ? ' and added it to .gitattributes (commit that file)' : ''}.`);
    },
  },
  declare: {
    summary: 'declare a new incident and print its id (--drill: a practice, marked as such and left out of metrics)',
    usage:
      "incident declare --title TEXT --category regression|security|performance (or bug, breach, perf) --severity SEV1..SEV4 [--type TYPE] [--started TIME] [--commander PERSON | --no-commander] [--drill] [--no-deliver]   (you are the commander unless --commander names someone else, --no-commander, or the plan assigns the severity's on-call person (rotation and assign in its severities); --type, one of the plan's types, gives the category, and the severity unless --severity is given)",
    async run(args, { store, now, author, out, err }) {
      const { values } = verbArguments(
        args,
        {
          title: { type: 'string' },
          category: { type: 'string' },
          severity: { type: 'string' },
          type: { type: 'string' },
          commander: { type: 'string' },
          'no-commander': { type: 'boolean', default: false },
          started: { type: 'string' },
          drill: { type: 'boolean' },
          'no-deliver': { type: 'boolean', default: false },
        },
        false,
      );
      // With --type, the plan's type gives the category and (unless given) the severity.
      const type = values.type?.trim();
      requireOptions('declare', values, type ? ['title'] : ['title', 'category', 'severity']);
      const category = type && values.category === undefined ? undefined : chosen(values.category, categoryFrom, '--category', categoryChoices());
      const severity = type && values.severity === undefined ? undefined : chosen(values.severity, severityFrom, '--severity', SEVERITIES.join(', '));
      if (values.commander !== undefined && values['no-commander']) throw new UsageError('use --commander PERSON or --no-commander, not both');
      // The declarer commands (and so has acknowledged) unless they say otherwise, or the plan assigns the severity's on-call person (routeCommander).
      const commander = values['no-commander'] ? undefined : values.commander !== undefined ? await personArgument(values.commander, '--commander', store, author, err) : undefined;
      const routed = values['no-commander'] || commander !== undefined ? undefined : { otherwise: author };
      const at = now();
      // When the impact began, if earlier than now (the declaration): absent means "as it was declared".
      const startedAt = values.started === undefined ? undefined : givenTime(values.started, at, '--started');
      const input = {
        title: values.title!,
        category,
        severity,
        ...(type ? { type } : {}),
        ...(commander ? { commander } : {}),
        ...(startedAt && startedAt < at ? { startedAt } : {}),
        ...(values.drill ? { drill: true } : {}),
      };
      const declared = await declareIncidentWithPlan(cliWriter(store), input, { at, author }, routed ? { routeCommander: routed } : {});
      const { incident, tellNow, runbooksLeftOut, deliveries } = declared;
      sayRunbooksLeftOut(runbooksLeftOut);
      out(incident.id);
      sayProposedCommander(declared.proposedCommander, incident.roles.commander, err);
      tellWhoMustBeTold(incident.severity, tellNow);
      await deliverUnlessTold(store, incident.id, deliveries.length, values['no-deliver'], { now, author, err });
    },
  },
  started: {
    summary: 'say when the impact began (time to detect is measured from it; suspects are the deploys before it)',
    usage: `incident started ID TIME   (TIME: ${GIVEN_TIME_FORMS}; at or before the declaration)`,
    async run(args, { store, now, author, out }) {
      const { positionals } = verbArguments(args, {});
      const incident = findIncident(store, positionals[0]);
      if (positionals.length < 2) throw new UsageError(`say when the impact began: incident started ${incident.id} TIME`);
      const at = now();
      const startedAt = givenTime(positionals.slice(1).join(' '), at, 'the time');
      const updated = await store.update(incident.id, (current) => setImpactStart(current, startedAt, { at, author }));
      out(`${updated.id}: impact began ${updated.startedAt}`);
    },
  },
  note: {
    summary: 'add a note, decision, evidence or action to the timeline',
    usage: `incident note ID TEXT [--kind ${NOTE_KINDS.join('|')}]`,
    async run(args, { store, now, author, out }) {
      const { values, positionals } = verbArguments(args, { kind: { type: 'string', default: 'note' } });
      const incident = findIncident(store, positionals[0]);
      const text = positionals.slice(1).join(' ').trim();
      if (!text) throw new UsageError('the note text is required');
      const kind = oneOf(values.kind, NOTE_KINDS, '--kind');
      await store.update(incident.id, (current) => addTimelineEvent(current, { kind, text }, { at: now(), author }));
      out(`Added ${kind} to ${incident.id}`);
    },
  },
  status: {
    summary: 'move an incident to another lifecycle status',
    usage: `incident status ID ${STATUSES.join('|')} [--no-deliver]`,
    async run(args, { store, now, author, out, err }) {
      const { values, positionals } = verbArguments(args, { 'no-deliver': { type: 'boolean', default: false } });
      const incident = findIncident(store, positionals[0]);
      const to = chosen(positionals[1], statusFrom, 'the status', STATUSES.join(', '));
      const { incident: updated, deliveries } = await changeIncident(cliWriter(store), incident.id, (current, ctx) => changeStatus(current, to, ctx), { at: now(), author });
      out(`${updated.id} is ${updated.status}`);
      await deliverUnlessTold(store, updated.id, deliveries.length, values['no-deliver'], { now, author, err });
    },
  },
};
