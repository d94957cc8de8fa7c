import * as assert from 'node:assert/strict';
import { computeMetrics } from '../../src/core/retrospective/metrics';
import { parseHostMessage, parseWebviewMessage } from '../../src/protocol/incidentPanel';
import { parseMetricsHostMessage, parseMetricsWebviewMessage } from '../../src/protocol/metrics';

describe('webview protocol validation', () => {
  it('accepts each well-formed message from the webview', () => {
    const good: unknown[] = [
      { type: 'ready' },
      { type: 'tickChecklist', item: 'availability', checked: true },
      { type: 'addEvent', kind: 'note', text: 'Rolled back the canary' },
      { type: 'setStatus', status: 'mitigated' },
      { type: 'postUpdate', audience: 'customers', text: 'We are investigating', nextUpdateBy: '2026-11-23T10:30:00.000Z' },
      { type: 'openEvidence', eventId: 'abc123def456' },
      { type: 'openAlertLink', url: 'https://runbooks.example.com/checkout/high-error-rate' },
      { type: 'openCommit', sha: 'a'.repeat(40) },
      { type: 'showSuspects' },
      { type: 'recordDeploy' },
      { type: 'setWhys', whys: ['why 1', 'why 2'] },
      { type: 'setSeverity', severity: 'SEV2' },
      { type: 'setCategory', category: 'security' },
      { type: 'setSummary', summary: 'A rounding change broke EU card payments.' },
      { type: 'setSummary', summary: '' },
      { type: 'setImpact', impact: 'Every EU card payment failed for 40 minutes.' },
      { type: 'setTaskDone', taskId: 'task-0123456789abcdef', done: true },
      { type: 'tickTriage', questionId: 'performance-degraded', checked: true },
      { type: 'setHighlight', eventId: 'evt-0123456789abcdef', on: true },
      { type: 'setHighlight', eventId: 'evt-0123456789abcdef', on: false },
      { type: 'assignTask', taskId: 'task-0123456789abcdef' },
      { type: 'openRunbook', taskId: 'task-0123456789abcdef' },
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
    ['an alert link longer than a stored link can be', { type: 'openAlertLink', url: `https://example.com/${'x'.repeat(2_000)}` }],
    ['an alert link with another field', { type: 'openAlertLink', url: 'https://example.com/', target: '_self' }],
    ['six whys', { type: 'setWhys', whys: ['1', '2', '3', '4', '5', '6'] }],
    ['a huge note', { type: 'addEvent', kind: 'note', text: 'x'.repeat(20_001) }],
    ['a malformed next-update time', { type: 'postUpdate', audience: 'all', text: 'hi', nextUpdateBy: 'tomorrow' }],
    ['a category outside the three', { type: 'setCategory', category: 'bug' }],
    ['a category given as a list', { type: 'setCategory', category: ['security'] }],
    ['a summary that is not text', { type: 'setSummary', summary: 42 }],
    ['a huge impact', { type: 'setImpact', impact: 'x'.repeat(20_001) }],
    ['an impact sent under the summary message', { type: 'setSummary', impact: 'x' }],
    ['a task tick without its flag', { type: 'setTaskDone', taskId: 'task-1' }],
    ['a triage tick whose flag is text', { type: 'tickTriage', questionId: 'device-lost', checked: 'yes' }],
    ['a star without its flag', { type: 'setHighlight', eventId: 'evt-1' }],
    ['a star on an empty event id', { type: 'setHighlight', eventId: ' ', on: true }],
    ['a task id that is too long', { type: 'assignTask', taskId: 'x'.repeat(65) }],
    ['a runbook path instead of a task id', { type: 'openRunbook', taskId: 'task-1', path: '/etc/passwd' }],
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

describe('metrics dashboard protocol validation', () => {
  const metrics = computeMetrics([], [], undefined, { now: new Date('2026-11-24T00:00:00Z') });

  it("accepts the dashboard's own messages and the numbers the host computes", () => {
    for (const message of [{ type: 'ready' }, { type: 'exportCsv' }, { type: 'setFilter', filter: { range: '90d', category: 'security', severity: 'SEV1' } }]) {
      assert.equal(parseMetricsWebviewMessage(message).ok, true, JSON.stringify(message));
    }
    assert.equal(parseMetricsHostMessage({ type: 'metrics', filter: { range: 'all' }, metrics, computedInMs: 3 }).ok, true);
  });

  const hostile: Array<[string, unknown]> = [
    ['a range it does not offer', { type: 'setFilter', filter: { range: '10y' } }],
    ['an extra filter field', { type: 'setFilter', filter: { range: '30d', team: 'payments' } }],
    ['a category outside the three', { type: 'setFilter', filter: { range: '30d', category: 'toString' } }],
    ['an incident-panel message', { type: 'setTitle', title: 'x' }],
  ];
  for (const [what, message] of hostile) {
    it(`rejects ${what}`, () => assert.equal(parseMetricsWebviewMessage(message).ok, false));
  }

  it('rejects host numbers with a category missing or a negative count', () => {
    const { security: _dropped, ...twoCategories } = metrics.byCategory;
    assert.equal(parseMetricsHostMessage({ type: 'metrics', filter: { range: 'all' }, metrics: { ...metrics, byCategory: twoCategories }, computedInMs: 1 }).ok, false);
    assert.equal(parseMetricsHostMessage({ type: 'metrics', filter: { range: 'all' }, metrics: { ...metrics, incidents: -1 }, computedInMs: 1 }).ok, false);
  });
});
