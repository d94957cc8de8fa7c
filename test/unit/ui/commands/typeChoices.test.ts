import * as assert from 'node:assert/strict';
import { typeChoiceRows, type TypeChoiceRow } from '../../../../src/ui/commands/typeChoices';
import type { IncidentType } from '../../../../src/core/plan/incidentTypes';

const aType = (id: string, category: IncidentType['category']): IncidentType => ({ id, title: id, definition: `${id} words`, category, fields: [] });
const TYPES = [aType('data-loss', 'security'), aType('payments', 'regression'), aType('third-party', 'regression'), aType('slow-search', 'performance')];
const shown = (rows: TypeChoiceRow[]) => rows.map((row) => (row.kind === 'group' ? `# ${row.category}` : `${row.type?.id ?? row.category}${row.suggested ? ' *' : ''}`));

describe("the declare flow's type list", () => {
  it("groups the plan's types under the three categories, each category first as the no-type choice, in the plan's order", () => {
    assert.deepEqual(shown(typeChoiceRows(TYPES)), [
      '# regression',
      'regression',
      'payments',
      'third-party',
      '# security',
      'security',
      'data-loss',
      '# performance',
      'performance',
      'slow-search',
    ]);
  });

  it("puts the triage checklist's suggested type first in its group's lead, so Enter takes it, and marks it", () => {
    const rows = shown(typeChoiceRows(TYPES, { category: 'regression', type: 'third-party' }));
    assert.deepEqual(rows.slice(0, 5), ['# regression', 'third-party *', 'regression', 'payments', '# security']);
    assert.equal(rows.filter((row) => row.endsWith('*')).length, 1, 'one suggestion marked');
  });

  it('a suggested type decides the group that comes first, over a suggested category it does not belong to', () => {
    assert.deepEqual(shown(typeChoiceRows(TYPES, { category: 'performance', type: 'data-loss' })).slice(0, 3), ['# security', 'data-loss *', 'security']);
  });

  it('a suggested category without a type leads and is marked; a suggested type the plan no longer has is ignored', () => {
    assert.deepEqual(shown(typeChoiceRows(TYPES, { category: 'performance' })).slice(0, 3), ['# performance', 'performance *', 'slow-search']);
    assert.deepEqual(shown(typeChoiceRows(TYPES, { type: 'gone' })), shown(typeChoiceRows(TYPES)));
  });
});
