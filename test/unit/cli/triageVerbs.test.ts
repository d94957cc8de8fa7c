import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { StoreDocument } from '../../../src/core/record/schema';
import { tempRepo } from '../store/tempRepo';
import { incident } from './runCli';

const PROJECT_ROOT = resolve(__dirname, '..', '..', '..', '..');
const CLI = join(PROJECT_ROOT, 'dist', 'cli.js');
const storeFile = (repo: string) => join(repo, '.incidents', 'incidents.json');
const readStore = (repo: string) => JSON.parse(readFileSync(storeFile(repo), 'utf8')) as StoreDocument;

/** The built command line with `input` on stdin (not a terminal). */
function incidentWithInput(repo: string, input: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: repo, encoding: 'utf8', input });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr.trim() };
}

describe('incident triage: are we having an incident?', function () {
  this.timeout(120_000);
  before(() => execFileSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'build.mjs'), 'cli'], { cwd: PROJECT_ROOT }));

  it('--list gives every question of the plan with its id, group and suggestion', async () => {
    const listed = await incident(tempRepo(), 'triage', '--list');
    assert.equal(listed.code, 0, listed.stderr);
    const lines = listed.stdout.split('\n');
    assert.equal(lines.length, 15);
    assert.equal(lines[2], 'unauthorised-access\tconfidentiality\tSEV1 security\tHas someone reached data or systems they are not allowed to?');
    assert.match(lines[13], /^monitoring-raised\tavailability\tSEV3\t/);
  });

  it('with no box ticked says so and writes nothing, even when asked to declare', async () => {
    const repo = tempRepo();
    const none = await incident(repo, 'triage', '--none', '--declare', 'Something odd');
    assert.deepEqual([none.code, none.stdout], [0, 'No box ticked: nothing here says an incident is under way, and nothing was recorded.']);
    assert.equal(existsSync(storeFile(repo)), false);
  });

  it('with ticks and no title suggests and shows the command that declares, writing nothing', async () => {
    const repo = tempRepo();
    const ticked = await incident(repo, 'triage', '--tick', 'logs-missing', '--tick', 'unauthorised-access');
    assert.equal(ticked.code, 0, ticked.stderr);
    assert.deepEqual(ticked.stdout.split('\n'), [
      '2 boxes ticked: this is an incident; declare one, SEV1 security suggested (by "Has someone reached data or systems they are not allowed to?").',
      '  yes  confidentiality unauthorised-access: Has someone reached data or systems they are not allowed to?',
      '  yes  integrity       logs-missing: Are logs missing for a period or a system where they should exist?',
      'declare it: incident triage --tick unauthorised-access --tick logs-missing --declare "TITLE"',
    ]);
    assert.equal(existsSync(storeFile(repo)), false);
  });

  it('with ticks and --declare declares what they suggest, with the ticks in the timeline and the boxes ticked', async () => {
    const repo = tempRepo();
    const result = await incident(repo, 'triage', '--tick', 'performance-degraded', '--tick', 'backups-affected', '--declare', 'Checkout slow', '--json');
    assert.equal(result.code, 0, result.stderr);
    const json = JSON.parse(result.stdout);
    assert.deepEqual(json.suggested, { category: 'performance', severity: 'SEV2' });
    assert.deepEqual(
      json.ticked.map((q: { id: string }) => q.id),
      ['performance-degraded', 'backups-affected'],
    );
    const [declared] = readStore(repo).incidents;
    assert.equal(json.declared, declared.id);
    assert.deepEqual([declared.title, declared.category, declared.severity], ['Checkout slow', 'performance', 'SEV2']);
    // As with `incident declare`, whoever declares commands it, acknowledged as declared.
    assert.deepEqual([declared.roles.commander, declared.acknowledgedAt], ['Dana Ortiz <dana@example.com>', declared.declaredAt]);
    const triage = declared.timeline.filter((event) => event.data?.triage);
    // Ticked at the same moment, so the store orders them by their random ids: compare as sets.
    assert.deepEqual(triage.map((event) => [event.kind, event.author, event.data?.triage]).sort(), [
      ['checklist', 'Dana Ortiz <dana@example.com>', 'backups-affected'],
      ['checklist', 'Dana Ortiz <dana@example.com>', 'performance-degraded'],
    ]);
    assert.equal(declared.checklist.availability?.checked, true);
    assert.equal(declared.checklist.integrity, undefined);
    const shown = await incident(repo, 'show', declared.id);
    assert.match(shown.stdout, /Triage before declaring, availability: yes to "Has performance dropped below what users can reasonably work with\?"/);
  });

  it('lets --category and --severity overrule the suggestion', async () => {
    const repo = tempRepo();
    const result = await incident(repo, 'triage', '--tick', 'device-lost', '--declare', 'Laptop stolen', '--severity', 'SEV1', '--category', 'breach');
    assert.equal(result.code, 0, result.stderr);
    const [declared] = readStore(repo).incidents;
    assert.deepEqual([declared.category, declared.severity], ['security', 'SEV1']);
  });

  it('refuses a tick that is not a question (exit 1, nothing written), and asks for what no tick suggests', async () => {
    const repo = tempRepo();
    const typo = await incident(repo, 'triage', '--tick', 'logs-mising', '--declare', 'X');
    assert.deepEqual([typo.code, typo.stderr], [1, 'incident: --tick "logs-mising" is not a question of the plan; "incident triage --list" shows their ids']);
    mkdirSync(join(repo, '.incidents'));
    writeFileSync(
      join(repo, '.incidents', 'plan.json'),
      JSON.stringify({ version: 1, triage: { confidentiality: [], integrity: [], availability: [{ id: 'pager', text: 'Did the pager go off?' }] } }),
    );
    const noCategory = await incident(repo, 'triage', '--tick', 'pager', '--declare', 'Pager');
    assert.equal(noCategory.code, 1);
    assert.match(noCategory.stderr, /the ticked questions suggest no category; add --category .*; nothing was declared$/);
    assert.equal(existsSync(storeFile(repo)), false);
    const given = await incident(repo, 'triage', '--tick', 'pager', '--declare', 'Pager', '--category', 'regression', '--severity', 'SEV3');
    assert.equal(given.code, 0, given.stderr);
    assert.equal(
      readStore(repo).incidents[0].timeline.find((event) => event.data?.triage === 'pager')?.text,
      'Triage before declaring, availability: yes to "Did the pager go off?"',
    );
  });

  it('asks each question on stdin with --ask, then the title; y or yes ticks', () => {
    const repo = tempRepo();
    // No to the first two, yes to "unauthorised-access", no (empty) to the other twelve, then the title.
    const answers = ['n', 'no', 'YES', ...Array.from({ length: 12 }, () => ''), 'Admin logins from nowhere'].join('\n');
    const asked = incidentWithInput(repo, `${answers}\n`, 'triage', '--ask');
    assert.equal(asked.code, 0, asked.stderr);
    assert.match(asked.stdout, /^Confidentiality\n {2}Is there any sign that sign-in or permission checks were bypassed or compromised\? \[y\/N\] \n/);
    assert.match(asked.stdout, /\nAvailability\n/);
    assert.match(asked.stdout, /Title to declare it now \(empty: do not declare\): \n1 box ticked: this is an incident; declare one, SEV1 security suggested/);
    const [declared] = readStore(repo).incidents;
    assert.deepEqual([declared.title, declared.severity, declared.category], ['Admin logins from nowhere', 'SEV1', 'security']);
    assert.match(asked.stdout, new RegExp(`Declared ${declared.id}\\n$`));
  });

  it('with --ask, a stdin that ends before the last answer is an error and records nothing; an empty title declares nothing', () => {
    const repo = tempRepo();
    const cut = incidentWithInput(repo, 'y\ny\n', 'triage', '--ask');
    assert.deepEqual([cut.code, cut.stderr], [1, 'incident: stdin ended before every question was answered; nothing was recorded']);
    const noTitle = incidentWithInput(repo, `y\n${'\n'.repeat(14)}\n`, 'triage', '--ask');
    assert.equal(noTitle.code, 0, noTitle.stderr);
    assert.match(noTitle.stdout, /declare it: incident triage --tick access-control-compromised --declare "TITLE"\n$/);
    assert.equal(existsSync(storeFile(repo)), false);
  });

  it('uses the default checklist, with a warning naming the place, when the plan file cannot be used', () => {
    const repo = tempRepo();
    mkdirSync(join(repo, '.incidents'));
    writeFileSync(join(repo, '.incidents', 'plan.json'), '{ "version": 1,\n  "triage": 7 }');
    const result = incidentWithInput(repo, '', 'triage', '--tick', 'device-lost');
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /^incident: warning: \.incidents\/plan\.json:2:\d+: .*; using the default checklist \("incident plan check" lists every problem\)$/);
    assert.match(result.stdout, /^1 box ticked: this is an incident; declare one, SEV2 security suggested/);
  });
});

