import * as assert from 'node:assert/strict';
import { recordDeploy } from '../../../src/core/lifecycle/deploys';
import { STORE_SCHEMA_VERSION, type Deploy, type StoreDocument } from '../../../src/core/record/schema';
import { rankSuspects } from '../../../src/core/code/suspectRanking';
import { suspectRange } from '../../../src/core/code/suspectRange';
import { addTimelineEvent } from '../../../src/core/lifecycle/timeline';
import { GitRepository } from '../../../src/git/gitRepository';
import { findSuspects, NoSuspectRangeError } from '../../../src/workflows/suspects';
import { anIncident, ctx, minutesAfter, T0 } from '../core/builders';
import { emptyRepo, git, importCommits, logBetween } from './repoBuilder';

/** Deploys at the given minutes relative to T0 (the incident's declaration), each of `sha`. */
function withDeploys(deploys: Array<{ minute: number; sha?: string; status?: Deploy['status']; environment?: string; ref?: string }>): StoreDocument {
  let document: StoreDocument = { version: STORE_SCHEMA_VERSION, incidents: [anIncident()], deploys: [] };
  deploys.forEach((d, i) => {
    document = recordDeploy(
      document,
      { environment: d.environment ?? 'production', ref: d.ref ?? `v${i + 1}`, ...(d.sha ? { sha: d.sha } : {}), status: d.status ?? 'succeeded', incidentIds: [] },
      ctx(minutesAfter(d.minute)),
    ).document;
  });
  return document;
}

const sha = (c: string) => c.repeat(40);

describe('where suspects are looked for', () => {
  it('runs from the successful deploy before the one live at the start to that one', () => {
    const document = withDeploys([
      { minute: -300, sha: sha('a') },
      { minute: -200, sha: sha('b') },
      { minute: -100, sha: sha('c'), status: 'failed' },
      { minute: -30, sha: sha('d') },
      { minute: 60, sha: sha('e') },
    ]);
    const answer = suspectRange(document.incidents[0], document.deploys);
    assert.ok(answer.kind === 'range');
    assert.equal(answer.range.good.sha, sha('b'));
    assert.equal(answer.range.bad?.sha, sha('d'));
  });

  it('with one deploy before the start, runs from it to the next deploy, else to HEAD', () => {
    const one = withDeploys([
      { minute: -30, sha: sha('a') },
      { minute: 45, sha: sha('b') },
    ]);
    const answer = suspectRange(one.incidents[0], one.deploys);
    assert.ok(answer.kind === 'range');
    assert.deepEqual([answer.range.good.sha, answer.range.bad?.sha], [sha('a'), sha('b')]);
    const alone = withDeploys([{ minute: -30, sha: sha('a') }]);
    const toHead = suspectRange(alone.incidents[0], alone.deploys);
    assert.ok(toHead.kind === 'range' && toHead.range.bad === undefined);
  });

  it("stays in the incident's environment and explains when nothing fits", () => {
    const document = withDeploys([
      { minute: -50, sha: sha('a'), environment: 'staging' },
      { minute: -40, sha: sha('b'), environment: 'staging' },
      { minute: 10, sha: sha('c') },
    ]);
    const answer = suspectRange(document.incidents[0], document.deploys);
    assert.ok(answer.kind === 'unknown');
    assert.match(answer.reason, /no production deploy with a commit is recorded before the incident started/);
    assert.match((suspectRange(anIncident(), []) as { reason: string }).reason, /no deploys are recorded/);
  });
});

describe('suspect commits (real git)', () => {
  it('are `git rev-list good..bad` between the deploys, evidence-touching commits first', async () => {
    const dir = emptyRepo();
    const shas = importCommits(dir, [
      { message: 'Release 1', files: { 'api/pay.ts': 'v1', 'web/app.ts': 'v1' } },
      { message: 'Tweak web', files: { 'web/app.ts': 'v2' } },
      { message: 'Pay rounding', branch: 'side', parent: 0, files: { 'api/pay.ts': 'v2' } },
      { message: 'Docs', files: { 'README.md': 'v2' } },
      { message: 'Merge side', merges: [2], files: { 'api/pay.ts': 'v2' } },
      { message: 'After the bad deploy', files: { 'web/app.ts': 'v3' } },
    ]);
    let document = withDeploys([
      { minute: -120, sha: shas[0] },
      { minute: -20, sha: shas[4] },
    ]);
    document = {
      ...document,
      incidents: [addTimelineEvent(document.incidents[0], { kind: 'evidence', text: 'stack trace', data: { file: 'api/pay.ts', startLine: 3 } }, ctx(T0))],
    };
    const answer = await findSuspects(new GitRepository(dir), document.incidents[0], document.deploys);
    const expected = git(dir, ['rev-list', `${shas[0]}..${shas[4]}`])
      .trim()
      .split('\n');
    assert.deepEqual(answer.suspects.map((s) => s.commit.sha).sort(), [...expected].sort());
    assert.equal(answer.suspects.length, 4);
    assert.equal(answer.more, false);
    assert.deepEqual(
      answer.suspects
        .slice(0, 2)
        .map((s) => s.commit.subject)
        .sort(),
      ['Merge side', 'Pay rounding'],
    );
    assert.match(answer.rangeText, /^production deploy v1 \(\w{8}\)\.\.production deploy v2 \(\w{8}\)$/);
  });

  it('take named ends instead, refuse hostile ones, and say so when there is no range', async () => {
    const dir = emptyRepo();
    const shas = importCommits(dir, [{ message: 'a' }, { message: 'b' }, { message: 'c' }]);
    const repo = new GitRepository(dir);
    const answer = await findSuspects(repo, anIncident(), [], { good: shas[0] });
    assert.deepEqual(
      answer.suspects.map((s) => s.commit.subject),
      ['c', 'b'],
    );
    await assert.rejects(findSuspects(repo, anIncident(), [], { good: '--output=/tmp/x' }), /not a usable revision/);
    await assert.rejects(findSuspects(repo, anIncident(), []), NoSuspectRangeError);
  });

  it('rank a page exactly as ranking the whole range would, whatever the page size', async () => {
    const dir = emptyRepo();
    const specs = Array.from({ length: 24 }, (_, i) => ({
      message: `Change ${i}`,
      ...(i % 5 === 2 ? { branch: 'side', ...(i === 2 ? { parent: 0 } : {}) } : {}),
      ...(i % 5 === 4 && i > 2 ? { merges: [i - 2] } : {}),
      files: { [['api/pay.ts', 'api/money.ts', 'web/app.ts', 'docs/a.md'][i % 4]]: `v${i}` },
    }));
    const shas = importCommits(dir, specs);
    const repo = new GitRepository(dir);
    const evidence = ['api/pay.ts'];
    const incident = addTimelineEvent(anIncident(), { kind: 'evidence', text: 'trace', data: { file: 'api/pay.ts', startLine: 1 } }, ctx(T0));
    const everything = rankSuspects(logBetween(dir, shas[0], 'main', ['api/pay.ts', 'api']), evidence);
    assert.ok(everything.filter((s) => s.score > 0).length >= 4 && everything.length > 15, 'the history has touched and untouched commits');
    for (const limit of [1, 3, 5, 10, 100]) {
      const answer = await findSuspects(repo, incident, [], { good: shas[0], limit });
      assert.equal(answer.more, everything.length > limit);
      assert.deepEqual(
        answer.suspects.map((s) => [s.commit.sha, s.score, s.matchedFiles]),
        everything.slice(0, limit).map((s) => [s.commit.sha, s.score, s.matchedFiles]),
        `limit ${limit}`,
      );
    }
  });
});
