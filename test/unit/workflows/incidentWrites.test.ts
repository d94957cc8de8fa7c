/**
 * One write path (src/workflows/incidentWrites.ts): declaring (with triage
 * ticks, runbook tasks, whom to tell) and the changes that add runbook tasks
 * are written once, and the editor, the command line and the agent tools all
 * make them there. A spy on the store records the stack of every write, so a
 * caller that wrote around the workflow is caught by name.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { agentTool, callTool } from '../../../src/agent/tools';
import type { AgentWorkspace } from '../../../src/agent/toolKit';
import { changeSeverity } from '../../../src/core/lifecycle/changes';
import type { StoreDocument } from '../../../src/core/record/schema';
import { IncidentStore } from '../../../src/store/incidentStore';
import { planInForce } from '../../../src/store/planFile';
import { changeIncident, declareIncidentWithPlan, type IncidentWriter } from '../../../src/workflows/incidentWrites';
import { workspaceOf } from '../agent/agentRepo';
import { incident } from '../cli/runCli';
import { tempRepo } from '../store/tempRepo';

const PROJECT_ROOT = resolve(__dirname, '..', '..', '..', '..');
const WORKFLOW = /[\\/]src[\\/]workflows[\\/]incidentWrites\.js:/;
const BIG = '.incidents/runbooks/big.md';
const BIG_PROBLEM = `${BIG}:6:7: step 2 is 100001 characters long; a step can be at most 100000: shorten it, and put the detail under another heading`;

/** A repository whose plan names people to tell for SEV1, with a runbook for SEV1 regressions and one no task can hold. */
function repoWithPlan(): string {
  const repo = tempRepo();
  mkdirSync(join(repo, '.incidents', 'runbooks'), { recursive: true });
  const severity = (title: string, notify?: string[]) => ({ title, definition: `${title}.`, ...(notify && { notify }) });
  writeFileSync(
    join(repo, '.incidents', 'plan.json'),
    JSON.stringify({
      version: 1,
      severities: { SEV1: severity('Critical', ['Ana Lima <ana@example.com>', '#exec-oncall']), SEV2: severity('Major'), SEV3: severity('Minor'), SEV4: severity('Low') },
    }),
  );
  writeFileSync(
    join(repo, '.incidents', 'runbooks', 'roll-back.md'),
    '---\ntitle: Roll back\ncategories: [regression]\nseverities: [SEV1]\n---\n## Steps\n- [ ] Find the last good deploy\n- [ ] Roll back to it\n',
  );
  writeFileSync(join(repo, ...BIG.split('/')), `---\ntitle: Big\n---\n## Steps\n- [ ] Fine\n- [ ] ${'x'.repeat(100_001)}\n`);
  return repo;
}

const writerOf = (repo: string): IncidentWriter => ({ store: new IncidentStore(repo), plan: () => planInForce(repo, '.incidents', undefined).plan });
const storeOf = (repo: string) => JSON.parse(readFileSync(join(repo, '.incidents', 'incidents.json'), 'utf8')) as StoreDocument;

/** Everything written on process.stderr while `run` runs: the workflow returns what a person must hear, it prints nothing. */
async function stderrDuring<T>(run: () => Promise<T>): Promise<{ result: T; stderr: string }> {
  const original = process.stderr.write;
  let stderr = '';
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += String(chunk)), true)) as typeof process.stderr.write;
  try {
    return { result: await run(), stderr };
  } finally {
    process.stderr.write = original;
  }
}

/**
 * Every IncidentStore declare and update made while `run` runs, each with the
 * frames that called it (the spy's own frame left out). Prototype methods, so
 * stores made inside the command line and the tools are seen too.
 */
async function storeWritesDuring(run: () => Promise<unknown>): Promise<{ method: 'declare' | 'update'; frames: string[] }[]> {
  const writes: { method: 'declare' | 'update'; frames: string[] }[] = [];
  const originals = { declare: IncidentStore.prototype.declare, update: IncidentStore.prototype.update };
  const previousLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 50;
  for (const method of ['declare', 'update'] as const) {
    const original = originals[method] as (...args: unknown[]) => Promise<unknown>;
    (IncidentStore.prototype as unknown as Record<string, unknown>)[method] = function (this: IncidentStore, ...args: unknown[]) {
      writes.push({ method, frames: (new Error().stack ?? '').split('\n').slice(2) });
      return original.apply(this, args);
    };
  }
  try {
    await run();
  } finally {
    Object.assign(IncidentStore.prototype, originals);
    Error.stackTraceLimit = previousLimit;
  }
  return writes;
}

