import * as assert from 'node:assert/strict';
import { changeSeverity } from '../../../../src/core/lifecycle/changes';
import { joinIncidents } from '../../../../src/core/merge/merge';
import { parseRunbook } from '../../../../src/core/plan/runbook';
import { addRunbookTasks, assignTask, isRunbookPath, setTaskDone, taskId, type RunbookSource } from '../../../../src/core/plan/tasks';
import { formatStore } from '../../../../src/store/stableFormat';
import { anIncident, ctx, minutesAfter } from '../builders';

function runbook(file: string, front: string, steps: string[]): RunbookSource {
  const parsed = parseRunbook(`---\n${front}\n---\n# Runbook\n\n## Steps\n${steps.map((step) => `- [ ] ${step}`).join('\n')}\n`);
  assert.ok(parsed.runbook, JSON.stringify(parsed.problems));
  return { file, runbook: parsed.runbook };
}

const ROLLBACK = runbook('.incidents/runbooks/roll-back.md', 'title: Roll back a bad deploy\ncategories: [regression]\nseverities: [SEV1, SEV2]', [
  'Freeze deploys',
  'Roll back to the last good release',
  'Watch the error rate',
  'Watch the error rate',
]);
const COMMS = runbook('.incidents/runbooks/tell-customers.md', 'title: Tell customers\nseverities: [SEV1]', ['Post on the status page']);

