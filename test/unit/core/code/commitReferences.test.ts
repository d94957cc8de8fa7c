import * as assert from 'node:assert/strict';
import { addActionItem } from '../../../../src/core/lifecycle/changes';
import { applyCommitReferences, type ReferencedCommit } from '../../../../src/core/code/commitReferences';
import { STORE_SCHEMA_VERSION, type StoreDocument } from '../../../../src/core/record/schema';
import { anIncident, ctx, minutesAfter } from '../builders';

const ID = 'INC-1A2B3C4D';
const sha = (n: number) => n.toString(16).padStart(40, 'a');
const commit = (n: number, references: Partial<ReferencedCommit['references']>, minute = n): ReferencedCommit => ({
  sha: sha(n),
  subject: `Commit ${n}`,
  author: 'Ana <ana@example.com>',
  committedAt: minutesAfter(minute).toISOString(),
  references: { linked: [], offered: [], closesActions: [], ...references },
});

function store(): StoreDocument {
  const incident = addActionItem(anIncident(), { title: 'Alert on 5xx rate' }, { ...ctx(), newId: () => 'act1' });
  return { version: STORE_SCHEMA_VERSION, incidents: [incident], deploys: [] };
}

describe('applying commit references to the store', () => {
  it('links trailer commits once, oldest first, and a second pass changes nothing', () => {
    const commits = [commit(2, { linked: [{ incidentId: ID, relation: 'fix' }] }), commit(1, { linked: [{ incidentId: ID, relation: 'cause' }] })];
    const first = applyCommitReferences(store(), commits, ctx(minutesAfter(10)));
    assert.deepEqual(
      first.linked.map((l) => [l.sha, l.relation]),
      [
        [sha(1), 'cause'],
        [sha(2), 'fix'],
      ],
    );
    const incident = first.document.incidents[0];
    assert.deepEqual(
      incident.commits.map((c) => c.sha),
      [sha(1), sha(2)],
    );
    assert.equal(incident.timeline.filter((e) => e.kind === 'commit').length, 2);
    const second = applyCommitReferences(first.document, commits, ctx(minutesAfter(11)));
    assert.deepEqual(second.linked, []);
    assert.equal(second.document, first.document, 'nothing changed, so the same document comes back');
  });

  it('closes an open action item named by Closes-Action, recording the commit', () => {
    const outcome = applyCommitReferences(store(), [commit(3, { closesActions: ['act1', 'nope'] })], ctx(minutesAfter(10)));
    assert.deepEqual(outcome.closedActions, [{ incidentId: ID, actionId: 'act1', sha: sha(3) }]);
    const item = outcome.document.incidents[0].retrospective.actionItems[0];
    assert.equal(item.status, 'done');
    assert.equal(item.closedBy, sha(3));
    assert.match(outcome.document.incidents[0].timeline.at(-1)!.text, /^Action item done by aaaaaaaa: Alert on 5xx rate$/);
  });

  it('offers mentions instead of linking them, and reports trailer ids the store does not hold', () => {
    const outcome = applyCommitReferences(store(), [commit(4, { offered: [ID, 'INC-0ZZZZZZZ'], linked: [{ incidentId: 'INC-9ZZZZZZZ', relation: 'fix' }] })], ctx());
    assert.deepEqual(
      outcome.offered.map((o) => [o.incidentId, o.commit.sha]),
      [[ID, sha(4)]],
    );
    assert.deepEqual(outcome.unknownIncidents, ['INC-9ZZZZZZZ']);
    assert.deepEqual(outcome.document.incidents[0].commits, []);
  });
});
