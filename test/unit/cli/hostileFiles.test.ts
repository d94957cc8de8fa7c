/**
 * Files a teammate committed that the product cannot use (a runbook step
 * longer than a task holds, JSON nested thousands deep): the real command line
 * says where and what is wrong, and every other verb keeps working.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { StoreDocument } from '../../../src/core/record/schema';
import { tempRepo } from '../store/tempRepo';

const CLI = join(resolve(__dirname, '..', '..', '..', '..'), 'dist', 'cli.js');

function cli(repo: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: repo, encoding: 'utf8', env: { ...process.env, INCIDENT_DEBUG: '' } });
  return { code: result.status, stdout: result.stdout.trimEnd(), stderr: result.stderr.trimEnd() };
}

const readStore = (repo: string) => JSON.parse(readFileSync(join(repo, '.incidents', 'incidents.json'), 'utf8')) as StoreDocument;

describe('a runbook with a step longer than a task can hold', () => {
  const BIG = '.incidents/runbooks/big.md';
  const WARNING = `incident: warning: ${BIG}:6:7: step 2 is 100001 characters long; a step can be at most 100000: shorten it, and put the detail under another heading; that runbook was left out ("incident plan check" lists every problem)`;

  /** The starter plan and its sample runbook (five steps for regression SEV1), and a runbook for every incident with one step too long. */
  function repoWithBigRunbook(): string {
    const repo = tempRepo();
    assert.equal(cli(repo, 'plan', 'init').code, 0);
    writeFileSync(join(repo, ...BIG.split('/')), `---\ntitle: Big\n---\n## Steps\n- [ ] Fine\n- [ ] ${'x'.repeat(100_001)}\n`);
    return repo;
  }

  it('is reported by plan check with its file, line and what to do (exit 1)', () => {
    const check = cli(repoWithBigRunbook(), 'plan', 'check');
    assert.equal(check.code, 1);
    assert.equal(check.stdout, `${BIG}:6:7: step 2 is 100001 characters long; a step can be at most 100000: shorten it, and put the detail under another heading`);
    assert.equal(check.stderr, 'incident: plan check: 1 problem(s); fix them and run "incident plan check" again');
  });

  it('is left out with a warning when declaring, a drill or from triage, and the other runbooks still apply', () => {
    const repo = repoWithBigRunbook();
    const runs = [
      ['declare', '--title', 'Checkout down', '--category', 'regression', '--severity', 'SEV1'],
      ['declare', '--title', 'Practice', '--category', 'regression', '--severity', 'SEV2', '--drill'],
      ['triage', '--tick', 'performance-degraded', '--declare', 'Checkout slow', '--severity', 'SEV1'],
    ];
    for (const args of runs) {
      const result = cli(repo, ...args);
      assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr.slice(0, 300)}`);
      assert.ok(result.stderr.split('\n').includes(WARNING), result.stderr.slice(0, 300));
      assert.doesNotMatch(result.stderr, /'s 0's/);
    }
    const incidents = readStore(repo).incidents;
    assert.equal(incidents.length, 3);
    for (const declared of incidents) {
      assert.equal(declared.tasks?.length, 5, "the sample runbook's five steps");
      assert.ok(declared.tasks?.every((task) => task.runbook === '.incidents/runbooks/roll-back-a-bad-deploy.md'));
    }
  });
});

describe('JSON nested thousands deep', () => {
  const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
  const PLAN_PROBLEM = '.incidents/plan.json:1:257: arrays and objects are nested more than 256 deep here; a plan needs a few levels: remove this value';

  it('in plan.json (10,000 arrays, 20 KB): plan check says where, and every other verb works on the defaults with a warning', () => {
    const repo = tempRepo();
    assert.equal(cli(repo, 'declare', '--title', 'Checkout down', '--category', 'regression', '--severity', 'SEV1').code, 0);
    writeFileSync(join(repo, '.incidents', 'plan.json'), nested(10_000));
    const check = cli(repo, 'plan', 'check');
    assert.deepEqual([check.code, check.stdout], [1, PLAN_PROBLEM]);
    const runs = [
      ['list'],
      ['metrics'],
      ['declare', '--title', 'Search slow', '--category', 'performance', '--severity', 'SEV2'],
      ['triage', '--tick', 'performance-degraded', '--declare', 'Checkout slow'],
    ];
    for (const args of runs) {
      const result = cli(repo, ...args);
      assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
      assert.doesNotMatch(result.stderr, /call stack/i);
      assert.ok(result.stderr.startsWith(`incident: warning: ${PLAN_PROBLEM}; `), `${args[0]} warns: ${result.stderr}`);
    }
    assert.equal(readStore(repo).incidents.length, 3);
  });

  it('in the store (an unknown field 50,000 deep): reading and writing stop with exit 2, where and what to do, and the file is never rewritten', () => {
    const repo = tempRepo();
    assert.equal(cli(repo, 'declare', '--title', 'Checkout down', '--category', 'regression', '--severity', 'SEV1').code, 0);
    const [{ id }] = readStore(repo).incidents;
    const file = join(repo, '.incidents', 'incidents.json');
    const text = readFileSync(file, 'utf8').replace('"title": ', `"fromLater": ${nested(50_000)},\n      "title": `);
    writeFileSync(file, text);
    const line = text.slice(0, text.indexOf('"fromLater"')).split('\n').length;
    for (const args of [['list'], ['show', id], ['note', id, 'Rolled back'], ['declare', '--title', 'Search slow', '--category', 'performance', '--severity', 'SEV2']]) {
      const result = cli(repo, ...args);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(
        result.stderr,
        new RegExp(`^incident: \\S*incidents\\.json: arrays and objects are nested more than 256 deep at line ${line}, column ${6 + 13 + 254}\\. Remove `),
      );
      assert.equal(readFileSync(file, 'utf8'), text, `${args[0]} leaves the file as it was`);
    }
  });
});
