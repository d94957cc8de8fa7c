import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { declareIncident } from '../../../src/core/lifecycle/declare';
import { IncidentStore } from '../../../src/store/incidentStore';
import { tempRepo } from '../store/tempRepo';
import { incident } from './runCli';

const PROJECT_ROOT = resolve(__dirname, '..', '..', '..', '..');
const show = async (repo: string, id: string) => JSON.parse((await incident(repo, 'show', id, '--json')).stdout);
const oneLine = (result: { code: number; stderr: string }) => {
  assert.equal(result.code, 1, result.stderr);
  assert.equal(result.stderr.split('\n').length, 1, result.stderr);
  return result.stderr;
};

describe('incident CLI for a new user', () => {
  it('says what is wrong with a refused value in words, not as a schema path', async () => {
    const repo = tempRepo();
    const id = (await incident(repo, 'declare', '--title', 'x', '--category', 'regression', '--severity', 'SEV2')).stdout;
    await incident(repo, 'action', 'add', id, 'First');
    const refused = oneLine(await incident(repo, 'action', 'add', id, 'Second', '--due', '2026-02-30'));
    assert.equal(refused, "incident: action item 2's due date must be a date like 2026-12-31; nothing was changed");
    assert.match(
      oneLine(await incident(repo, 'declare', '--title', 'x'.repeat(501), '--category', 'bug', '--severity', 'SEV1')),
      /^incident: the title must be at most 500 characters; nothing was changed$/,
    );
  });

  it('writes a timeline event when an action item is done', async () => {
    const repo = tempRepo();
    const id = (await incident(repo, 'declare', '--title', 'Disk full', '--category', 'performance', '--severity', 'SEV2')).stdout;
    const actionId = (await incident(repo, 'action', 'add', id, 'Alert at 80%')).stdout;
    assert.equal((await incident(repo, 'action', 'done', id, actionId)).code, 0);
    const last = (await show(repo, id)).timeline.at(-1);
    assert.equal(last.kind, 'action');
    assert.equal(last.text, 'Action item done: Alert at 80%');
    assert.deepEqual(last.data, { actionItemId: actionId, status: 'done' });
  });

  it('answers an unknown verb or option with "did you mean" and where the help is, in one line', async () => {
    const repo = tempRepo();
    assert.equal(oneLine(await incident(repo, 'lsit')), 'incident: there is no verb "lsit"; did you mean "list"? run "incident --help"');
    assert.equal(oneLine(await incident(repo, 'frobnicate')), 'incident: there is no verb "frobnicate"; run "incident --help"');
    assert.equal(oneLine(await incident(repo, 'declare', '--titel', 'x')), 'incident: declare has no option --titel; did you mean --title? run "incident declare --help"');
    assert.equal(oneLine(await incident(repo, 'list', '--jsn')), 'incident: list has no option --jsn; did you mean --json? run "incident list --help"');
    assert.equal(oneLine(await incident(repo, 'declare', '--title')), 'incident: declare: --title needs a value; run "incident declare --help"');
    assert.equal(oneLine(await incident(repo, '--stroe', 'x.json', 'list')), 'incident: there is no option --stroe; did you mean --store? run "incident --help"');
    // A hurried responder types the title bare: the whole of it is named (a quote inside too), with how to give it.
    assert.equal(
      oneLine(await incident(repo, 'declare', "Dana's checkout is down", '--severity', 'SEV1')),
      'incident: declare takes no argument "Dana\'s checkout is down"; give a title with --title "Dana\'s checkout is down"; run "incident declare --help"',
    );
    assert.equal(oneLine(await incident(repo, 'list', 'extra words')), 'incident: list takes no argument "extra words"; run "incident list --help"');
    assert.equal(
      oneLine(await incident(repo, 'field', 'INC-1A2B3C4D', 'records', '-5')),
      'incident: field: -5 is read as an option; put "--" before a value that starts with "-" (incident field … -- -5); run "incident field --help"',
    );
    assert.equal(
      oneLine(await incident(repo, 'list', '--', '--help')),
      'incident: list takes no argument "--help"; run "incident list --help"',
      'after "--" it is an argument, not the help',
    );
  });

  it('prints its version for --version and exits 0', async () => {
    const version = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')).version;
    assert.deepEqual(await incident(tempRepo(), '--version'), { code: 0, stdout: version, stderr: '' });
  });

  it("accepts severities, categories and statuses in any case, and the category's everyday words", async () => {
    const repo = tempRepo();
    for (const [words, category] of [
      ['bug', 'regression'],
      ['Regression or bug', 'regression'],
      ['breach', 'security'],
      ['SECURITY', 'security'],
      ['perf', 'performance'],
      ['slow', 'performance'],
    ] as const) {
      const declared = await incident(repo, 'declare', '--title', words, '--category', words, '--severity', 'sev2', '--commander', 'Ana');
      assert.equal(declared.code, 0, declared.stderr);
      const stored = await show(repo, declared.stdout);
      assert.equal(stored.category, category, words);
      assert.equal(stored.severity, 'SEV2');
    }
    const id = (await incident(repo, 'list', '--json')).stdout && JSON.parse((await incident(repo, 'list', '--json')).stdout)[0].id;
    assert.equal((await incident(repo, 'status', id, 'Triaged')).stdout, `${id} is triaged`);
    assert.equal((await incident(repo, 'metrics', '--category', 'bug', '--severity', 'sev2', '--json')).code, 0);
    assert.match(
      oneLine(await incident(repo, 'declare', '--title', 'x', '--category', 'weird', '--severity', 'SEV1')),
      /--category must be one of regression \(or bug\), security \(or breach\), performance \(or perf, slow\)/,
    );
  });

  it('reports every missing required option in one line', async () => {
    const repo = tempRepo();
    assert.equal(oneLine(await incident(repo, 'declare')), 'incident: declare needs --title, --category and --severity; run "incident declare --help"');
    assert.equal(oneLine(await incident(repo, 'declare', '--category', 'bug')), 'incident: declare needs --title and --severity; run "incident declare --help"');
    assert.equal(oneLine(await incident(repo, 'deploy')), 'incident: deploy needs --env and --ref; run "incident deploy --help"');
  });

  it('shows SLA clocks and times as "2026-11-23 10:15 UTC" in list and show', async () => {
    const repo = tempRepo();
    const fresh = (await incident(repo, 'declare', '--title', 'Fresh', '--category', 'bug', '--severity', 'SEV1', '--no-commander')).stdout;
    const old = declareIncident({ title: 'Old', category: 'security', severity: 'SEV2' }, { at: new Date(Date.now() - 40 * 60_000), author: 'Ana' }, 'INC-0ABCDEFG');
    await new IncidentStore(repo).add(old);
    const listed = (await incident(repo, 'list')).stdout.split('\n');
    assert.match(
      listed.find((l) => l.startsWith(fresh))!,
      /response due in 1[45]m/,
    );
    assert.match(
      listed.find((l) => l.startsWith('INC-0ABCDEFG'))!,
      /response overdue 1[01]m/,
    );
    const shown = (await incident(repo, 'show', 'INC-0ABCDEFG')).stdout;
    assert.match(shown, /declared \d{4}-\d\d-\d\d \d\d:\d\d UTC by Ana/);
    assert.match(shown, /response overdue 1[01]m · resolution due in 3h (19|20)m/);
    assert.doesNotMatch(shown, /\d\dT\d\d:\d\d/);
  });

  it('lists verbs in the order a responder uses them, plumbing last', async () => {
    const help = (await incident(tempRepo(), '--help')).stdout;
    const order = [
      'declare',
      'list',
      'show',
      'status',
      'severity',
      'assign',
      'note',
      'update',
      'check',
      'link',
      'deploy',
      'suspects',
      'scan',
      'action',
      'postmortem',
      'metrics',
      'commit',
      'merge',
      'repair',
      'install-merge-driver',
    ];
    const positions = order.map((verb) => help.search(new RegExp(`^  ${verb} `, 'm')));
    assert.ok(
      positions.every((at) => at > 0),
      JSON.stringify(positions),
    );
    assert.deepEqual(
      positions,
      [...positions].sort((a, b) => a - b),
    );
  });

  it('says "<1m" for durations under a minute in metrics', async () => {
    const repo = tempRepo();
    const id = (await incident(repo, 'declare', '--title', 'Queue stuck', '--category', 'perf', '--severity', 'SEV2', '--commander', 'Ana')).stdout;
    await incident(repo, 'status', id, 'triaged');
    assert.match((await incident(repo, 'metrics')).stdout, /time to acknowledge median <1m, mean <1m \(n=1\)/);
  });
});
