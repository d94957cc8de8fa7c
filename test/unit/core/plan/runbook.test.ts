import * as assert from 'node:assert/strict';
import { parseRunbook, runbookApplies } from '../../../../src/core/plan/runbook';

const runbook = (front: string, body: string) => `---\n${front}\n---\n${body}`;

describe('runbooks (src/core/plan/runbook.ts)', () => {
  it('reads the front matter subset and takes the steps under "## Steps" only, skipping code blocks and nested items', () => {
    const parsed = parseRunbook(
      runbook(
        'title: "Roll back"\ncategories: [regression, performance]  # the usual ones\nseverities:\n  - SEV1\n  - SEV2',
        '# Roll back\n- not a step (intro)\n## Steps\n- [ ] Freeze deploys\n  - nested detail\n1. Roll back\n2) Watch\n```\n- inside code\n```\n### Detail\n- [x] Announce\n## Notes\n- a note, not a step\n',
      ),
    );
    assert.ok(parsed.runbook, JSON.stringify(parsed.problems));
    assert.equal(parsed.runbook.title, 'Roll back');
    assert.deepEqual(parsed.runbook.categories, ['regression', 'performance']);
    assert.deepEqual(parsed.runbook.severities, ['SEV1', 'SEV2']);
    assert.deepEqual(parsed.runbook.steps, [
      { text: 'Freeze deploys', line: 11 },
      { text: 'Roll back', line: 13 },
      { text: 'Watch', line: 14 },
      { text: 'Announce', line: 19 },
    ]);
  });

  it('takes every top-level list item when there is no "## Steps" heading; no categories means every incident', () => {
    const parsed = parseRunbook(runbook('title: Any', 'Do this:\n- First\n* Second\n'));
    assert.deepEqual(
      parsed.runbook?.steps.map((step) => step.text),
      ['First', 'Second'],
    );
    assert.ok(parsed.runbook && runbookApplies(parsed.runbook, 'security', 'SEV4'));
    assert.equal(runbookApplies({ categories: ['regression'], severities: [] }, 'security', 'SEV1'), false);
    assert.equal(runbookApplies({ categories: [], severities: ['SEV1'] }, 'security', 'SEV2'), false);
  });

  it('names the line and column of each problem in the front matter', () => {
    assert.deepEqual(
      parseRunbook('# No front matter\n- step\n').problems.map((p) => [p.line, p.column]),
      [[1, 1]],
    );
    assert.match(parseRunbook('---\ntitle: x\n- step\n').problems[0].message, /not closed/);
    const broken = parseRunbook(runbook('title: X\ncategories: [regression, outage]\nowner: me\nseverities: SEV1', '- step'));
    assert.deepEqual(
      broken.problems.map(({ line, column, message }) => [line, column, message.split(';')[0]]),
      [
        [3, 13, '"outage" is not a category of the plan'],
        [4, 1, 'unknown key "owner"'],
        [5, 13, 'severities is a list: write [SEV1, SEV2]'],
      ],
    );
    const empty = parseRunbook(runbook('categories: []', 'Nothing to do.\n'));
    assert.deepEqual(
      empty.problems.map((p) => [p.line, p.message.split(':')[0]]),
      [
        [1, 'the runbook needs a "title'],
        [4, 'no steps'],
      ],
    );
  });

  it('refuses a step longer than a task can hold, at its line, so the runbook is left out instead of failing every declaration', () => {
    const parsed = parseRunbook(runbook('title: Big', `## Steps\n- [ ] Fine\n- [ ] ${'x'.repeat(100_001)}\n- [ ] ${'y'.repeat(100_000)}\n`));
    assert.deepEqual(parsed.problems, [
      { line: 6, column: 7, message: 'step 2 is 100001 characters long; a step can be at most 100000: shorten it, and put the detail under another heading' },
    ]);
  });

  it('only accepts the categories the plan defines', () => {
    const parsed = parseRunbook(runbook('title: X\ncategories: [security]', '- step'), ['regression']);
    assert.match(parsed.problems[0]?.message ?? '', /"security" is not a category of the plan; use regression/);
  });
});
