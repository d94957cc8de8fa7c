import * as assert from 'node:assert/strict';
import { givenText, oneOf } from '../../../../src/ui/commands/commandArguments';

describe('the answers a script may hand a command', () => {
  it('takes a value of the closed list as it is, and nothing else', () => {
    assert.equal(oneOf('SEV2', ['SEV1', 'SEV2'] as const), 'SEV2');
    for (const other of [undefined, null, '', 'sev2', ' SEV2', 'SEV3', 2, ['SEV2'], { value: 'SEV2' }])
      assert.equal(oneOf(other, ['SEV1', 'SEV2'] as const), undefined, JSON.stringify(other));
  });

  it('takes a text trimmed, and reads a blank or a non-string as not given (so the command asks)', () => {
    assert.equal(givenText('  Rolled back the deploy \n'), 'Rolled back the deploy');
    for (const other of [undefined, null, '', '   ', '\n\t', 42, true, { text: 'x' }]) assert.equal(givenText(other), undefined, JSON.stringify(other));
  });
});
