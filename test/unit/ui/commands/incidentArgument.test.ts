import * as assert from 'node:assert/strict';
import { incidentIdIn } from '../../../../src/ui/commands/incidentArgument';

describe('the incident a command was invoked on', () => {
  it('reads an id, a row of the Active Incidents view and a row of the Action Items view', () => {
    assert.equal(incidentIdIn('INC-1A2B3C4D'), 'INC-1A2B3C4D');
    assert.equal(incidentIdIn(' inc-1a2b3c4d '), 'INC-1A2B3C4D');
    assert.equal(incidentIdIn({ incident: { id: 'INC-1A2B3C4D', title: 'x' } }), 'INC-1A2B3C4D');
    assert.equal(incidentIdIn({ row: { incidentId: 'INC-1A2B3C4D', item: {} } }), 'INC-1A2B3C4D');
  });

  it('names no incident for anything else, so the command falls back to the current incident or asks', () => {
    for (const other of [undefined, null, '', 'SEV1', 'INC-', 'INC-1A2B3C4D-x', 42, {}, { id: 'INC-1A2B3C4D' }, { incident: 'INC-1A2B3C4D' }, ['INC-1A2B3C4D']]) {
      assert.equal(incidentIdIn(other), undefined, JSON.stringify(other));
    }
  });
});
