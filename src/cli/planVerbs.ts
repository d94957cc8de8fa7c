/**
 * `incident plan init` and `incident plan check`: the team's response plan
 * (src/core/plan/plan.ts) and its runbooks. A reading verb as far as the store is
 * concerned: init writes new files beside it and never the store itself.
 */
import { lstatSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { defaultPlan, effectivePlan, starterPlan, triageQuestions, type ResponsePlan } from '../core/plan/plan';
import { checkRepositoryPath, makeFolder, writeFailure } from '../store/repositoryFiles';
import { intakeCheckProblems } from '../store/intakePlanCheck';
import { oncallCheckLines } from '../store/oncallPlanCheck';
import { planSecretCheckProblems } from '../store/planSecretCheck';
import { formatProblem, PlanFileError, planRelativePath, readPlanFile, readRunbooks, type PlanProblem } from '../store/planFile';
import { UsageError, type ReadContext } from './cliContext';
import { type ReadingVerb, verbArguments } from './verbSupport';

const DAY_MS = 24 * 60 * 60 * 1000;
const SAMPLE_RUNBOOK = 'roll-back-a-bad-deploy.md';

const SAMPLE_RUNBOOK_TEXT = `---
title: Roll back a bad deploy
categories: [regression, performance]
severities: [SEV1, SEV2]
---
# Roll back a bad deploy

Use this when a release made things worse and going back is safe.
Its steps become the incident's tasks.

## Steps
- [ ] Freeze deploys and say so in the incident channel
- [ ] Find the last good release (\`incident suspects\` lists the commits since)
- [ ] Roll back to it and record the deploy (\`incident deploy\`)
- [ ] Watch the error rate and latency for fifteen minutes
- [ ] Post an update with when the next one comes

## Notes
Anything the team learns here goes into the retrospective.
`;

const exists = (path: string) => {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
};

/** Creates `relativePath` with `text`; fails rather than replace anything there (also when it appears meanwhile). */
function writeNewFile(root: string, relativePath: string, text: string): void {
  checkRepositoryPath(root, relativePath);
  const path = join(root, ...relativePath.split('/'));
  makeFolder(dirname(path));
  try {
    writeFileSync(path, text, { flag: 'wx' });
  } catch (error) {
    throw writeFailure(path, error);
  }
}

function planInit({ store, out }: ReadContext): void {
  const planPath = planRelativePath(store.relativeDir);
  const runbookFolder = store.relativeDir === '.' ? 'runbooks' : `${store.relativeDir}/runbooks`;
  const runbookPath = `${runbookFolder}/${SAMPLE_RUNBOOK}`;
  const taken = [planPath, runbookPath].filter((path) => exists(join(store.root, ...path.split('/'))));
  if (taken.length) {
    throw new UsageError(
      `${taken.join(' and ')} already exist${taken.length === 1 ? 's' : ''}; nothing was written. Edit the plan and run "incident plan check", or move the file${taken.length === 1 ? '' : 's'} aside and run "incident plan init" again`,
    );
  }
  const read = store.read();
  // A store whose policy cannot be read must not get a plan with the built-in SLA, which would then override that policy.
  if (read.kind === 'unusable') throw read.error;
  const policy = read.kind === 'loaded' ? read.document.policy : undefined;
  const plan: ResponsePlan = { ...starterPlan(policy), runbooks: { ...starterPlan(policy).runbooks, folder: runbookFolder } };
  writeNewFile(store.root, planPath, `${JSON.stringify(plan, null, 2)}\n`);
  writeNewFile(store.root, runbookPath, SAMPLE_RUNBOOK_TEXT);
  out(`Wrote ${planPath}${policy ? ' (its "sla" is the store\'s policy, which it now replaces)' : ''} and the sample runbook ${runbookPath}.`);
  out('Make them your team\'s, then run "incident plan check" (in CI too) and commit them.');
}

/** When each runbook was last edited: its last commit, or the file's own time when git does not track it. */
async function lastEdits(root: string, folder: string, files: readonly string[]): Promise<Map<string, Date>> {
  const [{ GitCommand }, { lastCommitDates }] = await Promise.all([import('../git/gitCommand'), import('../git/fileDates')]);
  const committed = await lastCommitDates(new GitCommand(root), folder);
  return new Map(files.map((file) => [file, committed.get(file) ?? statSync(join(root, ...file.split('/'))).mtime]));
}

async function planCheck({ store, now, out }: ReadContext, strict: boolean): Promise<void> {
  const planPath = planRelativePath(store.relativeDir);
  const problems: PlanProblem[] = [];
  let plan: ResponsePlan | undefined;
  try {
    plan = readPlanFile(store.root, store.relativeDir);
  } catch (error) {
    if (!(error instanceof PlanFileError)) throw error;
    problems.push(...error.problems);
  }
  if (!plan && !problems.length) out(`No ${planPath}: checking the defaults the product uses ("incident plan init" writes them out).`);
  const effective = plan ?? defaultPlan();
  const read = readRunbooks(store.root, effective);
  const { runbooks } = read;
  problems.push(...read.problems);
  if (plan) problems.push(...intakeCheckProblems(store.root, store.relativeDir, plan, read));
  // A secret URL is refused wherever it is, valid plan or not; once per place (the schema may have refused a delivery's URL there already).
  const placed = new Set(problems.map((problem) => `${problem.file}:${problem.line}:${problem.column}`));
  problems.push(...planSecretCheckProblems(store.root, store.relativeDir).filter((problem) => !placed.has(`${problem.file}:${problem.line}:${problem.column}`)));
  const edited = await lastEdits(
    store.root,
    effective.runbooks.folder,
    runbooks.map((runbook) => runbook.file),
  );
  const limit = effective.runbooks.reviewEveryDays;
  const stale = runbooks.flatMap((runbook) => {
    const days = Math.floor((now().getTime() - (edited.get(runbook.file) as Date).getTime()) / DAY_MS);
    return days > limit ? [`${runbook.file}:1:1: warning: not edited for ${days} days; the plan asks for a review every ${limit} days`] : [];
  });
  // The rotations' time zone falls back on the SLA in force, which may still be the store's policy.
  const stored = plan?.oncall ? store.read() : undefined;
  const oncall = plan ? oncallCheckLines(store.root, store.relativeDir, effectivePlan(plan, stored?.kind === 'loaded' ? stored.document.policy : undefined), now()) : [];
  problems.forEach((problem) => out(formatProblem(problem)));
  stale.forEach((line) => out(line));
  oncall.forEach((line) => out(line));
  if (problems.length) throw new UsageError(`plan check: ${problems.length} problem(s); fix them and run "incident plan check" again`);
  if (strict && stale.length) throw new UsageError(`plan check --strict: ${stale.length} runbook(s) overdue for review; edit and commit them`);
  if (strict && oncall.length) throw new UsageError(`plan check --strict: ${oncall.length} on-call warning(s); fix the rotations`);
  const rules = effective.intake ? `, ${effective.intake.rules.length} intake rules` : '';
  const delivered = effective.channels.filter((channel) => channel.delivery).length;
  const types = effective.types ? `, ${effective.types.length} incident types` : '';
  const rotations = effective.oncall?.rotations.length ? `, ${effective.oncall.rotations.length} on-call rotations` : '';
  out(`plan OK: ${triageQuestions(effective).length} questions, ${runbooks.length} runbooks${rules}${types}${rotations}${delivered ? `, ${delivered} channels delivered` : ''}`);
}

export const PLAN_VERBS: Record<string, ReadingVerb> = {
  plan: {
    summary: "the team's response plan (.incidents/plan.json) and runbooks: write a starter, or check them (for CI)",
    usage: 'incident plan init   |   incident plan check [--strict]   (--strict: a runbook overdue for review, or an on-call warning, fails too)',
    readsOnly: true,
    async run(args, context) {
      const { values, positionals } = verbArguments(args, { strict: { type: 'boolean', default: false } });
      const [mode, extra] = positionals;
      if (extra !== undefined) throw new UsageError(`plan ${mode} takes no argument "${extra}"`);
      if (mode === 'init' && values.strict) throw new UsageError('--strict goes with "incident plan check"');
      if (mode === 'init') return planInit(context);
      if (mode === 'check') return planCheck(context, values.strict);
      throw new UsageError('use "incident plan init" or "incident plan check [--strict]"');
    },
  },
};
