import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { intakeCheckProblems } from '../../../src/store/intakePlanCheck';
import { formatProblem, parsePlanText, readPlanFile, readRunbooks } from '../../../src/store/planFile';
import { tempRepo } from './tempRepo';

const FILE = '.incidents/plan.json';
const problemsOf = (lines: string[]) => parsePlanText(FILE, lines.join('\n')).problems.map(formatProblem);

/** A repository with this plan and these runbooks (name → text) in .incidents/runbooks. */
function repoWith(planLines: string[], runbooks: Record<string, string> = {}): string {
  const root = tempRepo();
  mkdirSync(join(root, '.incidents', 'runbooks'), { recursive: true });
  writeFileSync(join(root, '.incidents', 'plan.json'), planLines.join('\n'));
  for (const [name, text] of Object.entries(runbooks)) writeFileSync(join(root, '.incidents', 'runbooks', name), text);
  return root;
}

function checkProblems(root: string): string[] {
  const plan = readPlanFile(root, '.incidents');
  assert.ok(plan, 'the plan is usable');
  return intakeCheckProblems(root, '.incidents', plan, readRunbooks(root, plan)).map(formatProblem);
}

describe("the plan's intake block, as plan check reads it", () => {
  it('refuses unsafe and broken patterns exactly as reference patterns are refused, at the pattern', () => {
    assert.deepEqual(
      problemsOf([
        '{ "version": 1, "intake": { "rules": [{ "name": "r", "match": {',
        '  "labels.a": { "pattern": "(a+)+$" },',
        '  "labels.b": { "pattern": "(x)\\\\1" },',
        '  "labels.c": { "pattern": "(?!x)y" },',
        '  "labels.d": { "pattern": "(a|ab)*" },',
        '  "labels.e": { "pattern": "a)(b" },',
        '  "labels.f": { "pattern": "crit.*|page" }',
        '} }] } }',
      ]),
      [
        '.incidents/plan.json:2:28: intake.rules[0].match.labels.a.pattern is refused: a repeated group that itself repeats (nested quantifiers, like "(a+)+") can make matching take minutes; repeat the inner part only (got "(a+)+$")',
        '.incidents/plan.json:3:28: intake.rules[0].match.labels.b.pattern is refused: a backreference (\\1…) can make matching take minutes and cannot be bounded; match the text itself instead (got "(x)\\\\1")',
        '.incidents/plan.json:4:28: intake.rules[0].match.labels.c.pattern is refused: a lookahead (?!…) cannot run in the linear-time matcher, so matching can take minutes; match the text itself instead (got "(?!x)y")',
        '.incidents/plan.json:5:28: intake.rules[0].match.labels.d.pattern is refused: a repeated group holding an alternation (like "(a|ab)*") can make matching take minutes; repeat a character class instead, like "[ab]*" (got "(a|ab)*")',
        '.incidents/plan.json:6:28: intake.rules[0].match.labels.e.pattern is not a regular expression: Invalid regular expression: /a)(b/: Unmatched \')\' (got "a)(b")',
      ],
    );
  });

  it('refuses duplicate rule names, unknown severities and categories, wrong match keys and values, and any secret', () => {
    assert.deepEqual(
      problemsOf(['{ "version": 1, "intake": {', '  "rules": [{ "name": "payments" }, { "name": "payments" }, { "name": "Other Rule" }],', '  "token": "s3cret" } }']),
      [
        '.incidents/plan.json:2:71: intake.rules[2].name must be a name in lower case letters, digits and dashes, like "payments-critical" (got "Other Rule")',
        '.incidents/plan.json:2:47: intake.rules[1].name "payments" is the name of an earlier rule too; rule names must be unique (got "payments")',
        ".incidents/plan.json:3:3: intake.token: secrets never go in the plan, which is committed; they come from the environment (INCIDENT_INTAKE_TOKEN for the alert receiver) or VS Code's secret storage",
      ],
    );
    assert.deepEqual(problemsOf(['{ "version": 1, "intake": { "rules": [{ "name": "payments" }, { "name": "payments" }] } }']), [
      '.incidents/plan.json:1:73: intake.rules[1].name "payments" is the name of an earlier rule too; rule names must be unique (got "payments")',
    ]);
    assert.deepEqual(
      problemsOf([
        '{ "version": 1, "intake": { "rules": [{ "name": "r",',
        '  "severity": "P1", "category": "outage",',
        '  "match": { "label.service": "x", "labels.team": 3 },',
        '  "runbooks": ["../etc/passwd.md"] }] } }',
      ]),
      [
        '.incidents/plan.json:3:14: intake.rules[0].match: "label.service" is not a name a rule matches on: use "source", or "labels.<name>", "annotations.<name>" or "fields.<name>", like "labels.service"',
        '.incidents/plan.json:3:51: intake.rules[0].match.labels.team must be a text to equal, or {"pattern": "…"} to match (got 3)',
        '.incidents/plan.json:2:33: intake.rules[0].category must be one of regression, security, performance (got "outage")',
        '.incidents/plan.json:2:15: intake.rules[0].severity must be one of SEV1, SEV2, SEV3, SEV4 (got "P1")',
        '.incidents/plan.json:4:16: intake.rules[0].runbooks[0] must be a runbook file name in the plan\'s runbooks.folder, like "roll-back-a-bad-deploy.md" (got "../etc/passwd.md")',
      ],
    );
  });

  it('accepts a full block with a generic mapping, and refuses a mapping without what every alert needs', () => {
    const generic = { title: '/alert/name', fingerprint: '/alert/id', startsAt: '/alert/started' };
    const parsed = parsePlanText(FILE, JSON.stringify({ version: 1, intake: { rules: [{ name: 'all', match: {} }], generic } }));
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.plan?.intake?.generic, generic);
    const partial = parsePlanText(FILE, JSON.stringify({ version: 1, intake: { generic: { title: '/alert/name' } } }));
    assert.deepEqual(
      partial.problems.map((problem) => problem.message),
      ['intake.generic.fingerprint is missing', 'intake.generic.startsAt is missing'],
    );
    assert.deepEqual(parsed.plan?.intake?.rules, [{ name: 'all', match: {} }]);
  });

  it('reports title placeholders an alert cannot fill, categories the plan does not list and runbooks that do not exist, at their value', () => {
    const root = repoWith(
      [
        '{',
        '  "version": 1,',
        '  "categories": [{ "id": "regression", "title": "Regression", "definition": "Shipped and broke." }],',
        '  "intake": { "rules": [',
        '    { "name": "a", "title": "{{labels.alertname}} on {{label.service}} {{ alertname }}", "category": "security" },',
        '    { "name": "b", "title": "{{ annotations.summary }} ({{source}}, {{fields.project}})", "runbooks": ["db.md", "broken.md", "gone.md"] }',
        '  ] }',
        '}',
      ],
      { 'db.md': '---\ntitle: Database\n---\n- step\n', 'broken.md': '---\ntitle: Broken\nseverities: [SEV9]\n---\n- step\n' },
    );
    assert.deepEqual(checkProblems(root), [
      '.incidents/plan.json:5:29: intake.rules[0].title: {{label.service}} is not a placeholder an alert can fill, so it renders as nothing; use {{labels.<name>}}, {{annotations.<name>}}, {{fields.<name>}} or {{source}}',
      '.incidents/plan.json:5:29: intake.rules[0].title: {{alertname}} is not a placeholder an alert can fill, so it renders as nothing; use {{labels.<name>}}, {{annotations.<name>}}, {{fields.<name>}} or {{source}}',
      '.incidents/plan.json:5:102: intake.rules[0].category: "security" is not one of the plan\'s categories (regression)',
      '.incidents/plan.json:6:126: intake.rules[1].runbooks[2]: .incidents/runbooks/gone.md does not exist; name a *.md file in the runbook folder (.incidents/runbooks)',
    ]);
    assert.equal(readRunbooks(root, readPlanFile(root, '.incidents')!).problems.length, 1, "broken.md's own problem is reported by the runbook check, not again as missing");
  });

  it('finds nothing to report in a plan without intake rules, or with rules that are right', () => {
    assert.deepEqual(checkProblems(repoWith(['{ "version": 1 }'])), []);
    const root = repoWith(['{ "version": 1, "intake": { "rules": [{ "name": "r", "title": "{{labels.alertname}}", "runbooks": ["db.md"], "category": "security" }] } }'], {
      'db.md': '---\ntitle: Database\n---\n- step\n',
    });
    assert.deepEqual(checkProblems(root), []);
  });
});
