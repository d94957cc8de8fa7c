import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPlan } from '../../../src/core/plan/plan';
import { jsonPathOffset, lineColumn } from '../../../src/store/jsonPathOffset';
import { formatProblem, PlanFileError, parsePlanText, planRelativePath, readPlanFile, readRunbooks } from '../../../src/store/planFile';
import { tempRepo } from './tempRepo';

function repoWithPlan(text: string): string {
  const root = tempRepo();
  mkdirSync(join(root, '.incidents'));
  writeFileSync(join(root, '.incidents', 'plan.json'), text);
  return root;
}

function planProblems(root: string, dir = '.incidents'): string[] {
  try {
    readPlanFile(root, dir);
  } catch (error) {
    assert.ok(error instanceof PlanFileError, String(error));
    return error.problems.map(formatProblem);
  }
  assert.fail('the plan was accepted');
}

describe('the plan file (src/store/planFile.ts)', () => {
  it('is next to the store, and a missing one reads as undefined (the defaults apply)', () => {
    assert.equal(planRelativePath('.incidents'), '.incidents/plan.json');
    assert.equal(planRelativePath('ops/log'), 'ops/log/plan.json');
    assert.equal(planRelativePath('.'), 'plan.json');
    assert.equal(readPlanFile(tempRepo(), '.incidents'), undefined);
  });

  it('reads a valid plan', () => {
    const root = repoWithPlan(JSON.stringify({ version: 1, roles: { commander: ['Dana Ortiz <dana@example.com>'] } }, null, 2));
    assert.deepEqual(readPlanFile(root, '.incidents')?.roles.commander, ['Dana Ortiz <dana@example.com>']);
  });

  it('places each schema problem at the offending value, or at the unknown key, with line and column', () => {
    const text = [
      '{',
      '  "version": 1,',
      '  "triage": {',
      '    "confidentiality": [{ "id": "a", "text": "A?", "suggestedSeverity": "SEV9" }],',
      '    "integrity": [],',
      '    "availability": [{ "id": "b", "text": "B?", "sugestedCategory": "security" }]',
      '  },',
      '  "channels": [{ "name": "ops", "audience": "team", "reach": "#ops", "updateEvery": "soon" }]',
      '}',
    ].join('\n');
    assert.deepEqual(planProblems(repoWithPlan(text)), [
      '.incidents/plan.json:4:73: triage.confidentiality[0].suggestedSeverity must be one of SEV1, SEV2, SEV3, SEV4 (got "SEV9")',
      '.incidents/plan.json:6:49: triage.availability[0].sugestedCategory: a key the plan does not have (a typo?)',
      '.incidents/plan.json:8:85: channels[0].updateEvery must be a duration like "15m", "4h", "7d", "8bh", "1bd" or "next business day" (got "soon")',
    ]);
  });

  it('says what is missing, where a version is newer, and where JSON breaks', () => {
    assert.deepEqual(planProblems(repoWithPlan('{\n  "roles": {}\n}\n')), ['.incidents/plan.json:1:1: version is missing']);
    assert.match(planProblems(repoWithPlan('{ "version": 3 }'))[0], /^\.incidents\/plan\.json:1:14: version 3 is newer than this tool's 1; update/);
    assert.match(planProblems(repoWithPlan('{\n  "version": 1,\n  "roles": {,}\n}'))[0], /^\.incidents\/plan\.json:3:13: not valid JSON/);
    assert.deepEqual(parsePlanText('p.json', '{ "version": 1, "categories": [] }').problems.map(formatProblem), ['p.json:1:31: categories must not be empty (got [])']);
  });

  it('reports arrays nested thousands deep at the first level too deep, without overflowing the stack', () => {
    const text = `{\n  "version": 1,\n  "reporting": ${'['.repeat(10_000)}${']'.repeat(10_000)}\n}\n`;
    assert.deepEqual(parsePlanText('.incidents/plan.json', text).problems.map(formatProblem), [
      '.incidents/plan.json:3:271: arrays and objects are nested more than 256 deep here; a plan needs a few levels: remove this value',
    ]);
    assert.deepEqual(planProblems(repoWithPlan(`${'['.repeat(10_000)}${']'.repeat(10_000)}`)), [
      '.incidents/plan.json:1:257: arrays and objects are nested more than 256 deep here; a plan needs a few levels: remove this value',
    ]);
  });

  it('refuses a plan.json that is a symbolic link to a file outside the repository, and leaves both files as they were', () => {
    const outside = join(mkdtempSync(join(tmpdir(), 'incident-outside-')), 'plan.json');
    const text = JSON.stringify({ version: 1 });
    writeFileSync(outside, text);
    const root = tempRepo();
    mkdirSync(join(root, '.incidents'));
    symlinkSync(outside, join(root, '.incidents', 'plan.json'));
    const [problem] = planProblems(root);
    assert.match(problem, /^\.incidents\/plan\.json:1:1: \.incidents\/plan\.json is a symbolic link to .*never follows links/);
    assert.equal(readFileSync(outside, 'utf8'), text);
  });

  it("reads the runbooks of the plan's folder, and reports a broken front matter with file and line", () => {
    const root = tempRepo();
    const folder = join(root, '.incidents', 'runbooks');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'good.md'), '---\ntitle: Good\nseverities: [SEV1]\n---\n## Steps\n- [ ] One\n- [ ] Two\n');
    writeFileSync(join(folder, 'broken.md'), '---\ntitle: Broken\ncategories: regression\n---\n- step\n');
    writeFileSync(join(folder, 'notes.txt'), 'not a runbook');
    const { runbooks, problems } = readRunbooks(root, defaultPlan());
    assert.deepEqual(
      runbooks.map((runbook) => [runbook.file, runbook.title, runbook.steps.length]),
      [['.incidents/runbooks/good.md', 'Good', 2]],
    );
    assert.deepEqual(problems.map(formatProblem), ['.incidents/runbooks/broken.md:3:13: categories is a list: write [regression, security]']);
    assert.deepEqual(readRunbooks(tempRepo(), defaultPlan()), { runbooks: [], problems: [] }, 'no folder, no runbooks');
  });

  it('reports a runbook whose path is longer than a task can record, instead of failing every declaration it applies to', () => {
    const root = tempRepo();
    const folder = ['.incidents', 'a'.repeat(200), 'b'.repeat(200), 'c'.repeat(90)].join('/');
    mkdirSync(join(root, ...folder.split('/')), { recursive: true });
    writeFileSync(join(root, ...folder.split('/'), 'roll-back.md'), '---\ntitle: Roll back\n---\n- [ ] Step\n');
    const { runbooks, problems } = readRunbooks(root, { ...defaultPlan(), runbooks: { folder, reviewEveryDays: 180 } });
    assert.deepEqual(runbooks, []);
    assert.deepEqual(problems.map(formatProblem), [
      `${folder}/roll-back.md:1:1: the path is 516 characters long; a task records its runbook in at most 500: use a shorter folder (the plan's runbooks.folder) or file name`,
    ]);
  });

  it('refuses a runbook folder or runbook that is a symbolic link', () => {
    const root = tempRepo();
    const outside = mkdtempSync(join(tmpdir(), 'incident-outside-'));
    writeFileSync(join(outside, 'x.md'), '---\ntitle: X\n---\n- step\n');
    mkdirSync(join(root, '.incidents'));
    symlinkSync(outside, join(root, '.incidents', 'runbooks'));
    assert.match(formatProblem(readRunbooks(root, defaultPlan()).problems[0]), /^\.incidents\/runbooks:1:1: \.incidents\/runbooks is a symbolic link/);
    const other = tempRepo();
    mkdirSync(join(other, '.incidents', 'runbooks'), { recursive: true });
    symlinkSync(join(outside, 'x.md'), join(other, '.incidents', 'runbooks', 'x.md'));
    const { runbooks, problems } = readRunbooks(other, defaultPlan());
    assert.deepEqual(runbooks, []);
    assert.match(formatProblem(problems[0]), /^\.incidents\/runbooks\/x\.md:1:1: .*symbolic link/);
  });
});

describe('jsonPathOffset', () => {
  const text = '{\n  "a": [1, {"b": "x\\"y", "c": [true, null]}],\n  "d": {}\n}';
  const at = (path: (string | number)[]) => {
    const position = jsonPathOffset(text, path);
    return { ...lineColumn(text, position.offset), found: position.found };
  };
  it('finds values by key and index, past escaped strings and nested containers', () => {
    assert.deepEqual(at(['a', 1, 'c', 1]), { line: 2, column: 38, found: true });
    assert.deepEqual(at(['a', 1, 'b']), { line: 2, column: 18, found: true });
    assert.deepEqual(at(['d']), { line: 3, column: 8, found: true });
    assert.deepEqual(lineColumn(text, jsonPathOffset(text, ['a', 1, 'c']).keyOffset ?? -1), { line: 2, column: 26 });
  });
  it('falls back to the nearest existing container for a missing part', () => {
    assert.deepEqual(at(['d', 'e']), { line: 3, column: 8, found: false });
    assert.deepEqual(at(['a', 5]), { line: 2, column: 8, found: false });
  });
});
