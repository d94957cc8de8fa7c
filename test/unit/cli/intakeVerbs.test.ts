import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { emptyRepo, importCommits } from '../git/repoBuilder';
import { incident } from './runCli';

const PROJECT_ROOT = resolve(__dirname, '..', '..', '..', '..');
const CLI = join(PROJECT_ROOT, 'dist', 'cli.js');
const FIXTURES = join(PROJECT_ROOT, 'test', 'fixtures', 'intake');
const alertmanager = (name: string) => join(FIXTURES, 'alertmanager-real', `${name}.json`);
const storeFile = (repo: string) => join(repo, '.incidents', 'incidents.json');

const TOTAL = (line17: string) => [...Array.from({ length: 16 }, (_, i) => `// line ${i + 1}`), line17, 'module.exports = computeTotal;', ''].join('\n');

describe('incident intake', function () {
  this.timeout(120_000);

  it('opens one incident from Alertmanager, counts a repeat, joins the group, records the resolution and says mitigated may be next', async () => {
    const repo = emptyRepo();
    const dry = await incident(repo, 'intake', '--file', alertmanager('firing'), '--dry-run');
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /^Would declare INC-[0-9A-Z]{8} \(SEV1 performance\): HighErrorRate on checkout; 1 new alert\(s\).*default rule: labels\.severity="critical" → SEV1/);
    assert.ok(!existsSync(storeFile(repo)), 'a dry run writes nothing');
    const declared = JSON.parse((await incident(repo, 'intake', '--file', alertmanager('firing'), '--json')).stdout);
    assert.deepEqual([declared.outcome, declared.severity, declared.counts], ['declared', 'SEV1', { new: 1, changed: 0, repeats: 0 }]);
    assert.equal(JSON.parse((await incident(repo, 'intake', '--file', alertmanager('firing'), '--json')).stdout).counts.repeats, 1);
    const grouped = await incident(repo, 'intake', '--file', alertmanager('firing-grouped'));
    assert.equal(grouped.stdout, `Added to ${declared.incident}: 1 new alert(s), 0 changed, 1 repeat(s)`);
    const resolved = JSON.parse((await incident(repo, 'intake', '--file', alertmanager('resolved'), '--json')).stdout);
    assert.deepEqual([resolved.outcome, resolved.allResolved, resolved.counts.changed], ['attached', true, 2]);
    const shown = JSON.parse((await incident(repo, 'show', declared.incident, '--json')).stdout);
    assert.equal(shown.status, 'detected', 'the status is never moved by an alert');
    assert.deepEqual(
      shown.alerts.map((alert: { state: string; notifications: number }) => [alert.state, alert.notifications]),
      [
        ['resolved', 4],
        ['resolved', 2],
      ],
    );
  });

  it('refuses what it cannot read in one line, exit 1, and writes nothing', async () => {
    const repo = emptyRepo();
    await incident(repo, 'intake', '--file', alertmanager('firing'));
    const before = readFileSync(storeFile(repo), 'utf8');
    const dir = mkdtempSync(join(tmpdir(), 'incident-intake-'));
    const cases: [string, RegExp][] = [
      ['{"foo": 1}', /^incident: not an alert notification of a known source: Alertmanager lacks/],
      ['{"version":"4","alerts":[{}]}', /^incident: not an Alertmanager notification: missing /],
      ['not json', /^incident: .* is not JSON: .*; nothing was written$/],
    ];
    for (const [text, expected] of cases) {
      const file = join(dir, 'body.json');
      writeFileSync(file, text);
      const result = await incident(repo, 'intake', '--file', file);
      assert.equal(result.code, 1, text);
      assert.match(result.stderr, expected);
      assert.equal(result.stderr.split('\n').length, 1, 'one line');
    }
    assert.equal((await incident(repo, 'intake', '--source', 'nagios', '--file', alertmanager('firing'))).code, 1);
    assert.match((await incident(repo, 'intake')).stderr, /--file FILE, or - to read it from stdin/);
    assert.equal(readFileSync(storeFile(repo), 'utf8'), before, 'the store is as it was');
  });

  it('reads a notification from stdin with -', () => {
    execFileSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'build.mjs'), 'cli'], { cwd: PROJECT_ROOT });
    const repo = emptyRepo();
    const piped = spawnSync(process.execPath, [CLI, 'intake', '-'], { cwd: repo, encoding: 'utf8', input: readFileSync(alertmanager('firing')) });
    assert.equal(piped.status, 0, piped.stderr);
    assert.match(piped.stdout, /^Declared INC-/);
  });

  it('turns a Sentry stack trace into evidence, so the commit that changed the failing line is the first suspect', async () => {
    const repo = emptyRepo();
    const shas = importCommits(repo, [
      { message: 'Release 1', files: { 'src/pricing/total.js': TOTAL('function computeTotal(cart) { return cart.sum; }'), 'src/routes/checkout.js': 'x\n' } },
      { message: 'Pricing: line 17 changed', files: { 'src/pricing/total.js': TOTAL('function computeTotal(cart) { return cart.items.sum; }') } },
      { message: 'Pricing: comment', files: { 'src/pricing/total.js': TOTAL('function computeTotal(cart) { return cart.items.sum; }').replace('// line 1\n', '// top\n') } },
      { message: 'Docs', files: { 'README.md': 'hi\n' } },
    ]);
    const taken = JSON.parse((await incident(repo, 'intake', '--file', join(FIXTURES, 'sentry', 'issue-alert-node.json'), '--json')).stdout);
    assert.equal(taken.outcome, 'declared');
    assert.equal(taken.category, 'regression', 'an error from Sentry is a regression by default');
    const shown = JSON.parse((await incident(repo, 'show', taken.incident, '--json')).stdout);
    const evidence = shown.timeline.find((event: { data?: { frames?: unknown } }) => event.data?.frames);
    assert.ok(evidence, 'the frames are evidence');
    assert.equal(evidence.data.file, 'src/routes/checkout.js');
    const suspects = await incident(repo, 'suspects', taken.incident, '--good', shas[0], '--bad', shas[3], '--json');
    assert.equal(suspects.code, 0, suspects.stderr);
    const ranked = JSON.parse(suspects.stdout).suspects as { sha: string; reason?: string }[];
    assert.equal(ranked[0].sha, shas[1]);
    assert.equal(ranked[0].reason, 'changed line 17 of src/pricing/total.js');
  });
});
