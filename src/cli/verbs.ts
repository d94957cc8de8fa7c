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
import { changeIncident, declareIncidentWithPlan, recordDeployment, repairConflictedStore } from '../workflows/incidentWrites';
import { planOf } from './incidentLines';
import { stderrLine } from './output';
import { cliWriter, sayRunbooksLeftOut, tellWhoMustBeTold } from './planNotices';
import { chosen, requireOptions } from './usageHelp';
import { findIncident, loaded, oneOf, resolveOrExplain, type Verb, verbArguments } from './verbSupport';

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
    summary: 'record a deploy (for CI pipelines), optionally for incidents',
    usage: `incident deploy --env ENV --ref SHA|TAG [--incident ID ...] [--status ${DEPLOY_STATUSES.join('|')}]`,
    async run(args, { store, now, author, out }) {
      const { values } = verbArguments(
        args,
        { env: { type: 'string' }, ref: { type: 'string' }, incident: { type: 'string', multiple: true }, status: { type: 'string', default: 'succeeded' } },
        false,
      );
      requireOptions('deploy', values, ['env', 'ref']);
      const status = oneOf(values.status, DEPLOY_STATUSES, '--status');
      const commit = await resolveOrExplain(store.root, values.ref!);
      const incidentIds = (values.incident ?? []).map((id) => findIncident(store, id).id);
      const deploy = await recordDeployment(store, { environment: values.env!.trim(), ref: values.ref!.trim(), sha: commit.sha, status, incidentIds }, { at: now(), author });
      out(`Recorded deploy ${deploy.id}: ${values.ref} (${commit.sha.slice(0, 8)}) to ${values.env} ${status}`);
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
      "incident declare --title TEXT --category regression|security|performance (or bug, breach, perf) --severity SEV1..SEV4 [--commander NAME] [--drill] [--no-deliver]   (or --type TYPE, one of the plan's types: it gives the category, and the severity unless --severity is given)",
    async run(args, { store, now, author, out, err }) {
      const { values } = verbArguments(
        args,
        {
          title: { type: 'string' },
          category: { type: 'string' },
          severity: { type: 'string' },
          type: { type: 'string' },
          commander: { type: 'string' },
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
      const input = {
        title: values.title!,
        category,
        severity,
        ...(type ? { type } : {}),
        ...(values.commander ? { commander: values.commander } : {}),
        ...(values.drill ? { drill: true } : {}),
      };
      const { addDeliveries } = await import('../workflows/delivery/deliveryTargets');
      const { machineId } = await import('../workflows/delivery/machineId');
      const then = addDeliveries(
        'declared',
        () => planOf(store),
        () => machineId(),
      );
      const { incident, tellNow, runbooksLeftOut } = await declareIncidentWithPlan(cliWriter(store), input, { at: now(), author }, { then });
      sayRunbooksLeftOut(runbooksLeftOut);
      out(incident.id);
      tellWhoMustBeTold(incident.severity, tellNow);
      if (incident.deliveries?.length && !values['no-deliver']) await (await import('./deliveryRuns')).deliverAfterWrite(store, incident.id, now, author, err ?? stderrLine);
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
      const { addDeliveries, statusEvent } = await import('../workflows/delivery/deliveryTargets');
      const { machineId } = await import('../workflows/delivery/machineId');
      const event = statusEvent(to);
      const deliveries = event
        ? addDeliveries(
            event,
            () => planOf(store),
            () => machineId(),
          )
        : undefined;
      const { incident: updated, before } = await changeIncident(
        cliWriter(store),
        incident.id,
        (current, ctx) => {
          const changed = changeStatus(current, to, ctx);
          return deliveries && changed.status !== current.status ? deliveries(changed, ctx) : changed;
        },
        { at: now(), author },
      );
      out(`${updated.id} is ${updated.status}`);
      const added = (updated.deliveries?.length ?? 0) > (before.deliveries?.length ?? 0);
      if (added && !values['no-deliver']) await (await import('./deliveryRuns')).deliverAfterWrite(store, updated.id, now, author, err ?? stderrLine);
    },
  },
};
