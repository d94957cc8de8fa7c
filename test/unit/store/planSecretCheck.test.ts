import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatProblem, parsePlanText } from '../../../src/store/planFile';
import { planSecretCheckProblems } from '../../../src/store/planSecretCheck';
import { incident } from '../cli/runCli';
import { tempRepo } from './tempRepo';

const TOKEN = 'abcdefGHIJKLmnopQRSTuvwx';
const SLACK_URL = `https://hooks.slack.com/services/T0AAA1111/B0BBB2222/${TOKEN}`;

function repoWith(lines: string[]): string {
  const root = tempRepo();
  mkdirSync(join(root, '.incidents'));
  writeFileSync(join(root, '.incidents', 'plan.json'), lines.join('\n'));
  return root;
}

const PLAN = [
  '{ "version": 1,',
  '  "channels": [',
  `    { "name": "stakeholders", "audience": "stakeholders", "reach": "Slack: ${SLACK_URL}",`,
  '      "delivery": { "kind": "slack" } },',
  '    { "name": "bridge", "audience": "responders", "reach": "our bridge",',
  `      "delivery": { "kind": "webhook", "url": "https://bot:${TOKEN}@bridge.acme.example/in" } }`,
  '  ],',
  `  "reporting": "Write to https://chat.acme.example/hooks/${TOKEN}"`,
  '}',
];

describe('plan check refuses secrets written into the plan', () => {
  it('places every secret URL at its value, names where the secret goes, and never repeats it', () => {
    const root = repoWith(PLAN);
    const problems = planSecretCheckProblems(root, '.incidents').map(formatProblem);
    assert.deepEqual(
      problems.map((line) => line.split(': this URL')[0]),
      ['.incidents/plan.json:3:68: channels[0].reach', '.incidents/plan.json:6:47: channels[1].delivery.url', '.incidents/plan.json:8:16: reporting'],
    );
    assert.match(
      problems[0],
      /a Slack incoming webhook, whose address is its own token; .*INCIDENT_SECRET_STAKEHOLDERS \(command line, CI\) or VS Code's secret storage \(Incident: Set Channel Secret…\)$/,
    );
    assert.match(problems[1], /has a user name or password in it; .*INCIDENT_SECRET_BRIDGE/);
    for (const line of problems) assert.ok(!line.includes(TOKEN), line);
  });

  it('say where a Slack URL goes when the plan gives it a "url" key, and never echo a secret value the schema refuses', () => {
    const lines = [
      '{ "version": 1, "channels": [',
      `  { "name": "ops", "audience": "responders", "reach": "x", "delivery": { "kind": "slack", "url": "${SLACK_URL}" } },`,
      `  { "name": "ops2", "audience": "responders", "reach": "x", "delivery": { "kind": "teams", "secret": "${SLACK_URL}" } }`,
      '] }',
    ];
    const problems = parsePlanText('.incidents/plan.json', lines.join('\n')).problems.map(formatProblem);
    assert.deepEqual(problems, [
      ".incidents/plan.json:2:91: channels[0].delivery.url: a Slack webhook URL is itself the secret (its path is the token), so it never goes in the plan, which is committed: put it in the environment variable INCIDENT_SECRET_OPS (command line, CI) or VS Code's secret storage (Incident: Set Channel Secret…)",
      '.incidents/plan.json:3:102: channels[1].delivery.secret must be the name of a secret (letters, digits, spaces, "_", "-", "."), never the secret itself',
    ]);
  });

  it('fails "incident plan check" (exit 1) with each place once and no secret in anything it prints', async () => {
    const root = repoWith(PLAN);
    const check = await incident(root, 'plan', 'check');
    assert.equal(check.code, 1);
    const output = `${check.stdout}\n${check.stderr}`;
    assert.ok(!output.includes(TOKEN) && !output.includes('hooks.slack.com/services'), output);
    assert.equal(output.match(/channels\[1\]\.delivery\.url/g)?.length, 1, 'the schema and the scan report the same place once');
    assert.match(check.stderr, /plan check: 3 problem\(s\)/);
  });
});
