/**
 * `incident triage`: "are we having an incident?" before anyone declares. The
 * plan's triage checklist (src/core/plan/triage.ts) asked one question at a time in
 * a terminal, or answered with --tick in scripts. No yes: it says so and
 * writes nothing. Any yes: it suggests a category and severity, and with
 * --declare TITLE (or a title typed at the prompt) declares the incident with
 * the ticks in its timeline.
 */
import { createInterface } from 'node:readline';
import { defaultPlan, triageQuestions, type ResponsePlan } from '../core/plan/plan';
import { SEVERITIES } from '../core/record/recordValues';
import { triageOutcome, unknownTriageIds, type TriageOutcome, type TriageTick } from '../core/plan/triage';
import { categoryChoices, categoryFrom, severityFrom } from '../core/record/vocabulary';
import type { Category, Severity } from '../core/record/schema';
import { terminalText } from '../core/text/terminalText';
import { formatProblem, PlanFileError, readPlanFile } from '../store/planFile';
import { declareIncidentWithPlan } from '../workflows/incidentWrites';
import { UsageError, type CliContext } from './cliContext';
import { stderrLine, stdoutPrompt } from './output';
import { chosen } from './usageHelp';
import { type Verb, verbArguments } from './verbSupport';
import { cliWriter, deliverUnlessTold, sayRunbooksLeftOut, tellWhoMustBeTold } from './planNotices';

/** The plan in force: the file's, or the defaults when there is none or it cannot be used (said on stderr: triage must not wait for a fix). */
function planForTriage(root: string, relativeDir: string, warn: (line: string) => void): ResponsePlan {
  try {
    return readPlanFile(root, relativeDir) ?? defaultPlan();
  } catch (error) {
    if (!(error instanceof PlanFileError)) throw error;
    warn(`incident: warning: ${formatProblem(error.problems[0])}; using the default checklist ("incident plan check" lists every problem)`);
    return defaultPlan();
  }
}

/** Asks each question on the terminal (or stdin with --ask); y or yes ticks it, anything else does not. */
async function askQuestions(plan: ResponsePlan, ask: (prompt: string) => Promise<string>, now: () => Date, author: string): Promise<TriageTick[]> {
  const ticks: TriageTick[] = [];
  let group = '';
  for (const question of triageQuestions(plan)) {
    const heading = question.group !== group ? `${question.group[0].toUpperCase()}${question.group.slice(1)}\n` : '';
    group = question.group;
    const answer = await ask(`${heading}  ${terminalText(question.text, { oneLine: true })} [y/N] `);
    if (/^\s*y(es)?\s*$/i.test(answer)) ticks.push({ id: question.id, by: author, at: now() });
  }
  return ticks;
}

/**
 * A prompt reader over stdin, one answer per line: lines typed ahead (or
 * piped in) wait in a queue for their question. A stdin that ends before the
 * answers does not silently count as "no".
 */
function promptReader(): { ask: (prompt: string) => Promise<string>; close: () => void } {
  const lines = createInterface({ input: process.stdin, terminal: false });
  const queued: string[] = [];
  const waiting: Array<(line: string | undefined) => void> = [];
  let ended = false;
  lines.on('line', (line) => {
    const next = waiting.shift();
    if (next) next(line);
    else queued.push(line);
  });
  lines.on('close', () => {
    ended = true;
    for (const next of waiting.splice(0)) next(undefined);
  });
  return {
    ask: async (prompt) => {
      stdoutPrompt(prompt);
      const answer = queued.length ? queued.shift() : ended ? undefined : await new Promise<string | undefined>((resolve) => waiting.push(resolve));
      if (answer === undefined) throw new UsageError('stdin ended before every question was answered; nothing was recorded');
      if (process.stdin.isTTY !== true) stdoutPrompt('\n');
      return answer;
    },
    close: () => lines.close(),
  };
}

function describeOutcome(outcome: TriageOutcome, out: (line: string) => void): void {
  out(outcome.text);
  for (const question of outcome.ticked) out(`  yes  ${question.group.padEnd(15)} ${question.id}: ${terminalText(question.text, { oneLine: true })}`);
}

/** The command that declares what these ticks suggest, for a person who has not given a title yet. */
const declareHint = (outcome: TriageOutcome) =>
  `declare it: incident triage ${outcome.ticked.map((question) => `--tick ${question.id}`).join(' ')} --declare "TITLE"${outcome.suggestedCategory ? '' : ' --category CATEGORY'}${outcome.suggestedSeverity ? '' : ' --severity SEV1..SEV4'}`;