describe('escalation and reporting from the response plan', function () {
  this.timeout(60_000);
  const plan = {
    version: 1,
    reporting: 'Call the on-call lead first (+1 555 0100), then write in #incident-command.',
    severities: {
      SEV1: { title: 'Critical', definition: 'Down for many.', notify: ['Ana Lima <ana@example.com>', '#exec-oncall'] },
      SEV2: { title: 'Major', definition: 'Degraded.' },
      SEV3: { title: 'Minor', definition: 'Limited.' },
      SEV4: { title: 'Low', definition: 'None yet.' },
    },
  };
  const withPlan = () => {
    const repo = tempRepo();
    mkdirSync(join(repo, '.incidents'));
    writeFileSync(join(repo, '.incidents', 'plan.json'), JSON.stringify(plan));
    return repo;
  };

  it('declare says whom to tell now for the severity, on stderr, keeping stdout the id', () => {
    const repo = withPlan();
    const sev1 = spawnSync(process.execPath, [CLI, 'declare', '--title', 'Checkout down', '--category', 'regression', '--severity', 'SEV1'], { cwd: repo, encoding: 'utf8' });
    assert.equal(sev1.status, 0, sev1.stderr);
    assert.match(sev1.stdout, /^INC-[0-9A-Z]{8}\n$/);
    assert.equal(sev1.stderr, 'incident: tell now (SEV1, per the response plan): Ana Lima <ana@example.com>, #exec-oncall\n');
    const sev2 = spawnSync(process.execPath, [CLI, 'declare', '--title', 'Slow search', '--category', 'performance', '--severity', 'SEV2'], { cwd: repo, encoding: 'utf8' });
    assert.equal(sev2.stderr, '', 'the plan names nobody for SEV2');
  });

  it('triage shows the reporting procedure when the ticks say incident, and whom to tell once declared', () => {
    const repo = withPlan();
    const result = spawnSync(process.execPath, [CLI, 'triage', '--tick', 'unauthorised-access', '--declare', 'Admin logins'], { cwd: repo, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /\nReporting, per the response plan: Call the on-call lead first \(\+1 555 0100\), then write in #incident-command\.\nDeclared INC-/);
    assert.match(result.stderr, /^incident: tell now \(SEV1, per the response plan\): Ana Lima <ana@example\.com>, #exec-oncall$/m);
    const none = spawnSync(process.execPath, [CLI, 'triage', '--none'], { cwd: repo, encoding: 'utf8' });
    assert.doesNotMatch(none.stdout, /Reporting/, 'no incident: no procedure to follow');
  });
});
