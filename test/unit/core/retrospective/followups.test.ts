/**
 * Follow-ups in the record: an action item's export joins across clones as
 * a semilattice beside the item's own edits (nothing lost, in any order);
 * the closing of its issue marks the item done once, with one timeline
 * event on every clone; the requests built for each tracker have the
 * documented shapes (test/harness/trackerSchemas.ts); the postmortem links
 * the issue; a store without exports keeps its bytes.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { nextDeliveryStep, withClaim, withSending, withUncertain } from '../../../../src/core/delivery/deliveryRecords';
import { addActionItem, setActionItemStatus } from '../../../../src/core/lifecycle/changes';
import { joinIncidents } from '../../../../src/core/merge/merge';
import {
  followupState,
  issueContent,
  joinExports,
  newExport,
  retriedExport,
  withExportAsked,
  withExportChanged,
  withIssueClosed,
  withIssueOutcome,
} from '../../../../src/core/retrospective/followups';
import { renderPostmortem } from '../../../../src/core/retrospective/postmortem';
import { createIssueRequest, getIssueRequest, readCreatedIssue, readIssueClosed, type TrackerSettings } from '../../../../src/core/retrospective/trackerRequests';
import { incidentSchema, type Incident, type TrackerExport } from '../../../../src/core/record/schema';
import { canonicalDocument, formatStore } from '../../../../src/store/stableFormat';
import { GITHUB_CREATE_ISSUE, GITLAB_CREATE_ISSUE, JIRA_CREATE_ISSUE, schemaProblems } from '../../../harness/trackerSchemas';
import { anIncident, ctx, minutesAfter } from '../builders';

const MACHINES = ['alpha', 'beta', 'gamma'] as const;
const withItem = (): Incident => addActionItem(anIncident(), { title: 'Add a canary', owner: 'Sam' }, { ...ctx(minutesAfter(1)), newId: () => 'ai-1' });

/** An export in any state a clone can reach: asked by any machine, claimed, sending, made, failed, uncertain, retried, closed. */
const anExport: fc.Arbitrary<TrackerExport> = fc
  .tuple(
    fc.constantFrom(...MACHINES),
    fc.constantFrom(...MACHINES),
    fc.integer({ min: 0, max: 2 }),
    fc.integer({ min: 0, max: 9 }),
    fc.constantFrom('asked', 'claim', 'sending', 'made', 'offline', 'refused', 'uncertain', 'retried', 'closed'),
  )
  .map(([asker, machine, round, minutes, what]) => {
    const at = minutesAfter(minutes);
    const asked = newExport('github', asker, asker, minutesAfter(2));
    if (what === 'asked') return asked;
    const claimed = withClaim(asked, machine, round, at);
    if (what === 'claim') return claimed;
    const sending = withSending(claimed, machine, at);
    if (what === 'sending') return sending;
    if (what === 'uncertain') return withUncertain(sending);
    if (what === 'offline') return withIssueOutcome(sending, machine, { ok: false, reason: 'connection refused', retryable: true, unsent: true }, at);
    if (what === 'refused') return withIssueOutcome(sending, machine, { ok: false, reason: '401', retryable: false }, at);
    if (what === 'retried') return retriedExport(withUncertain(sending), machine, at);
    const made = withIssueOutcome(sending, machine, { ok: true, issue: String(minutes), url: `https://github.example/acme/shop/issues/${minutes}` }, at);
    return what === 'closed' ? { ...made, closedAt: minutesAfter(20 + minutes).toISOString() } : made;
  });

/** A copy of the item as a clone may hold it: its status edited at some time, and any export. */
const aCopy = fc.tuple(fc.option(anExport, { nil: undefined }), fc.constantFrom('open', 'done', 'wontfix'), fc.integer({ min: 0, max: 5 })).map(([record, status, minutes]) => {
  const edited = setActionItemStatus(withItem(), 'ai-1', status as 'open', { ...ctx(minutesAfter(3 + minutes)), newId: () => `e-${status}-${minutes}` });
  return record ? withExportChanged(withExportAsked(edited, 'ai-1', 'github', 'alpha', 'Dana', minutesAfter(2)), 'ai-1', () => record) : edited;
});