export const TRIAGE_VERBS: Record<string, Verb> = {
  triage: {
    summary: "are we having an incident? the plan's triage checklist before declaring; any yes proposes one",
    usage:
      'incident triage [--tick ID ...] [--declare TITLE [--category C] [--severity S] [--type T]] [--json]   (asks each question when run in a terminal without --tick)\n' +
      '       incident triage --list   (the questions and their ids)   |   --none (answer no to all)   |   --ask (ask even when stdin is not a terminal)',
    async run(args, { store, now, author, out, err }: CliContext) {
      const { values, positionals } = verbArguments(args, {
        tick: { type: 'string', multiple: true },
        none: { type: 'boolean', default: false },
        list: { type: 'boolean', default: false },
        ask: { type: 'boolean', default: false },
        declare: { type: 'string' },
        category: { type: 'string' },
        severity: { type: 'string' },
        type: { type: 'string' },
        json: { type: 'boolean', default: false },
      });
      if (positionals.length) throw new UsageError(`triage takes no argument "${positionals[0]}"; tick questions with --tick ID`);
      const plan = planForTriage(store.root, store.relativeDir, stderrLine);
      if (values.list) {
        for (const question of triageQuestions(plan)) {
          const suggestion = [question.suggestedSeverity, question.suggestedCategory].filter(Boolean).join(' ');
          out(`${question.id}\t${question.group}\t${suggestion || '-'}\t${terminalText(question.text, { oneLine: true })}`);
        }
        return;
      }
      const given = values.tick ?? [];
      const unknown = unknownTriageIds(plan, given);
      if (unknown.length) throw new UsageError(`--tick ${JSON.stringify(unknown[0])} is not a question of the plan; "incident triage --list" shows their ids`);
      if (given.length && values.none) throw new UsageError('--none answers no to every question; leave it out to tick some');
      const interactive = !given.length && !values.none && (values.ask || (process.stdin.isTTY === true && !values.json));
      const prompt = interactive ? promptReader() : undefined;
      try {
        const ticks = prompt ? await askQuestions(plan, prompt.ask, now, author) : given.map((id) => ({ id, by: author, at: now() }));
        const outcome = triageOutcome(
          plan,
          ticks.map((tick) => tick.id),
        );
        let title = values.declare?.trim();
        if (outcome.isIncident && !title && prompt) title = (await prompt.ask('Title to declare it now (empty: do not declare): ')).trim();
        let declared: string | undefined;
        if (outcome.isIncident && title) {
          // A type (given, or suggested by a ticked question) decides the category, and the severity when the ticks suggest none.
          const type = values.type?.trim() || outcome.suggestedType;
          const givenCategory = values.category ? chosen(values.category, categoryFrom, '--category', categoryChoices()) : undefined;
          const category: Category | undefined = givenCategory ?? (type ? undefined : outcome.suggestedCategory);
          const severity: Severity | undefined = values.severity ? chosen(values.severity, severityFrom, '--severity', SEVERITIES.join(', ')) : outcome.suggestedSeverity;
          if (!category && !type) throw new UsageError(`the ticked questions suggest no category; add --category (${categoryChoices()}); nothing was declared`);
          if (!severity && !type) throw new UsageError(`the ticked questions suggest no severity; add --severity (${SEVERITIES.join(', ')}); nothing was declared`);
          const { incident, tellNow, runbooksLeftOut, deliveries } = await declareIncidentWithPlan(
            cliWriter(store),
            // As `incident declare`: whoever declares commands it (acknowledged), and the channels it notifies hear of it.
            { title, category, severity, commander: author, ...(type ? { type } : {}) },
            { at: now(), author },
            { triage: { plan, ticks } },
          );
          sayRunbooksLeftOut(runbooksLeftOut);
          declared = incident.id;
          tellWhoMustBeTold(incident.severity, tellNow);
          await deliverUnlessTold(store, incident.id, deliveries.length, false, { now, author, err });
        }
        if (values.json) {
          out(
            JSON.stringify({
              incident: outcome.isIncident,
              ticked: outcome.ticked.map(({ id, group, text }) => ({ id, group, text })),
              suggested: {
                category: outcome.suggestedCategory ?? null,
                severity: outcome.suggestedSeverity ?? null,
                ...(outcome.suggestedType ? { type: outcome.suggestedType } : {}),
              },
              declared: declared ?? null,
              text: outcome.text,
            }),
          );
          return;
        }
        describeOutcome(outcome, out);
        if (outcome.isIncident && plan.reporting) out(`Reporting, per the response plan: ${terminalText(plan.reporting, { oneLine: true })}`);
        if (declared) out(`Declared ${declared}`);
        else if (outcome.isIncident) out(declareHint(outcome));
      } finally {
        prompt?.close();
      }
    },
  },
};
