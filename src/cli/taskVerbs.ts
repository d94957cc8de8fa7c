/**
 * `incident task`: an incident's runbook tasks (src/core/plan/tasks.ts), listed,
 * ticked, reopened or assigned; each change a timeline event. A task is named
 * by its number in the list or by its id.
 */
import type { Incident } from '../core/record/schema';
import { assignTask, setTaskDone } from '../core/plan/tasks';
import { terminalText } from '../core/text/terminalText';
import { personArgument } from './personArgument';
import { UsageError } from './cliContext';
import { utcMinute } from './incidentLines';
import { findIncident, type Verb, verbArguments } from './verbSupport';

const shown = (text: string) => terminalText(text, { oneLine: true });

/** One task on one line: its number, [x] or [ ], the text, who has it or did it, where it came from. */
export function taskLines(incident: Incident): string[] {
  return (incident.tasks ?? []).map((task, index) => {
    const who = task.done && task.doneBy && task.doneAt ? `done by ${shown(task.doneBy)} ${utcMinute(task.doneAt)}` : task.assignee ? `assigned to ${shown(task.assignee)}` : '';
    const from = task.runbook ? `${shown(task.runbook)}${task.line ? `:${task.line}` : ''}` : '';
    return `  ${String(index + 1).padStart(2)}. [${task.done ? 'x' : ' '}] ${shown(task.text)}${who ? `  (${who})` : ''}${from ? `  ${from}` : ''}`;
  });
}

function taskNamed(incident: Incident, name: string): string {
  const tasks = incident.tasks ?? [];
  const number = /^\d+$/.test(name) ? Number(name) : undefined;
  const task = number !== undefined ? tasks[number - 1] : tasks.find((candidate) => candidate.id === name);
  if (!task)
    throw new UsageError(
      `${incident.id} has no task ${JSON.stringify(name)}${tasks.length ? `; "incident task ${incident.id}" lists its ${tasks.length}` : ' (no runbook applies to it)'}`,
    );
  return task.id;
}

export const TASK_VERBS: Record<string, Verb> = {
  task: {
    summary: "an incident's runbook tasks: list them, tick (--done), reopen (--undo) or assign one",
    usage: 'incident task ID   |   incident task ID N (--done | --undo | --assign PERSON)   (N: the number in the list, or the task id)',
    async run(args, { store, now, author, out, err }) {
      const { values, positionals } = verbArguments(args, { done: { type: 'boolean', default: false }, undo: { type: 'boolean', default: false }, assign: { type: 'string' } });
      const incident = findIncident(store, positionals[0]);
      const changes = [values.done, values.undo, values.assign !== undefined].filter(Boolean).length;
      if (positionals[1] === undefined) {
        if (changes) throw new UsageError('name the task to change: incident task ID N --done');
        const lines = taskLines(incident);
        out(lines.length ? `${incident.id}: ${lines.length} task(s)\n${lines.join('\n')}` : `${incident.id} has no tasks: no runbook applies to its category and severity`);
        return;
      }
      if (changes !== 1) throw new UsageError('say one change: --done, --undo or --assign PERSON');
      const id = taskNamed(incident, positionals[1]);
      if (values.assign?.trim()) values.assign = await personArgument(values.assign, '--assign', store, author, err);
      const at = now();
      const updated = await store.update(incident.id, (current) =>
        values.assign !== undefined ? assignTask(current, id, values.assign, { at, author }) : setTaskDone(current, id, values.done, { at, author }),
      );
      const task = updated.tasks?.find((candidate) => candidate.id === id);
      out(`${incident.id}: ${values.assign !== undefined ? `assigned to ${shown(values.assign.trim())}` : values.done ? 'done' : 'reopened'}: ${shown(task?.text ?? id)}`);
    },
  },
};
