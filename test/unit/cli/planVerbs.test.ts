import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { planSchema } from '../../../src/core/plan/plan';
import { tempRepo } from '../store/tempRepo';
import { incident } from './runCli';

const DAY_MS = 24 * 60 * 60 * 1000;
const CLI = join(resolve(__dirname, '..', '..', '..', '..'), 'dist', 'cli.js');

function commitAll(repo: string, when: Date): void {
  const env = { ...process.env, GIT_AUTHOR_DATE: when.toISOString(), GIT_COMMITTER_DATE: when.toISOString() };
  execFileSync('git', ['add', '-A'], { cwd: repo });
  execFileSync('git', ['commit', '--quiet', '-m', 'plan'], { cwd: repo, env });
}

describe('incident plan init and incident plan check', () => {
  it('init writes a starter plan and a sample runbook that check then accepts', async () => {
    const repo = tempRepo();
    const init = await incident(repo, 'plan', 'init');
    assert.equal(init.code, 0, init.stderr);
    assert.match(init.stdout, /^Wrote \.incidents\/plan\.json and the sample runbook \.incidents\/runbooks\/roll-back-a-bad-deploy\.md\./);
    const plan = planSchema.parse(JSON.parse(readFileSync(join(repo, '.incidents', 'plan.json'), 'utf8')));
    assert.equal(plan.sla?.targets.SEV1?.response, '15m', 'the SLA is spelled out to edit');
    const check = await incident(repo, 'plan', 'check');
    assert.deepEqual([check.code, check.stdout, check.stderr], [0, 'plan OK: 15 questions, 1 runbooks', '']);
  });

  it('init moves an existing store policy into the plan, and refuses to overwrite anything (exit 1, files unchanged)', async () => {
    const repo = tempRepo();
    mkdirSync(join(repo, '.incidents'));
    const policy = { timeZone: 'Europe/Berlin', targets: { SEV1: { response: '5m', resolution: '2h' } } };
    writeFileSync(join(repo, '.incidents', 'incidents.json'), JSON.stringify({ version: 2, policy, incidents: [], deploys: [] }));
    assert.equal((await incident(repo, 'plan', 'init')).code, 0);
    const written = readFileSync(join(repo, '.incidents', 'plan.json'), 'utf8');
    assert.equal(JSON.parse(written).sla.timeZone, 'Europe/Berlin');
    assert.deepEqual(JSON.parse(written).sla.targets.SEV1, policy.targets.SEV1);
    writeFileSync(join(repo, '.incidents', 'plan.json'), '{ "version": 1 }');
    const again = await incident(repo, 'plan', 'init');
    assert.equal(again.code, 1);
    assert.match(again.stderr, /\.incidents\/plan\.json and \.incidents\/runbooks\/roll-back-a-bad-deploy\.md already exist; nothing was written/);
    assert.equal(readFileSync(join(repo, '.incidents', 'plan.json'), 'utf8'), '{ "version": 1 }');
    assert.equal((await incident(repo, 'plan', 'init', '--force')).code, 1, 'there is no --force');
  });

  it('init writes nothing over a store it cannot read, whose policy it would otherwise replace by the defaults (exit 2)', async () => {
    const repo = tempRepo();
    mkdirSync(join(repo, '.incidents'));
    writeFileSync(join(repo, '.incidents', 'incidents.json'), '{ "version": 2, "policy": {');
    const init = await incident(repo, 'plan', 'init');
    assert.equal(init.code, 2);
    assert.match(init.stderr, /not valid JSON/);
    assert.equal(existsSync(join(repo, '.incidents', 'plan.json')), false);
  });

  it('check with no plan file checks the defaults; a bad plan or runbook exits 1 with file:line:column lines', async () => {
    const repo = tempRepo();
    const defaults = await incident(repo, 'plan', 'check');
    assert.equal(defaults.code, 0);
    assert.match(defaults.stdout, /^No \.incidents\/plan\.json: checking the defaults.*\nplan OK: 15 questions, 0 runbooks$/);
    mkdirSync(join(repo, '.incidents', 'runbooks'), { recursive: true });
    writeFileSync(join(repo, '.incidents', 'plan.json'), '{\n  "version": 1,\n  "runbooks": { "reviewEveryDays": 0 }\n}\n');
    writeFileSync(join(repo, '.incidents', 'runbooks', 'db.md'), '---\ntitle: Database\nseverities: [SEV5]\n---\n- step\n');
    const bad = await incident(repo, 'plan', 'check');
    assert.equal(bad.code, 1);
    assert.deepEqual(bad.stdout.split('\n'), [
      '.incidents/plan.json:3:36: runbooks.reviewEveryDays must be at least 1 (got 0)',
      '.incidents/runbooks/db.md:3:13: "SEV5" is not a severity; use SEV1, SEV2, SEV3, SEV4',
    ]);
    assert.match(bad.stderr, /plan check: 2 problem\(s\)/);
  });

  it('checks the intake rules: a refused pattern makes the plan unusable, a placeholder, category or runbook that is wrong fails the check; right rules pass', async () => {
    const repo = tempRepo();
    assert.equal((await incident(repo, 'plan', 'init')).code, 0);
    const planPath = join(repo, '.incidents', 'plan.json');
    const plan = JSON.parse(readFileSync(planPath, 'utf8'));
    const withRules = (rules: unknown[]) =>
      writeFileSync(
        planPath,
        JSON.stringify({ ...plan, categories: plan.categories.filter((category: { id: string }) => category.id !== 'security'), intake: { rules } }, null, 2),
      );
    withRules([{ name: 'nested', match: { 'labels.service': { pattern: '(a+)+' } } }]);
    const unsafe = await incident(repo, 'plan', 'check');
    assert.equal(unsafe.code, 1);
    assert.match(unsafe.stdout, /^\.incidents\/plan\.json:\d+:\d+: intake\.rules\[0\]\.match\.labels\.service\.pattern is refused: a repeated group that itself repeats/);
    withRules([{ name: 'wrong', title: '{{label.service}} down', category: 'security', runbooks: ['roll-back-a-bad-deploy.md', 'missing.md'] }]);
    const wrong = await incident(repo, 'plan', 'check');
    assert.equal(wrong.code, 1);
    assert.deepEqual(
      wrong.stdout.split('\n').map((line) => line.replace(/:\d+:\d+:/, ':L:C:')),
      [
        '.incidents/plan.json:L:C: intake.rules[0].title: {{label.service}} is not a placeholder an alert can fill, so it renders as nothing; use {{labels.<name>}}, {{annotations.<name>}}, {{fields.<name>}} or {{source}}',
        `.incidents/plan.json:L:C: intake.rules[0].category: "security" is not one of the plan's categories (regression, performance)`,
        '.incidents/plan.json:L:C: intake.rules[0].runbooks[1]: .incidents/runbooks/missing.md does not exist; name a *.md file in the runbook folder (.incidents/runbooks)',
      ],
    );
    assert.match(wrong.stderr, /plan check: 3 problem\(s\)/);
    withRules([
      { name: 'payments', match: { 'labels.service': 'payments' }, severity: 'SEV1', title: '{{labels.alertname}} on {{labels.service}}', runbooks: ['roll-back-a-bad-deploy.md'] },
      { name: 'rest' },
    ]);
    const right = await incident(repo, 'plan', 'check');
    assert.deepEqual([right.code, right.stdout, right.stderr], [0, 'plan OK: 15 questions, 1 runbooks, 2 intake rules', '']);
  });

  it('warns about a runbook not edited for longer than the plan says (its last commit, or its file time when untracked); --strict fails on it', async () => {
    const repo = tempRepo();
    assert.equal((await incident(repo, 'plan', 'init')).code, 0);
    const plan = JSON.parse(readFileSync(join(repo, '.incidents', 'plan.json'), 'utf8'));
    plan.runbooks.reviewEveryDays = 30;
    writeFileSync(join(repo, '.incidents', 'plan.json'), JSON.stringify(plan, null, 2));
    commitAll(repo, new Date(Date.now() - 40 * DAY_MS));
    const stale = await incident(repo, 'plan', 'check');
    assert.equal(stale.code, 0, stale.stderr);
    assert.deepEqual(stale.stdout.split('\n'), [
      '.incidents/runbooks/roll-back-a-bad-deploy.md:1:1: warning: not edited for 40 days; the plan asks for a review every 30 days',
      'plan OK: 15 questions, 1 runbooks',
    ]);
    const strict = await incident(repo, 'plan', 'check', '--strict');
    assert.equal(strict.code, 1);
    assert.match(strict.stderr, /1 runbook\(s\) overdue for review/);

    const untracked = join(repo, '.incidents', 'runbooks', 'fresh.md');
    writeFileSync(untracked, '---\ntitle: Fresh\n---\n- step\n');
    const old = new Date(Date.now() - 31 * DAY_MS);
    utimesSync(untracked, old, old);
    const both = await incident(repo, 'plan', 'check');
    assert.match(both.stdout, /^\.incidents\/runbooks\/fresh\.md:1:1: warning: not edited for 31 days/m);
    commitAll(repo, new Date());
    const fresh = await incident(repo, 'plan', 'check');
    assert.doesNotMatch(fresh.stdout, /fresh\.md/, 'once committed, the commit date counts');
  });

  it('refuses a plan.json that links outside the repository (exit 1), and wrong usage', async () => {
    const repo = tempRepo();
    const elsewhere = tempRepo();
    writeFileSync(join(elsewhere, 'plan.json'), '{ "version": 1 }');
    mkdirSync(join(repo, '.incidents'));
    execFileSync('ln', ['-s', join(elsewhere, 'plan.json'), join(repo, '.incidents', 'plan.json')]);
    const check = await incident(repo, 'plan', 'check');
    assert.equal(check.code, 1);
    assert.match(check.stdout, /^\.incidents\/plan\.json:1:1: \.incidents\/plan\.json is a symbolic link/);
    const init = await incident(repo, 'plan', 'init');
    assert.equal(init.code, 1, 'a link counts as an existing file');
    assert.equal((await incident(repo, 'plan')).code, 1);
    assert.match((await incident(repo, 'plan', 'list')).stderr, /use "incident plan init" or "incident plan check \[--strict\]"/);
    assert.match((await incident(repo, 'plan', 'init', '--strict')).stderr, /--strict goes with "incident plan check"/);
  });
});

