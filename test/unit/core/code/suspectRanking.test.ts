import * as assert from 'node:assert/strict';
import { rankSuspects } from '../../../../src/core/code/suspectRanking';

/**
 * `git log --name-only --no-renames good..m3` of this history, newest first:
 *
 * good ─ m1 ─ m2 ───────── merge ─ m3   (main)
 *     └─ s1 (api/pay.ts) ─ s2 ┘          (side, branched at good)
 */
const commits = [
  { sha: 'm3', subject: 'Rename web', files: ['web/app.ts', 'web/main.ts'] },
  { sha: 'merge', subject: 'Merge side', files: [] },
  { sha: 's2', subject: 'Pay cache', files: ['api/cache.ts'] },
  { sha: 'm2', subject: 'Docs', files: ['README.md'] },
  { sha: 's1', subject: 'Pay rounding', files: ['api/money.ts', 'api/pay.ts'] },
  { sha: 'm1', subject: 'Tweak web', files: ['web/app.ts'] },
];

describe('ranking suspect commits by the evidence', () => {
  it('ranks suspects by evidence files touched, keeping git order on ties', () => {
    const ranked = rankSuspects(commits, ['./api/pay.ts', 'web/']);
    const subjects = ranked.map((r) => `${r.commit.subject}:${r.score}`);
    assert.deepEqual(subjects, ['Rename web:2', 'Pay rounding:1.25', 'Tweak web:1', 'Pay cache:0.25', 'Merge side:0', 'Docs:0']);
    assert.deepEqual(ranked[1].matchedFiles, ['api/pay.ts']);
    assert.deepEqual(
      rankSuspects(commits, []).map((r) => r.commit.sha),
      commits.map((c) => c.sha),
      'no evidence: git order',
    );
  });
});
