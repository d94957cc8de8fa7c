/**
 * How a follow-up reads in the Action Items view: the issue and its state
 * ("#1 · exported", a Jira key bare), nothing for an item never exported;
 * the issue's address only when it is http(s) (a record from the repository
 * could hold anything); a failure's reason on one clipped line, none once
 * the issue is made.
 */
import * as assert from 'node:assert/strict';
import { addActionItem } from '../../../../src/core/lifecycle/changes';
import { followupError, followupLabel, followupUrl } from '../../../../src/core/retrospective/followupLabels';
import { newExport, withIssueOutcome } from '../../../../src/core/retrospective/followups';
import type { ActionItem, TrackerExport } from '../../../../src/core/record/schema';
import { anIncident, ctx, minutesAfter } from '../builders';

const NOW = minutesAfter(2);
const item = (record?: TrackerExport): ActionItem => {
  const [made] = addActionItem(anIncident(), { title: 'Add a canary' }, { ...ctx(minutesAfter(1)), newId: () => 'ai-1' }).retrospective.actionItems;
  return record ? { ...made, export: record } : made;
};
const made = (tracker: 'github' | 'jira', issue: string, url: string) => withIssueOutcome(newExport(tracker, 'alpha', 'Dana', NOW), 'alpha', { ok: true, issue, url }, NOW);

describe('follow-up labels (the Action Items view)', () => {
  it('says the issue and its state, a Jira key without "#", and nothing for an item never exported', () => {
    assert.equal(followupLabel(item()), undefined);
    assert.equal(followupLabel(item(newExport('github', 'alpha', 'Dana', NOW))), 'waiting');
    assert.equal(followupLabel(item(made('github', '12', 'https://github.com/acme/shop/issues/12'))), '#12 · exported');
    assert.equal(followupLabel(item(made('jira', 'OPS-7', 'https://acme.atlassian.net/browse/OPS-7'))), 'OPS-7 · exported');
    assert.equal(followupLabel(item({ ...made('github', '12', 'https://github.com/acme/shop/issues/12'), closedAt: NOW.toISOString() })), '#12 · closed');
  });

  it('gives the issue address only when it is http(s)', () => {
    assert.equal(followupUrl(item(made('github', '12', 'https://github.com/acme/shop/issues/12'))), 'https://github.com/acme/shop/issues/12');
    assert.equal(followupUrl(item(made('github', '12', 'http://ghe.internal/acme/shop/issues/12'))), 'http://ghe.internal/acme/shop/issues/12');
    for (const hostile of ['javascript:alert(1)', 'file:///etc/passwd', 'command:workbench.action.terminal.new', 'vscode://x/y', 'not a url'])
      assert.equal(followupUrl(item(made('github', '12', hostile))), undefined, hostile);
    assert.equal(followupUrl(item(newExport('github', 'alpha', 'Dana', NOW))), undefined);
  });

  it('says why an export failed on one clipped line, and nothing once it is made', () => {
    const failed = withIssueOutcome(newExport('github', 'alpha', 'Dana', NOW), 'alpha', { ok: false, reason: 'GitHub answered 401:\nBad credentials', retryable: false }, NOW);
    assert.equal(followupError(item(failed)), 'GitHub answered 401: Bad credentials');
    assert.equal(followupError(item({ ...failed, lastError: 'x'.repeat(500) }), 50)?.length, 50);
    assert.equal(followupError(item(made('github', '12', 'https://github.com/acme/shop/issues/12'))), undefined);
  });
});