/** The write was made by the named workflow function, called from a file matching `caller`. */
function assertThroughWorkflow(write: { frames: string[] } | undefined, workflow: string, caller: RegExp, what: string): void {
  assert.ok(write, `${what} wrote to the store`);
  assert.match(write.frames[0] ?? '', new RegExp(`at (async )?${workflow} \\(`), `${what}: the store was written by ${workflow}, not by\n${write.frames.slice(0, 4).join('\n')}`);
  assert.match(write.frames[0], WORKFLOW, `${what}: ${workflow} is the one in src/workflows/incidentWrites.ts`);
  assert.ok(
    write.frames.slice(1).some((frame) => caller.test(frame)),
    `${what}: the workflow was called from ${caller}, frames:\n${write.frames.slice(0, 8).join('\n')}`,
  );
}

describe('the one write workflow (src/workflows/incidentWrites.ts)', function () {
  this.timeout(60_000);

  it('declares with the triage ticks and the runbook tasks that apply, and returns whom to tell and the runbooks left out instead of printing them', async () => {
    const repo = repoWithPlan();
    const writer = writerOf(repo);
    const at = new Date();
    const ctx = { at, author: 'Dana Ortiz <dana@example.com>' };
    const ticks = [{ id: 'unauthorised-access', by: ctx.author, at }];
    const { result: declared, stderr } = await stderrDuring(() =>
      declareIncidentWithPlan(writer, { title: 'Checkout down', category: 'regression', severity: 'SEV1' }, ctx, {
        triage: { plan: planInForce(repo, '.incidents', undefined).plan, ticks },
      }),
    );
    assert.equal(stderr, '', 'nothing printed: each caller says it its own way');
    assert.deepEqual(declared.tellNow, ['Ana Lima <ana@example.com>', '#exec-oncall']);
    assert.deepEqual(declared.runbooksLeftOut, [BIG_PROBLEM]);
    const [stored] = storeOf(repo).incidents;
    assert.deepEqual(
      [stored.id, stored.updatedAt, stored.tasks],
      [declared.incident.id, declared.incident.updatedAt, declared.incident.tasks],
      'what is returned is what was written',
    );
    assert.match(stored.id, /^INC-[0-9A-Z]{8}$/);
    assert.deepEqual(
      stored.tasks?.map((task) => [task.text, task.runbook]),
      [
        ['Find the last good deploy', '.incidents/runbooks/roll-back.md'],
        ['Roll back to it', '.incidents/runbooks/roll-back.md'],
      ],
    );
    assert.equal(stored.triage?.['unauthorised-access']?.checked, true);
    assert.ok(stored.timeline.some((event) => event.kind === 'checklist' && event.data?.triage === 'unauthorised-access'));
    assert.ok(stored.timeline.some((event) => event.kind === 'declared' && event.text === 'Declared SEV1 regression incident: Checkout down'));

    const sev2 = await declareIncidentWithPlan(writer, { title: 'Search slow', category: 'performance', severity: 'SEV2', drill: true }, ctx);
    assert.deepEqual([sev2.tellNow, sev2.incident.tasks ?? [], sev2.incident.drill], [[], [], true], 'nobody to tell for SEV2, no runbook for it, a drill');
  });

  it('draws each id under the store lock: declarations made at once in the same minute all land, each with its own id', async () => {
    const repo = repoWithPlan();
    const ctx = { at: new Date(), author: 'Dana Ortiz <dana@example.com>' };
    const declared = await Promise.all(
      Array.from({ length: 6 }, (_, i) => declareIncidentWithPlan(writerOf(repo), { title: `Outage ${i}`, category: 'performance', severity: 'SEV3' }, ctx)),
    );
    const ids = storeOf(repo).incidents.map((stored) => stored.id);
    assert.equal(ids.length, 6);
    assert.equal(new Set(ids).size, 6);
    assert.deepEqual(new Set(ids), new Set(declared.map((one) => one.incident.id)));
  });

  it('changes an incident, adding the runbook tasks that now apply only when asked, and returns it as it was before', async () => {
    const repo = repoWithPlan();
    const writer = writerOf(repo);
    const ctx = { at: new Date(), author: 'Dana Ortiz <dana@example.com>' };
    const { incident: declared } = await declareIncidentWithPlan(writer, { title: 'Checkout slow', category: 'regression', severity: 'SEV3' }, ctx);
    const plain = await changeIncident(writer, declared.id, (i, c) => changeSeverity(i, 'SEV1', c), ctx);
    assert.deepEqual([plain.before.severity, plain.incident.severity, plain.incident.tasks ?? [], plain.runbooksLeftOut], ['SEV3', 'SEV1', [], []]);
    const { result: withTasks, stderr } = await stderrDuring(() => changeIncident(writer, declared.id, (i, c) => changeSeverity(i, 'SEV1', c), ctx, { runbookTasks: true }));
    assert.equal(stderr, '');
    assert.deepEqual(withTasks.runbooksLeftOut, [BIG_PROBLEM]);
    assert.deepEqual(
      withTasks.incident.tasks?.map((task) => task.text),
      ['Find the last good deploy', 'Roll back to it'],
    );
    assert.deepEqual(storeOf(repo).incidents[0].tasks, withTasks.incident.tasks);
  });
});