describe('runbook tasks on an incident', () => {
  it('adds the steps of every runbook that applies, once, with ids two machines agree on', () => {
    const sev2 = anIncident({ category: 'regression', severity: 'SEV2' });
    const withTasks = addRunbookTasks(sev2, [COMMS, ROLLBACK], ctx(minutesAfter(1)));
    assert.deepEqual(
      withTasks.tasks?.map((task) => [task.text, task.runbook, task.line, task.done]),
      [
        ['Freeze deploys', '.incidents/runbooks/roll-back.md', 9, false],
        ['Roll back to the last good release', '.incidents/runbooks/roll-back.md', 10, false],
        ['Watch the error rate', '.incidents/runbooks/roll-back.md', 11, false],
        ['Watch the error rate', '.incidents/runbooks/roll-back.md', 12, false],
      ],
      'the SEV1-only runbook does not apply to a SEV2',
    );
    assert.equal(new Set(withTasks.tasks?.map((task) => task.id)).size, 4, 'a step written twice is two tasks');
    assert.equal(withTasks.tasks?.[0].id, taskId('.incidents/runbooks/roll-back.md', 'Freeze deploys', 1));
    assert.match(withTasks.tasks?.[0].id ?? '', /^task-[0-9a-f]{16}$/);
    assert.equal(withTasks.timeline.at(-1)?.text, 'Runbook "Roll back a bad deploy" (.incidents/runbooks/roll-back.md): 4 tasks added');
    assert.equal(addRunbookTasks(withTasks, [COMMS, ROLLBACK], ctx(minutesAfter(2))), withTasks, 'applied again: nothing new, nothing written');
    // Raised to SEV1: the customer runbook applies now; the tasks already there stay as they are.
    const sev1 = addRunbookTasks(changeSeverity(withTasks, 'SEV1', ctx(minutesAfter(3))), [COMMS, ROLLBACK], ctx(minutesAfter(3)));
    assert.deepEqual(sev1.tasks?.map((task) => task.text).slice(4), ['Post on the status page']);
    assert.equal(anIncident().tasks, undefined, 'no runbook, no tasks key');
  });

  it('ticks, reopens and assigns tasks, each on the timeline with who and when', () => {
    const incident = addRunbookTasks(anIncident({ category: 'regression', severity: 'SEV1' }), [ROLLBACK], ctx());
    const [freeze] = incident.tasks ?? [];
    const ana = 'Ana Lima <ana@example.com>';
    const done = setTaskDone(incident, freeze.id, true, ctx(minutesAfter(5), ana));
    assert.deepEqual([done.tasks?.[0].done, done.tasks?.[0].doneBy, done.tasks?.[0].doneAt], [true, ana, minutesAfter(5).toISOString()]);
    assert.equal(done.timeline.at(-1)?.text, 'Task done: Freeze deploys');
    assert.equal(setTaskDone(done, freeze.id, true, ctx(minutesAfter(6))), done, 'ticking a ticked task changes nothing');
    const reopened = setTaskDone(done, freeze.id, false, ctx(minutesAfter(7)));
    assert.deepEqual([reopened.tasks?.[0].done, reopened.tasks?.[0].doneBy], [false, undefined]);
    assert.equal(reopened.timeline.at(-1)?.text, 'Task reopened: Freeze deploys');
    const assigned = assignTask(reopened, freeze.id, 'Bo Chen <bo@example.com>', ctx(minutesAfter(8)));
    assert.equal(assigned.tasks?.[0].assignee, 'Bo Chen <bo@example.com>');
    assert.equal(assigned.timeline.at(-1)?.text, 'Task assigned to Bo Chen <bo@example.com>: Freeze deploys');
    assert.throws(() => setTaskDone(incident, 'task-nope', true, ctx()), /has no task "task-nope"/);
    assert.throws(() => assignTask(incident, freeze.id, ' ', ctx()), /say whom the task goes to/);
  });

  it('joins two replicas: both add the runbook (one set of tasks), each ticks another task, and both ticks stay', () => {
    const base = anIncident({ category: 'regression', severity: 'SEV1' });
    const ours = addRunbookTasks(base, [ROLLBACK], ctx(minutesAfter(1), 'Ana <ana@example.com>'));
    const theirs = addRunbookTasks(base, [ROLLBACK], ctx(minutesAfter(2), 'Bo <bo@example.com>'));
    const [first, second] = ours.tasks ?? [];
    const a = setTaskDone(ours, first.id, true, ctx(minutesAfter(3), 'Ana <ana@example.com>'));
    const b = setTaskDone(theirs, second.id, true, ctx(minutesAfter(4), 'Bo <bo@example.com>'));
    const joined = joinIncidents(a, b);
    assert.equal(joined.tasks?.length, 4, 'the same runbook on two machines: one set of tasks');
    assert.deepEqual(
      joined.tasks?.filter((task) => task.done).map((task) => task.text),
      ['Freeze deploys', 'Roll back to the last good release'],
    );
    const bytes = (incident: typeof joined) => formatStore({ version: 2, incidents: [incident], deploys: [] });
    assert.equal(bytes(joinIncidents(b, a)), bytes(joined), 'either order, the same bytes');
    assert.equal(formatStore({ version: 2, incidents: [joinIncidents(base, base)], deploys: [] }).includes('"tasks"'), false, 'no tasks on either side: no key written');
  });

  it('keeps every timeline event within what the record holds, for the longest step and title a runbook may have', () => {
    const long = runbook('.incidents/runbooks/long.md', `title: ${'T'.repeat(100_000)}`, ['s'.repeat(100_000)]);
    const declared = addRunbookTasks(anIncident(), [long], ctx(minutesAfter(1)));
    const id = declared.tasks?.[0].id ?? '';
    const worked = assignTask(setTaskDone(declared, id, true, ctx(minutesAfter(2))), id, 'Ana Lima <ana@example.com>', ctx(minutesAfter(3)));
    assert.equal(worked.tasks?.[0].text.length, 100_000);
    assert.doesNotThrow(() => formatStore({ version: 2, incidents: [worked], deploys: [] }), 'the schema accepts every event text');
    assert.deepEqual(
      worked.timeline.slice(-3).map((event) => [event.text.slice(0, 10), event.text.length <= 100_000, event.text.endsWith('…')]),
      [
        ['Runbook "T', true, false],
        ['Task done:', true, true],
        ['Task assig', true, true],
      ],
    );
  });

  it('opens only a Markdown runbook named inside the repository (the record may come from anyone)', () => {
    assert.equal(isRunbookPath('.incidents/runbooks/roll-back.md'), true);
    for (const hostile of [
      '../../etc/passwd.md',
      '/etc/x.md',
      '.incidents/../../x.md',
      '.git/hooks/pre-commit.md',
      'runbooks/./x.md',
      'runbooks/x.sh',
      'run books/x.md',
      '',
      'a//b.md',
    ])
      assert.equal(isRunbookPath(hostile), false, hostile);
  });
});
