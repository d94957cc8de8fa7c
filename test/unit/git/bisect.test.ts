import * as assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Incident } from '../../../src/core/record/schema';
import { BisectStoppedError, parseBisectOutput } from '../../../src/git/bisectRun';
import { BISECT_PREFIX } from '../../../src/git/bisectWorktree';
import { GitRepository } from '../../../src/git/gitRepository';
import { bisectIncident, type BisectRequest, type BisectResult } from '../../../src/workflows/bisect';
import { anIncident, ctx } from '../core/builders';
import { brokenHistory, rawBisect, TELLS, userState } from './bisectHistories';
import { emptyRepo, git } from './repoBuilder';

/** Runs the workflow on an in-memory incident; returns the result (or the error) and the incident as it ends up. */
async function bisect(dir: string, request: Omit<BisectRequest, 'linkCause'> & { linkCause?: boolean }): Promise<{ result?: BisectResult; error?: unknown; incident: Incident }> {
  let incident = anIncident();
  const context = ctx();
  try {
    const result = await bisectIncident(new GitRepository(dir), incident, [], { linkCause: true, ...request }, async (id, change) => {
      assert.equal(id, incident.id);
      incident = change(incident, context);
    });
    return { result, incident };
  } catch (error) {
    return { error, incident };
  }
}

const bisectNotes = (incident: Incident) => incident.timeline.filter((event) => event.kind === 'note' && event.data?.bisect).map((event) => event.text);
const ourWorktrees = () => readdirSync(tmpdir()).filter((name) => name.startsWith(BISECT_PREFIX) && name.includes(`-${process.pid}-`));

