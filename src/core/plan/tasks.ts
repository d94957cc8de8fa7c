/**
 * An incident's tasks: the steps of the runbooks that apply to it (by
 * category and severity), added when it is declared and again when its
 * category or severity changes (a task once added stays). Each task can be
 * assigned and ticked; every tick and assignment is a timeline event.
 *
 * A task's id comes from its runbook file and its step (the text and which
 * occurrence of it), so two responders who apply the same runbook on two
 * machines add the same tasks, and a sync or merge keeps one of each.
 */
import { clipText, LONG_TEXT_MAX, SHORT_TEXT_MAX } from '../text/clip';
import { stamp, type ChangeContext } from '../record/context';
import { DomainError } from '../record/errors';
import { stableHash } from '../record/ids';
import { runbookApplies, type Runbook } from './runbook';
import type { Incident, Task } from '../record/schema';
import { addTimelineEvent } from '../lifecycle/timeline';

/**
 * Whether a task's `runbook` names a Markdown file inside the repository (plain
 * folder names, no "." or ".." parts, not absolute): the record may come from
 * anyone's clone, and the editor opens what it names.
 */
export function isRunbookPath(path: string): boolean {
  const parts = path.split('/');
  return path.endsWith('.md') && parts.every((part) => /^[A-Za-z0-9._-]+$/.test(part) && part !== '.' && part !== '..' && part.toLowerCase() !== '.git');
}

/** A runbook with the file it was read from, relative to the repository root. */
export interface RunbookSource {
  file: string;
  runbook: Runbook;
}

/** The id of the `occurrence`-th step with this text in this runbook file. */
export const taskId = (file: string, text: string, occurrence: number): string => `task-${stableHash(`${file}\u0000${text.trim()}\u0000${occurrence}`)}`;

/**
 * The incident with the steps of every runbook that applies to it as tasks
 * (those it has already are left as they are), and one timeline event per
 * runbook that added any. A runbook whose file is `named` applies whatever
 * its front matter says (an intake rule that names it).
 */
export function addRunbookTasks(incident: Incident, runbooks: readonly RunbookSource[], ctx: ChangeContext, named: readonly string[] = []): Incident {
  let next = incident;
  const have = new Set((incident.tasks ?? []).map((task) => task.id));
  for (const { file, runbook } of [...runbooks].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    if (!named.includes(file) && !runbookApplies(runbook, incident.category, incident.severity)) continue;
    const seen = new Map<string, number>();
    const added: Task[] = [];
    for (const step of runbook.steps) {
      const occurrence = (seen.get(step.text) ?? 0) + 1;
      seen.set(step.text, occurrence);
      const id = taskId(file, step.text, occurrence);
      if (have.has(id)) continue;
      have.add(id);
      added.push({ id, text: step.text, runbook: file, line: step.line, done: false, createdAt: stamp(ctx), updatedAt: stamp(ctx) });
    }
    if (!added.length) continue;
    next = addTimelineEvent(
      { ...next, tasks: [...(next.tasks ?? []), ...added] },
      {
        kind: 'action',
        text: clipText(`Runbook "${clipText(runbook.title, SHORT_TEXT_MAX)}" (${file}): ${added.length} task${added.length === 1 ? '' : 's'} added`, LONG_TEXT_MAX),
        data: { runbook: file, tasks: added.length },
      },
      ctx,
    );
  }
  return next;
}

function changeTask(incident: Incident, id: string, change: (task: Task) => Task | undefined, event: (task: Task) => string, ctx: ChangeContext): Incident {
  const tasks = incident.tasks ?? [];
  const index = tasks.findIndex((task) => task.id === id);
  if (index < 0) throw new DomainError(`${incident.id} has no task "${id}"`, 'unknown-task');
  const changed = change(tasks[index]);
  if (!changed) return incident;
  const next = { ...incident, tasks: tasks.map((task, i) => (i === index ? { ...changed, updatedAt: stamp(ctx) } : task)) };
  // A step may be as long as an event's text, so the event that quotes it is clipped to fit.
  return addTimelineEvent(next, { kind: 'action', text: clipText(event(changed), LONG_TEXT_MAX), data: { task: id } }, ctx);
}

/** Ticks (or unticks) a task; ticking a ticked task changes nothing. */
export function setTaskDone(incident: Incident, id: string, done: boolean, ctx: ChangeContext): Incident {
  return changeTask(
    incident,
    id,
    (task) => {
      if (task.done === done) return undefined;
      const { doneBy: _by, doneAt: _at, ...rest } = task;
      return done ? { ...rest, done, doneBy: ctx.author, doneAt: stamp(ctx) } : { ...rest, done };
    },
    (task) => `${done ? 'Task done' : 'Task reopened'}: ${task.text}`,
    ctx,
  );
}

/** Gives a task to someone (a person as git knows them). */
export function assignTask(incident: Incident, id: string, person: string, ctx: ChangeContext): Incident {
  const assignee = person.trim();
  if (!assignee) throw new DomainError('say whom the task goes to', 'missing-assignee');
  return changeTask(
    incident,
    id,
    (task) => (task.assignee === assignee ? undefined : { ...task, assignee }),
    (task) => `Task assigned to ${assignee}: ${task.text}`,
    ctx,
  );
}