/** The item exported by alpha as issue #7. */
function exportedAsSeven(): Incident {
  const asked = withClaim(newExport('github', 'alpha', 'Dana', minutesAfter(2)), 'alpha', 0, minutesAfter(2));
  const made = withIssueOutcome(withSending(asked, 'alpha', minutesAfter(2)), 'alpha', { ok: true, issue: '7', url: 'https://github.example/i/7' }, minutesAfter(2));
  return withExportChanged(withExportAsked(withItem(), 'ai-1', 'github', 'alpha', 'Dana', minutesAfter(2)), 'ai-1', () => made);
}

const text = (incident: Incident) => formatStore(canonicalDocument({ version: 1, incidents: [incident], deploys: [] } as never));

describe('follow-ups in the record', () => {
  it('join as a semilattice across clones, beside the item’s own edits: commutative, associative, idempotent', () => {
    fc.assert(
      fc.property(aCopy, aCopy, aCopy, (a, b, c) => {
        assert.equal(text(joinIncidents(a, b)), text(joinIncidents(b, a)), 'commutative');
        assert.equal(text(joinIncidents(joinIncidents(a, b), c)), text(joinIncidents(a, joinIncidents(b, c))), 'associative');
        assert.equal(text(joinIncidents(a, a)), text(a), 'idempotent');
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the made issue whatever the other copy holds (sent absorbs), the earliest closing, and the later status edit', () => {
    fc.assert(
      fc.property(anExport, anExport, (x, y) => {
        const joined = joinExports(x, y) as TrackerExport;
        if (x.state === 'sent' || y.state === 'sent') assert.equal(joined.state, 'sent');
        const closings = [x.closedAt, y.closedAt].filter((at): at is string => !!at).sort();
        assert.equal(joined.closedAt, closings[0]);
      }),
    );
    const exported = exportedAsSeven();
    const renamedElsewhere = setActionItemStatus(withItem(), 'ai-1', 'wontfix', ctx(minutesAfter(9)));
    const joined = joinIncidents(exported, renamedElsewhere).retrospective.actionItems[0];
    assert.equal(joined.status, 'wontfix');
    assert.equal(joined.export?.issue, '7');
  });

  it('marks the item done once when its issue closes, with one event every clone writes alike', () => {
    const exported = exportedAsSeven();
    assert.equal(followupState(exported.retrospective.actionItems[0]), 'exported');
    const onAlpha = withIssueClosed(exported, 'ai-1', minutesAfter(30), 'alpha');
    const onBeta = withIssueClosed(exported, 'ai-1', minutesAfter(31), 'beta');
    assert.equal(withIssueClosed(onAlpha, 'ai-1', minutesAfter(40), 'alpha'), onAlpha, 'seen twice changes nothing');
    const joined = joinIncidents(onAlpha, onBeta);
    assert.equal(joined.retrospective.actionItems[0].status, 'done');
    assert.equal(followupState(joined.retrospective.actionItems[0]), 'closed');
    assert.equal(joined.timeline.filter((event) => /was closed in GitHub/.test(event.text)).length, 1);
    assert.match(renderPostmortem(joined, [], { generatedAt: minutesAfter(50) }), /\[#7\]\(https:\/\/github\.example\/i\/7\)/);
  });

  it('an offline try never uses the attempts up; a refusal does', () => {
    let record = withClaim(newExport('gitlab', 'alpha', 'Dana', minutesAfter(0)), 'alpha', 0, minutesAfter(0));
    for (let attempt = 0; attempt < 12; attempt++)
      record = withIssueOutcome(
        withSending(record, 'alpha', minutesAfter(attempt)),
        'alpha',
        { ok: false, reason: 'offline', retryable: true, unsent: true },
        minutesAfter(attempt),
      );
    assert.equal(record.state, 'pending');
    const refused = withIssueOutcome(withSending(record, 'alpha', minutesAfter(20)), 'alpha', { ok: false, reason: '401', retryable: false }, minutesAfter(20));
    assert.equal(refused.state, 'failed');
    const uncertain = withIssueOutcome(
      withSending(record, 'alpha', minutesAfter(20)),
      'alpha',
      { ok: false, reason: 'timeout', retryable: true, uncertain: true },
      minutesAfter(20),
    );
    assert.deepEqual([uncertain.state, uncertain.uncertain], ['failed', true]);
    // A person's retry: pending in a new round with no claim yet, so even the retrying machine claims and syncs first.
    const again = retriedExport(uncertain, 'alpha', minutesAfter(21));
    assert.equal(again.state, 'pending');
    assert.deepEqual(nextDeliveryStep(again, 'alpha', minutesAfter(21)), { do: 'claim', round: again.round });
  });

  it('builds each tracker’s requests in its documented shape and reads its answers', () => {
    const incident = withItem();
    const content = issueContent(incident, incident.retrospective.actionItems[0], 'https://example.com/incidents#INC');
    const settings = (kind: TrackerSettings['kind'], project: string): TrackerSettings => ({
      kind,
      baseUrl: 'https://api.example',
      project,
      labels: ['follow-up'],
      email: 'bot@example.com',
      issueType: 'Task',
    });
    const github = createIssueRequest(settings('github', 'acme/shop'), content);
    assert.equal(github.url, 'https://api.example/repos/acme/shop/issues');
    assert.deepEqual(schemaProblems(JSON.parse(github.body as string), GITHUB_CREATE_ISSUE), []);
    assert.equal(github.headers['X-GitHub-Api-Version'], '2022-11-28');
    const gitlab = createIssueRequest(settings('gitlab', 'acme/shop'), content);
    assert.equal(gitlab.url, 'https://api.example/api/v4/projects/acme%2Fshop/issues');
    assert.deepEqual(schemaProblems(JSON.parse(gitlab.body as string), GITLAB_CREATE_ISSUE), []);
    const jira = createIssueRequest(settings('jira', 'OPS'), { ...content, title: 'two\nlines' });
    assert.deepEqual(schemaProblems(JSON.parse(jira.body as string), JIRA_CREATE_ISSUE), []);
    assert.equal(getIssueRequest(settings('jira', 'OPS'), 'OPS-3').url, 'https://api.example/rest/api/3/issue/OPS-3?fields=status');
    assert.deepEqual(readCreatedIssue(settings('github', 'acme/shop'), '{"number":4,"html_url":"https://github.com/acme/shop/issues/4"}'), {
      issue: '4',
      url: 'https://github.com/acme/shop/issues/4',
    });
    assert.equal(readCreatedIssue(settings('github', 'acme/shop'), '{"number":4,"html_url":"javascript:alert(1)"}'), undefined);
    assert.equal(readIssueClosed(settings('gitlab', 'x'), '{"state":"opened"}'), false);
    assert.equal(readIssueClosed(settings('jira', 'OPS'), '{"fields":{"status":{"statusCategory":{"key":"done"}}}}'), true);
    assert.equal(readIssueClosed(settings('github', 'x'), 'not json'), undefined);
  });

  it('leaves an item without an export as it was: no key added, and an exported one parses back unchanged', () => {
    const plain = withItem();
    assert.equal('export' in plain.retrospective.actionItems[0], false);
    assert.equal(text(incidentSchema.parse(JSON.parse(JSON.stringify(plain)))), text(plain));
    const exported = withExportAsked(plain, 'ai-1', 'jira', 'alpha', 'Dana', minutesAfter(2));
    assert.equal(text(incidentSchema.parse(JSON.parse(JSON.stringify(exported)))), text(exported));
  });
});