describe('one write path: the editor, the command line and the agent tools write through the workflow', function () {
  this.timeout(60_000);

  it('the CLI declare verb, declare --drill and triage --declare declare through declareIncidentWithPlan', async () => {
    const repo = repoWithPlan();
    const runs = [
      { args: ['declare', '--title', 'Checkout down', '--category', 'regression', '--severity', 'SEV1'], caller: /[\\/]src[\\/]cli[\\/]verbs\.js:/ },
      { args: ['declare', '--title', 'Game day', '--category', 'regression', '--severity', 'SEV2', '--drill'], caller: /[\\/]src[\\/]cli[\\/]verbs\.js:/ },
      { args: ['triage', '--tick', 'unauthorised-access', '--declare', 'Admin logins'], caller: /[\\/]src[\\/]cli[\\/]triageVerbs\.js:/ },
    ];
    for (const { args, caller } of runs) {
      let code = -1;
      let stderr = '';
      const writes = await storeWritesDuring(
        async () =>
          void ({
            result: { code },
            stderr,
          } = await stderrDuring(() => incident(repo, ...args))),
      );
      assert.equal(code, 0, args.join(' '));
      // The command line says the runbook left out and whom to tell on stderr, as it always has.
      assert.ok(stderr.split('\n').includes(`incident: warning: ${BIG_PROBLEM}; that runbook was left out ("incident plan check" lists every problem)`), stderr);
      assert.equal(stderr.includes('incident: tell now (SEV1, per the response plan): Ana Lima <ana@example.com>, #exec-oncall\n'), !args.includes('SEV2'), stderr);
      assert.deepEqual(
        writes.map((write) => write.method),
        ['declare'],
        args.join(' '),
      );
      assertThroughWorkflow(writes[0], 'declareIncidentWithPlan', caller, `incident ${args.join(' ')}`);
    }
    const tasks = Object.fromEntries(storeOf(repo).incidents.map((declared) => [declared.title, declared.tasks?.length ?? 0]));
    assert.deepEqual(tasks, { 'Checkout down': 2, 'Game day': 0, 'Admin logins': 0 }, 'the runbook for SEV1 regressions applies to the first');
  });

  it('the agent write tools change through changeIncident, and set severity adds the runbook tasks and says the runbooks left out through the host', async () => {
    const repo = repoWithPlan();
    const { result: declared } = await stderrDuring(() => incident(repo, 'declare', '--title', 'Checkout times out', '--category', 'regression', '--severity', 'SEV2'));
    const id = declared.stdout.trim();
    const leftOut: string[] = [];
    const workspace: AgentWorkspace = {
      ...workspaceOf(repo),
      plan: () => planInForce(repo, '.incidents', undefined).plan,
      sayRunbooksLeftOut: (problems) => leftOut.push(...problems),
    };
    const calls: [string, Record<string, unknown>][] = [
      ['incidents_set_severity', { id, severity: 'SEV1' }],
      ['incidents_add_note', { id, text: 'Rolled back web', kind: 'action' }],
    ];
    for (const [name, input] of calls) {
      const tool = agentTool(name);
      assert.ok(tool);
      const writes = await storeWritesDuring(() => callTool(tool, input, workspace));
      assert.deepEqual(
        writes.map((write) => write.method),
        ['update'],
        name,
      );
      assertThroughWorkflow(writes[0], 'changeIncident', /[\\/]src[\\/]agent[\\/]writeTools\.js:/, name);
    }
    const [stored] = storeOf(repo).incidents;
    assert.equal(stored.severity, 'SEV1');
    assert.deepEqual(
      stored.tasks?.map((task) => task.text),
      ['Find the last good deploy', 'Roll back to it'],
    );
    assert.deepEqual(leftOut, [BIG_PROBLEM]);
  });

  it('IncidentActions (the VS Code commands and panel) declares and updates through the workflow, and nothing else in src declares, adds runbook tasks or works out whom to tell', () => {
    // IncidentActions imports vscode, which a unit test cannot load: its source is read instead.
    const actions = readFileSync(join(PROJECT_ROOT, 'src', 'ui', 'incidentActions.ts'), 'utf8');
    const method = (name: string) => {
      const start = actions.search(new RegExp(`\\n  async ${name}\\(`));
      assert.ok(start > 0, `IncidentActions has ${name}`);
      const end = actions.indexOf('\n  }\n', start);
      return actions.slice(start, end);
    };
    assert.ok(/import \{[^}]*\bdeclareIncidentWithPlan\b[^}]*\} from '\.\.\/workflows\/incidentWrites';/.test(actions), 'IncidentActions imports the workflow');
    assert.match(method('declare'), /\bdeclareIncidentWithPlan\(/, 'IncidentActions.declare calls the workflow');
    assert.match(method('update'), /\bchangeIncident\(/, 'IncidentActions.update calls the workflow');

    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
      );
    const callers = (pattern: RegExp) =>
      sources(join(PROJECT_ROOT, 'src'))
        .filter((file) => pattern.test(readFileSync(file, 'utf8')))
        .map((file) => relative(PROJECT_ROOT, file).split('\\').join('/'))
        .sort();
    // Each is defined in its own module and called from the workflow alone.
    // An alert's incident is declared by the pure intake step, which only the alert workflow runs.
    assert.deepEqual(
      callers(/\bdeclareIncident\(/),
      ['src/core/intake/applyNotification.ts', 'src/core/lifecycle/declare.ts', 'src/workflows/incidentWrites.ts'],
      'who builds a declared incident',
    );
    assert.deepEqual(callers(/\bapplyNotification\(/), ['src/core/intake/applyNotification.ts', 'src/workflows/alertIntake.ts'], 'who applies an alert');
    assert.deepEqual(callers(/\brunbookTaskAdder\(/), ['src/store/planFile.ts', 'src/workflows/alertIntake.ts', 'src/workflows/incidentWrites.ts'], 'who adds runbook tasks');
    assert.deepEqual(callers(/\bmustBeTold\(/), ['src/core/plan/plan.ts', 'src/workflows/incidentWrites.ts'], 'who works out whom to tell');
    assert.deepEqual(callers(/\bstore\.declare\(/), ['src/workflows/incidentWrites.ts'], 'who writes a declaration to the store');
    // IncidentActions.recordDeploy (a method, called as actions.recordDeploy) is the editor's way in to the workflow.
    assert.deepEqual(callers(/(?<![.\w]|async )recordDeploy\(/), ['src/core/lifecycle/deploys.ts', 'src/workflows/incidentWrites.ts'], 'who records a deploy');
    // The merge driver merges files git hands it; everything that merges the store's own conflicted file repairs it through the workflow.
    assert.deepEqual(callers(/\bmergeStoreTexts\(/), ['src/cli/verbs.ts', 'src/store/mergeFiles.ts', 'src/workflows/incidentWrites.ts'], 'who merges store texts');
    assert.deepEqual(callers(/\bconflictStages\(/), ['src/git/mergeDriver.ts', 'src/workflows/incidentWrites.ts'], 'who reads a conflicted store');
  });
});
