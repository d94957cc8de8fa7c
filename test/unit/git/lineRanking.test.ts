import * as assert from 'node:assert/strict';
import { addTimelineEvent } from '../../../src/core/lifecycle/timeline';
import { GitRepository } from '../../../src/git/gitRepository';
import { findSuspects } from '../../../src/workflows/suspects';
import { anIncident, ctx } from '../core/builders';
import { seededRandom } from '../seededRandom';
import { emptyRepo, git, importCommits, type CommitSpec } from './repoBuilder';

const FILE = 'router/index.js';

/**
 * A history where one line of router/index.js (the one holding "TARGET") is
 * changed by some commits, moved by others (lines inserted or deleted above
 * it), and left alone by the rest (other lines, another file). The line is
 * recognised by its content, so which commits changed it is known without
 * asking git to follow it.
 */
function historyAroundOneLine(seed: number): { dir: string; shas: string[]; good: number } {
  const random = seededRandom(seed);
  let filler = 0;
  const lines = Array.from({ length: 12 }, (_, i) => (i === 6 ? 'const target = "TARGET v0";' : `const filler${filler++} = ${i};`));
  let version = 0;
  const specs: CommitSpec[] = [{ message: 'Start', files: { [FILE]: `${lines.join('\n')}\n`, 'other.js': 'other 0\n' } }];
  for (let i = 1; i < 28; i++) {
    const target = lines.findIndex((line) => line.includes('TARGET'));
    const action = Math.floor(random() * 5);
    if (action === 0) lines[target] = `const target = "TARGET v${++version}";`;
    else if (action === 1) lines.splice(0, 0, ...Array.from({ length: 1 + Math.floor(random() * 3) }, () => `const filler${filler++} = 'above';`));
    else if (action === 2 && target > 1) lines.splice(Math.floor(random() * (target - 1)), 1);
    else if (action === 3) {
      const others = lines.map((_, index) => index).filter((index) => Math.abs(index - target) > 1);
      lines[others[Math.floor(random() * others.length)]] = `const filler${filler++} = 'changed';`;
    } else {
      specs.push({ message: `Other ${i}`, files: { 'other.js': `other ${i}\n` } });
      continue;
    }
    specs.push({ message: `Router ${i} (${['target', 'insert', 'delete', 'elsewhere'][action]})`, files: { [FILE]: `${lines.join('\n')}\n` } });
  }
  // Some target changes fall before the good end: they must not count.
  const dir = emptyRepo();
  return { dir, shas: importCommits(dir, specs), good: 5 };
}

/** The independent answer: commits of good..bad whose own diff adds or removes the TARGET line. */
function commitsChangingTarget(dir: string, good: string, bad: string): Set<string> {
  const range = git(dir, ['rev-list', `${good}..${bad}`])
    .trim()
    .split('\n');
  return new Set(range.filter((sha) => /^[-+].*TARGET/m.test(git(dir, ['show', '--format=', '-U0', sha, '--', FILE]))));
}

describe('ranking suspects by the evidence lines', () => {
  for (const seed of [7, 42, 1234]) {
    it(`ranks first exactly the commits that changed the stack frame's line, then the file's, then the rest (seed ${seed})`, async () => {
      const { dir, shas, good } = historyAroundOneLine(seed);
      const bad = shas.at(-1) as string;
      const line =
        git(dir, ['show', `${bad}:${FILE}`])
          .split('\n')
          .findIndex((text) => text.includes('TARGET')) + 1;
      const expected = commitsChangingTarget(dir, shas[good], bad);
      assert.ok(expected.size >= 2, 'the history changes the line more than once');

      const incident = addTimelineEvent(
        anIncident(),
        {
          kind: 'evidence',
          text: 'TypeError',
          data: {
            frames: [
              { file: FILE, line, function: 'route' },
              { file: 'node:internal/x', line: 1, outside: true },
            ],
          },
        },
        ctx(),
      );
      const answer = await findSuspects(new GitRepository(dir), incident, [], { good: shas[good], bad, limit: 100 });

      const byLine = answer.suspects.filter((s) => s.changedLines?.length);
      assert.deepEqual(new Set(byLine.map((s) => s.commit.sha)), expected);
      assert.deepEqual(
        answer.suspects.slice(0, expected.size).map((s) => s.commit.sha),
        byLine.map((s) => s.commit.sha),
        'line changes rank first',
      );
      for (const suspect of byLine) assert.equal(suspect.reason, `changed line ${line} of ${FILE}`);
      const fileOnly = answer.suspects.slice(expected.size).filter((s) => s.reason);
      assert.ok(fileOnly.length > 0);
      for (const suspect of fileOnly) assert.equal(suspect.reason, `changed ${FILE}`);
      const rest = answer.suspects.slice(expected.size + fileOnly.length);
      assert.ok(rest.length > 0 && rest.every((s) => s.reason === undefined && /^Other/.test(s.commit.subject)));
      assert.equal(answer.suspects.length, Number(git(dir, ['rev-list', '--count', `${shas[good]}..${bad}`]).trim()));
    });
  }

  it('ignores evidence lines of a file that is not in the bad revision, and paths that would leave the repository', async () => {
    const dir = emptyRepo();
    const shas = importCommits(dir, [
      { message: 'a', files: { 'a.js': '1\n' } },
      { message: 'b', files: { 'a.js': '2\n' } },
    ]);
    const changed = await new GitRepository(dir).commitsChangingLines(shas[0], shas[1], [
      { file: 'gone.js', line: 3 },
      { file: '../outside.js', line: 1 },
      { file: 'a.js', line: 1 },
    ]);
    assert.deepEqual([...changed], [[shas[1], [{ file: 'a.js', line: 1 }]]]);
  });
});
