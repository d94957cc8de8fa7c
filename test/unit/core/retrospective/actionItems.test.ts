import * as assert from 'node:assert/strict';
import { openActionItems } from '../../../../src/core/retrospective/actionItems';
import { addActionItem, setActionItemStatus } from '../../../../src/core/lifecycle/changes';
import { anIncident, ctx } from '../builders';

describe('open action items across incidents', () => {
  it('lists only open items, overdue first, then by due date with undated last', () => {
    let first = anIncident({ title: 'Checkout' });
    let n = 0;
    const add = (incident: typeof first, title: string, due?: string) => addActionItem(incident, { title, ...(due && { due }) }, { ...ctx(), newId: () => `a${++n}` });
    first = add(first, 'Undated');
    first = add(first, 'Due later', '2026-12-20');
    first = add(first, 'Overdue', '2026-11-20');
    first = add(first, 'Finished', '2026-11-01');
    const finished = first.retrospective.actionItems.find((item) => item.title === 'Finished');
    first = setActionItemStatus(first, finished!.id, 'done', ctx());
    let second = { ...anIncident({ title: 'Search' }), id: 'INC-2B3C4D5E' };
    second = add(second, 'Due today', '2026-11-24');
    const rows = openActionItems([first, second], new Date('2026-11-24T18:00:00Z'));
    assert.deepEqual(
      rows.map((r) => [r.item.title, r.overdue, r.incidentId]),
      [
        ['Overdue', true, 'INC-1A2B3C4D'],
        ['Due today', false, 'INC-2B3C4D5E'],
        ['Due later', false, 'INC-1A2B3C4D'],
        ['Undated', false, 'INC-1A2B3C4D'],
      ],
    );
  });
});
