import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StoreDocument } from '../../../src/core/record/schema';
import { tempRepo } from '../store/tempRepo';
import { incident } from './runCli';

const readStore = (repo: string) => JSON.parse(readFileSync(join(repo, '.incidents', 'incidents.json'), 'utf8')) as StoreDocument;

/** A repository with the starter plan and its sample runbook (regression and performance, SEV1 and SEV2, five steps). */
async function repoWithRunbook(): Promise<string> {
  const repo = tempRepo();
  assert.equal((await incident(repo, 'plan', 'init')).code, 0);
  return repo;
}

describe('runbook tasks from the command line', () => {
  it('declaring adds the steps of the runbooks that apply; task lists, ticks, reopens and assigns them', async () => {
    const repo = await repoWithRunbook();
    const id = (await incident(repo, 'declare', '--title', 'Checkout down', '--category', 'regression', '--severity', 'SEV1')).stdout;
    const listed = await incident(repo, 'task', id);
    assert.equal(listed.code, 0, listed.stderr);
    const lines = listed.stdout.split('\n');
    assert.equal(lines[0], `${id}: 5 task(s)`);
    assert.equal(lines[1], '   1. [ ] Freeze deploys and say so in the incident channel  .incidents/runbooks/roll-back-a-bad-deploy.md:12');
    assert.deepEqual(await incident(repo, 'task', id, '1', '--done'), { code: 0, stdout: `${id}: done: Freeze deploys and say so in the incident channel`, stderr: '' });
    assert.equal((await incident(repo, 'task', id, '2', '--assign', 'Bo Chen <bo@example.com>')).code, 0);
    const after = (await incident(repo, 'task', id)).stdout.split('\n');
    assert.match(after[1], /^ {3}1\. \[x\] Freeze deploys .* \(done by Dana Ortiz <dana@example\.com> \d{4}-\d\d-\d\d \d\d:\d\d UTC\)/);
    assert.match(after[2], /^ {3}2\. \[ \] .* \(assigned to Bo Chen <bo@example\.com>\)/);
    assert.match((await incident(repo, 'show', id)).stdout, /\ntasks: 1 of 5 done \("incident task INC-[0-9A-Z]{8}" lists them\)\n/);
    const task = readStore(repo).incidents[0].tasks?.[0];
    assert.deepEqual([task?.done, task?.doneBy], [true, 'Dana Ortiz <dana@example.com>']);
    assert.equal((await incident(repo, 'task', id, task?.id ?? '', '--undo')).code, 0, 'a task named by its id');
    assert.equal(readStore(repo).incidents[0].tasks?.[0].done, false);
    const events = readStore(repo).incidents[0].timeline.map((event) => event.text);
    assert.ok(events.includes('Task done: Freeze deploys and say so in the incident channel'));
    assert.ok(events.includes('Task reopened: Freeze deploys and say so in the incident channel'));
  });

  it('adds the tasks of a runbook that applies after a severity change, keeping those there', async () => {
    const repo = await repoWithRunbook();
    const id = (await incident(repo, 'declare', '--title', 'Slow search', '--category', 'performance', '--severity', 'SEV3')).stdout;
    assert.equal((await incident(repo, 'task', id)).stdout, `${id} has no tasks: no runbook applies to its category and severity`);
    assert.equal(readStore(repo).incidents[0].tasks, undefined, 'no tasks key written');
    assert.equal((await incident(repo, 'severity', id, 'SEV2')).code, 0);
    assert.equal(readStore(repo).incidents[0].tasks?.length, 5);
  });

  it('refuses a task it cannot find, or an unclear change (exit 1, nothing written)', async () => {
    const repo = await repoWithRunbook();
    const id = (await incident(repo, 'declare', '--title', 'Checkout down', '--category', 'regression', '--severity', 'SEV2')).stdout;
    const before = readFileSync(join(repo, '.incidents', 'incidents.json'), 'utf8');
    assert.deepEqual(await incident(repo, 'task', id, '9', '--done'), { code: 1, stdout: '', stderr: `incident: ${id} has no task "9"; "incident task ${id}" lists its 5` });
    assert.equal((await incident(repo, 'task', id, '1')).stderr, 'incident: say one change: --done, --undo or --assign PERSON');
    assert.equal((await incident(repo, 'task', id, '1', '--done', '--undo')).code, 1);
    assert.equal((await incident(repo, 'task', id, '--done')).stderr, 'incident: name the task to change: incident task ID N --done');
    assert.equal(readFileSync(join(repo, '.incidents', 'incidents.json'), 'utf8'), before);
  });

  it('leaves out a runbook it cannot read, and still applies the others', async () => {
    const repo = await repoWithRunbook();
    writeFileSync(join(repo, '.incidents', 'runbooks', 'broken.md'), 'no front matter here\n- [ ] step\n');
    const declared = await incident(repo, 'declare', '--title', 'Checkout down', '--category', 'regression', '--severity', 'SEV1');
    assert.equal(declared.code, 0, declared.stderr);
    assert.equal(readStore(repo).incidents[0].tasks?.length, 5);
  });
});
