import * as assert from 'node:assert/strict';
import { parseHostMessage, parseWebviewMessage } from '../../src/protocol';

describe('webview protocol validation', () => {
  it('accepts each well-formed message from the webview', () => {
    const good: unknown[] = [
      { type: 'ready' },
      { type: 'tickChecklist', item: 'availability', checked: true },
      { type: 'addEvent', kind: 'note', text: 'Rolled back the canary' },
      { type: 'setStatus', status: 'mitigated' },
      { type: 'postUpdate', audience: 'customers', text: 'We are investigating', nextUpdateBy: '2026-11-23T10:30:00.000Z' },
      { type: 'openEvidence', eventId: 'abc123def456' },
      { type: 'openCommit', sha: 'a'.repeat(40) },
      { type: 'showSuspects' },
      { type: 'recordDeploy' },
      { type: 'setWhys', whys: ['why 1', 'why 2'] },
    ];
    for (const message of good) assert.equal(parseWebviewMessage(message).ok, true, JSON.stringify(message));
  });

  const hostile: Array<[string, unknown]> = [
    ['not an object', 'ready'],
    ['null', null],
    ['an unknown type', { type: 'runShell', command: 'rm -rf /' }],
    ['a missing type', { item: 'availability', checked: true }],
    ['a prototype-pollution key', JSON.parse('{"type":"ready","__proto__":{"polluted":true}}')],
    ['an extra field', { type: 'ready', extra: 1 }],
    ['an unknown checklist item', { type: 'tickChecklist', item: 'toString', checked: true }],
    ['a checked flag that is a string', { type: 'tickChecklist', item: 'integrity', checked: 'yes' }],
    ['an empty note', { type: 'addEvent', kind: 'note', text: '   ' }],
    ['a composer kind the user may not write', { type: 'addEvent', kind: 'status', text: 'closed' }],
    ['a status outside the lifecycle', { type: 'setStatus', status: 'deleted' }],
    ['a message type that no longer exists', { type: 'openFile', path: '/etc/passwd' }],
    ['a commit that is an option, not a sha', { type: 'openCommit', sha: '--output=/tmp/x' }],
    ['an abbreviated sha (only full shas cross)', { type: 'openCommit', sha: 'a'.repeat(8) }],
    ['an empty evidence id', { type: 'openEvidence', eventId: '' }],
    ['six whys', { type: 'setWhys', whys: ['1', '2', '3', '4', '5', '6'] }],
    ['a huge note', { type: 'addEvent', kind: 'note', text: 'x'.repeat(20_001) }],
    ['a malformed next-update time', { type: 'postUpdate', audience: 'all', text: 'hi', nextUpdateBy: 'tomorrow' }],
  ];
  for (const [what, message] of hostile) {
    it(`rejects ${what}`, () => {
      const parsed = parseWebviewMessage(message);
      assert.equal(parsed.ok, false);
      if (!parsed.ok) assert.ok(parsed.error.length > 0);
    });
  }

  it('rejects a host state whose incident does not match the schema', () => {
    const parsed = parseHostMessage({ type: 'state', state: { incident: { id: 'INC-1' }, deploys: [], policy: {}, readOnly: false } });
    assert.equal(parsed.ok, false);
  });

  it('names the offending field in the error', () => {
    const parsed = parseWebviewMessage({ type: 'tickChecklist', item: 'integrity', checked: 'yes' });
    assert.ok(!parsed.ok && parsed.error.startsWith('checked'), JSON.stringify(parsed));
  });
});
