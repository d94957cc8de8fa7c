/// <reference lib="dom" />
import * as assert from 'node:assert/strict';
import { applyTheme, DARK_MODERN, panelMessages, panelState, useWebviewPage } from './panelFixture';
import { screenshot } from './workbench';

const TASKS = [
  {
    id: 'task-0000000000000001',
    text: 'Freeze deploys and say so in the incident channel',
    runbook: '.incidents/runbooks/roll-back.md',
    line: 12,
    done: true,
    doneBy: 'Ana Lima <ana@example.com>',
    doneAt: '2026-11-23T09:20:00.000Z',
    createdAt: '2026-11-23T09:05:00.000Z',
    updatedAt: '2026-11-23T09:20:00.000Z',
  },
  {
    id: 'task-0000000000000002',
    text: 'Roll back to the last good release',
    runbook: '.incidents/runbooks/roll-back.md',
    line: 13,
    assignee: 'Bo Chen <bo@example.com>',
    done: false,
    createdAt: '2026-11-23T09:05:00.000Z',
    updatedAt: '2026-11-23T09:10:00.000Z',
  },
];

/** The runbook tasks under the triage checklist, in Chromium alone. */
describe('incident panel runbook tasks in Chromium', function () {
  this.timeout(60_000);
  const web = useWebviewPage('/', { width: 1000, height: 900 });
  const { pushState, posted } = panelMessages(web);
  const sent = async (type: string) => (await posted()).filter((m) => m.type === type);

  it('lists the tasks with who did or has them, ticks one from the keyboard, and asks to assign or open the runbook', async () => {
    await web.page.evaluate(applyTheme, DARK_MODERN);
    await pushState(panelState({ tasks: TASKS }));
    const section = web.page.locator('.tasks-section');
    assert.equal(await section.isVisible(), true);
    assert.match(await section.locator('h3').innerText(), /^Runbook tasks\s+1 of 2 done$/);
    const rows = section.locator('.tasks li');
    assert.equal(await rows.count(), 2);
    assert.match(await rows.nth(0).innerText(), /Done by Ana Lima <ana@example\.com> at 2026-11-23 09:20 UTC/);
    assert.match(await rows.nth(1).innerText(), /Assigned to Bo Chen <bo@example\.com>/);
    await screenshot(web.page, 'panel-tasks');

    await rows.nth(1).locator('vscode-checkbox').focus();
    await web.page.keyboard.press('Space');
    assert.deepEqual(await sent('setTaskDone'), [{ type: 'setTaskDone', taskId: 'task-0000000000000002', done: true }]);
    await rows.nth(0).locator('vscode-button', { hasText: 'Assign' }).click();
    await rows.nth(0).locator('vscode-button', { hasText: 'Runbook' }).click();
    assert.deepEqual(await sent('assignTask'), [{ type: 'assignTask', taskId: 'task-0000000000000001' }]);
    assert.deepEqual(await sent('openRunbook'), [{ type: 'openRunbook', taskId: 'task-0000000000000001' }]);
  });

  it('hides the section when no runbook applies, and offers no change in a read-only panel', async () => {
    await pushState(panelState());
    assert.equal(await web.page.locator('.tasks-section').isVisible(), false);
    await pushState(panelState({ tasks: TASKS }, true));
    const rows = web.page.locator('.tasks-section .tasks li');
    assert.equal(await rows.nth(1).locator('vscode-checkbox').getAttribute('disabled'), '');
    assert.equal(await rows.locator('vscode-button', { hasText: 'Assign' }).count(), 0);
  });
});
