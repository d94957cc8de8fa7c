import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import * as l10n from '@vscode/l10n';
import type { PanelState } from '../../../src/protocol/incidentPanel';
import { shortUtc } from '../../../src/core/text/time';
import { h } from '../dom';
import { FOCUS_KEY } from '../focusKeeper';
import type { Send } from './header';

export interface TasksSection {
  element: HTMLElement;
  update(state: PanelState): void;
}

type Task = NonNullable<PanelState['incident']['tasks']>[number];

/** Who has the task, or who did it and when. */
function taskMeta(task: Task): string {
  if (task.done && task.doneBy && task.doneAt) return l10n.t('Done by {0} at {1} UTC', task.doneBy, shortUtc(task.doneAt));
  return task.assignee ? l10n.t('Assigned to {0}', task.assignee) : l10n.t('Not assigned');
}

/**
 * The steps of the runbooks that apply to the incident: tick one (the host
 * writes it to the timeline), give it to someone, or open its runbook at the
 * step. Hidden when no runbook applies.
 */
export function createTasks(send: Send): TasksSection {
  const list = h('ul', { class: 'tasks', attrs: { 'aria-label': l10n.t('Runbook tasks') } });
  const count = h('span', { class: 'hint' });
  const element = h('section', { class: 'tasks-section', attrs: { hidden: true } }, h('h3', {}, l10n.t('Runbook tasks'), ' ', count), list);
  return {
    element,
    update(state) {
      const tasks = state.incident.tasks ?? [];
      element.hidden = tasks.length === 0;
      count.textContent = l10n.t('{0} of {1} done', tasks.filter((task) => task.done).length, tasks.length);
      list.replaceChildren(
        ...tasks.map((task) =>
          h(
            'li',
            { class: task.done ? 'done' : undefined },
            h('vscode-checkbox', {
              attrs: { checked: task.done, disabled: state.readOnly, label: task.text, [FOCUS_KEY]: `task:${task.id}` },
              on: { change: (e) => send({ type: 'setTaskDone', taskId: task.id, done: (e.target as HTMLInputElement).checked }) },
            }),
            h(
              'div',
              { class: 'task-meta' },
              h('span', { class: 'hint' }, taskMeta(task)),
              state.readOnly
                ? null
                : h(
                    'vscode-button',
                    {
                      attrs: { secondary: true, [FOCUS_KEY]: `assign:${task.id}`, 'aria-label': l10n.t('Assign "{0}"', task.text) },
                      on: { click: () => send({ type: 'assignTask', taskId: task.id }) },
                    },
                    l10n.t('Assign'),
                  ),
              task.runbook
                ? h(
                    'vscode-button',
                    {
                      attrs: { secondary: true, [FOCUS_KEY]: `runbook:${task.id}`, title: task.runbook, 'aria-label': l10n.t('Open the runbook of "{0}"', task.text) },
                      on: { click: () => send({ type: 'openRunbook', taskId: task.id }) },
                    },
                    l10n.t('Runbook'),
                  )
                : null,
            ),
          ),
        ),
      );
    },
  };
}