describe('bisect between deploys', function () {
  // Each test runs real bisects (a worktree, a checkout per step): seconds each, more on a busy machine.
  this.timeout(120_000);

  it('reads what git bisect says: the next commit with the steps left, the first bad commit, the candidates skips leave', () => {
    const a = 'a'.repeat(40);
    const b = 'b'.repeat(40);
    assert.deepEqual(parseBisectOutput(`Bisecting: 9 revisions left to test after this (roughly 3 steps)\n[${a}] c10\n`), { kind: 'next', sha: a, left: 3 });
    assert.deepEqual(parseBisectOutput(`${a} is the first bad commit\ncommit ${a}\n`), { kind: 'found', sha: a });
    assert.deepEqual(parseBisectOutput(`There are only 'skip'ped commits left to test.\nThe first bad commit could be any of:\n${a}\n${b}\nWe cannot bisect more!\n`), {
      kind: 'ambiguous',
      candidates: [a, b],
    });
  });

  for (const seed of [1, 2, 3, 4]) {
    it(`finds the commit git bisect run finds on a history with merges (seed ${seed}), links it as the cause and writes every step`, async () => {
      const dir = emptyRepo();
      const history = brokenHistory(dir, seed, 40);
      const expected = rawBisect(dir, history.root, history.tip, TELLS);
      // The independent answer: with one breaking commit and badness following ancestry, it is the first bad commit.
      assert.equal(expected.found, history.shas[history.breaking]);
      const { result, error, incident } = await bisect(dir, { command: TELLS, good: history.root, bad: history.tip });
      assert.equal(error, undefined);
      assert.ok(result?.kind === 'found');
      assert.equal(result.commit.sha, expected.found);
      assert.deepEqual(
        incident.commits.map((commit) => [commit.sha, commit.relation]),
        [[expected.found, 'cause']],
      );
      const notes = bisectNotes(incident);
      assert.match(notes[0], /^Bisect started on /);
      assert.equal(notes.filter((text) => /^Bisect step \d+: [0-9a-f]{8} is (good|bad)/.test(text)).length, result.steps);
      assert.match(notes.at(-1) ?? '', new RegExp(`^Bisect finished: ${expected.found?.slice(0, 8)} is the first bad commit`));
      assert.deepEqual(ourWorktrees(), []);
    });
  }

  it('goes on past skipped commits (exit 125) and finds the same commit', async () => {
    const dir = emptyRepo();
    const history = brokenHistory(dir, 7, 30, { breaking: 17, skipped: [9, 14, 22] });
    const command = `if [ -f skip-marker ]; then exit 125; fi; ${TELLS}`;
    const { result, incident } = await bisect(dir, { command, good: history.root, bad: history.tip });
    assert.ok(result?.kind === 'found');
    assert.equal(result.commit.sha, history.shas[17]);
    assert.equal(rawBisect(dir, history.root, history.tip, command).found, history.shas[17]);
    assert.ok(incident.commits.some((commit) => commit.sha === history.shas[17] && commit.relation === 'cause'));
  });

  it('when skips hide the breaking commit, reports the candidates git reports and links nothing', async () => {
    const dir = emptyRepo();
    // Skip the breaking commit itself: git can then only narrow it down to it and its bad children.
    const history = brokenHistory(dir, 11, 24, { breaking: 12, skipped: [12] });
    const command = `if [ -f skip-marker ]; then exit 125; fi; ${TELLS}`;
    const expected = rawBisect(dir, history.root, history.tip, command);
    const { result, incident } = await bisect(dir, { command, good: history.root, bad: history.tip });
    assert.ok(result?.kind === 'ambiguous', JSON.stringify(result));
    assert.deepEqual(result.candidates.map((commit) => commit.sha).sort(), [...(expected.candidates ?? [])].sort());
    assert.ok(result.candidates.some((commit) => commit.sha === history.shas[12]));
    assert.deepEqual(incident.commits, []);
  });

  for (const [what, command] of [
    ['always passes', 'true'],
    ['always fails', 'false'],
  ]) {
    it(`a command that ${what} does not tell good from bad: reported, nothing linked or written`, async () => {
      const dir = emptyRepo();
      const history = brokenHistory(dir, 5, 12);
      const { result, incident } = await bisect(dir, { command, good: history.root, bad: history.tip });
      assert.ok(result?.kind === 'cannot-tell');
      assert.deepEqual([result.badExit, result.goodExit], command === 'true' ? [0, 0] : [1, 1]);
      assert.deepEqual(incident.commits, []);
      assert.deepEqual(bisectNotes(incident), []);
      assert.deepEqual(ourWorktrees(), []);
    });
  }

  it("cancelled mid-run: the worktree goes, the user's work tree, index, HEAD, refs (their own bisect too) and stash stay byte for byte, the timeline says it stopped", async () => {
    const dir = emptyRepo();
    const history = brokenHistory(dir, 3, 60);
    // The user's clone mid-work: a stash, a staged and an unstaged change, and a bisect of their own in progress.
    writeFileSync(join(dir, 'stashed.txt'), 'stash me\n');
    git(dir, ['add', 'stashed.txt']);
    git(dir, ['stash', 'push', '--quiet']);
    writeFileSync(join(dir, 'staged.txt'), 'staged\n');
    git(dir, ['add', 'staged.txt']);
    writeFileSync(join(dir, 'src', 'file1.txt'), 'edited, not staged\n');
    git(dir, ['bisect', 'start', '--no-checkout', history.tip, history.root, '--']);
    const before = userState(dir);
    const abort = new AbortController();
    const { error, incident } = await bisect(dir, {
      command: TELLS,
      good: history.root,
      bad: history.tip,
      signal: abort.signal,
      onProgress: ({ done }) => done === 2 && abort.abort(),
    });
    assert.equal((error as Error | undefined)?.name, 'AbortError');
    assert.deepEqual(userState(dir), before);
    assert.deepEqual(ourWorktrees(), []);
    assert.match(bisectNotes(incident).at(-1) ?? '', /^Bisect stopped after 2 step\(s\): cancelled/);
    assert.deepEqual(incident.commits, []);
  });

  it('stops like git bisect run when the command exits above 127 or overruns its time limit', async () => {
    const dir = emptyRepo();
    // Only the tip is bad, so the first commit bisect tests is good-looking: the second good-looking run exits 200 (the first, on the good end, left good-seen behind).
    const history = brokenHistory(dir, 8, 20, { breaking: 19 });
    const high = await bisect(dir, {
      command: `if [ -f broken-marker ]; then exit 1; fi; [ -f good-seen ] && exit 200; touch good-seen; exit 0`,
      good: history.root,
      bad: history.tip,
    });
    assert.ok(high.error instanceof BisectStoppedError, String(high.error ?? JSON.stringify(high.result)));
    assert.match(bisectNotes(high.incident).at(-1) ?? '', /^Bisect stopped after 0 step\(s\): the command exited with 200/);
    const slow = await bisect(dir, { command: `if [ -f broken-marker ]; then exit 1; fi; exec sleep 30`, good: history.root, bad: history.tip, stepTimeoutMs: 300 });
    assert.ok(slow.error instanceof BisectStoppedError, String(slow.error));
    assert.match(slow.error.message, /ran longer than/);
    // The same limit inside git bisect run: the first good-looking commit after the good end hangs.
    const hangs = await bisect(dir, {
      command: `if [ -f broken-marker ]; then exit 1; fi; [ -f good-seen ] && exec sleep 60; touch good-seen`,
      good: history.root,
      bad: history.tip,
      stepTimeoutMs: 300,
    });
    assert.ok(hangs.error instanceof BisectStoppedError, String(hangs.error ?? JSON.stringify(hangs.result)));
    assert.match(bisectNotes(hangs.incident).at(-1) ?? '', /^Bisect stopped after 0 step\(s\): the command ran longer than 0.3 s/);
    assert.deepEqual(ourWorktrees(), []);
  });
});