describe('the plan in force: its SLA is what the clocks use', () => {
  const declareSev1 = async (repo: string) => {
    const declared = await incident(repo, 'declare', '--title', 'Checkout down', '--category', 'regression', '--severity', 'SEV1', '--no-commander');
    assert.equal(declared.code, 0, declared.stderr);
  };
  const clockOf = async (repo: string) => (await incident(repo, 'list')).stdout.match(/response (?:due in|overdue) [^ ]+( [0-9]+m)?/)?.[0];

  it("reads the plan's sla over the store's old policy, and the store's policy when the plan has none", async () => {
    const repo = tempRepo();
    await declareSev1(repo);
    assert.match((await clockOf(repo)) ?? '', /^response due in 1[45]m$/, 'the built-in 15 minutes');
    const store = JSON.parse(readFileSync(join(repo, '.incidents', 'incidents.json'), 'utf8'));
    writeFileSync(
      join(repo, '.incidents', 'incidents.json'),
      JSON.stringify({ ...store, policy: { timeZone: 'UTC', targets: { SEV1: { response: '45m', resolution: '4h' } } } }, null, 2),
    );
    assert.match((await clockOf(repo)) ?? '', /^response due in 4[45]m$/, "the store's policy, with no plan");
    writeFileSync(join(repo, '.incidents', 'plan.json'), JSON.stringify({ version: 1, sla: { timeZone: 'UTC', targets: { SEV1: { response: '3h', resolution: '8h' } } } }));
    assert.match((await clockOf(repo)) ?? '', /^response due in 2h 5[89]m$/, "the plan's sla wins");
    writeFileSync(join(repo, '.incidents', 'plan.json'), JSON.stringify({ version: 1 }));
    assert.match((await clockOf(repo)) ?? '', /^response due in 4[45]m$/, "a plan without sla: the store's policy again");
  });

  it('keeps working on the rest when the plan file cannot be used', () => {
    const repo = tempRepo();
    execFileSync(process.execPath, [CLI, 'declare', '--title', 'Checkout down', '--category', 'regression', '--severity', 'SEV1', '--no-commander'], { cwd: repo });
    writeFileSync(join(repo, '.incidents', 'plan.json'), '{ "version": 1, "sla": { "targets": 3 } }');
    const result = spawnSync(process.execPath, [CLI, 'list'], { cwd: repo, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /response due in 1[45]m/);
    assert.match(
      result.stderr,
      /^incident: warning: \.incidents\/plan\.json:1:\d+: .*; the response plan cannot be used, so the defaults apply \("incident plan check" lists every problem\)$/m,
    );
  });
});
