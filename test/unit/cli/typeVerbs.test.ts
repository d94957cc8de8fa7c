import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { StoreDocument } from '../../../src/core/record/schema';
import { tempRepo } from '../store/tempRepo';
import { incident } from './runCli';

const readStore = (repo: string) => JSON.parse(readFileSync(join(repo, '.incidents', 'incidents.json'), 'utf8')) as StoreDocument;
const PLAN_FILE = (repo: string) => join(repo, '.incidents', 'plan.json');

const TYPES = [
  {
    id: 'data-loss',
    title: 'Data loss',
    definition: 'Customer data deleted, truncated or unreadable.',
    category: 'security',
    severity: 'SEV1',
    runbooks: ['roll-back-a-bad-deploy.md'],
    questions: [{ id: 'backup-verified', text: 'Has the last backup been restored somewhere safe?' }],
    fields: [
      { id: 'records-lost', title: 'Records lost', kind: 'number', required: true, min: 0 },
      { id: 'region', title: 'Region', kind: 'choice', choices: ['eu', 'us'], public: true },
      { id: 'found-on', title: 'Found on', kind: 'date' },
      { id: 'ticket', title: 'Ticket', kind: 'url' },
    ],
    tell: ['Legal <legal@example.com>'],
  },
  { id: 'vendor', title: 'Vendor outage', definition: 'A provider we depend on is down.', category: 'performance' },
];

/** A repository with the starter plan (and its runbook, for regression and performance SEV1–SEV2) plus two types. */
async function repoWithTypes(): Promise<string> {
  const repo = tempRepo();
  assert.equal((await incident(repo, 'plan', 'init')).code, 0);
  const plan = JSON.parse(readFileSync(PLAN_FILE(repo), 'utf8'));
  writeFileSync(PLAN_FILE(repo), JSON.stringify({ ...plan, types: TYPES }, null, 2));
  return repo;
}

describe('incident types and fields from the command line', () => {
  it('plan check counts the types; declare --type takes the category, the default severity, the runbooks and whom to tell from the type', async () => {
    const repo = await repoWithTypes();
    const check = await incident(repo, 'plan', 'check');
    assert.equal(check.code, 0, check.stdout + check.stderr);
    assert.match(check.stdout, /plan OK: .*, 2 incident types/);
    const declared = await incident(repo, 'declare', '--title', 'Orders table truncated', '--type', 'data-loss', '--no-deliver');
    assert.equal(declared.code, 0, declared.stderr);
    const record = readStore(repo).incidents[0];
    assert.equal(record.id, declared.stdout);
    assert.deepEqual([record.type, record.category, record.severity], ['data-loss', 'security', 'SEV1']);
    assert.equal(record.tasks?.length, 5, "the type's runbook applies, though its front matter names other categories");
    assert.match(record.timeline.find((event) => event.kind === 'declared')?.text ?? '', /^Declared SEV1 security \(data-loss\) incident: Orders table truncated$/);

    const given = await incident(repo, 'declare', '--title', 'Stripe down', '--type', 'vendor', '--severity', 'SEV4', '--no-deliver');
    const vendor = readStore(repo).incidents.find((i) => i.id === given.stdout);
    assert.deepEqual([vendor?.type, vendor?.category, vendor?.severity, vendor?.tasks], ['vendor', 'performance', 'SEV4', undefined]);
  });

  it('refuses an unknown type, a category that contradicts the type, and a declaration with neither type nor category (exit 1, nothing written)', async () => {
    const repo = await repoWithTypes();
    const unknown = await incident(repo, 'declare', '--title', 'X', '--type', 'payments');
    assert.deepEqual([unknown.code, unknown.stderr], [1, 'incident: the plan has no type "payments"; its types: data-loss, vendor']);
    const clash = await incident(repo, 'declare', '--title', 'X', '--type', 'vendor', '--category', 'security');
    assert.deepEqual([clash.code, clash.stderr], [1, 'incident: type "vendor" belongs to the category performance; leave the category out or give performance']);
    const neither = await incident(repo, 'declare', '--title', 'X', '--severity', 'SEV1');
    assert.equal(neither.code, 1);
    assert.match(neither.stderr, /declare needs --category/);
    assert.throws(() => readFileSync(join(repo, '.incidents', 'incidents.json')), /ENOENT/, 'no store was written');
  });

  it('sets, lists and clears fields, each checked by its kind with one clear line', async () => {
    const repo = await repoWithTypes();
    const id = (await incident(repo, 'declare', '--title', 'Orders lost', '--type', 'data-loss', '--no-deliver')).stdout;
    assert.deepEqual(await incident(repo, 'field', id, 'records-lost', '1200'), { code: 0, stdout: `${id}: records-lost = 1200`, stderr: '' });
    assert.deepEqual(await incident(repo, 'field', id, 'region', 'EU'), { code: 0, stdout: `${id}: region = eu`, stderr: '' });
    assert.deepEqual(await incident(repo, 'field', id, 'region', 'asia'), { code: 1, stdout: '', stderr: 'incident: "Region" is one of: eu, us' });
    assert.deepEqual(await incident(repo, 'field', id, 'found-on', '2026-02-30'), { code: 1, stdout: '', stderr: 'incident: "Found on" is a date like 2026-12-07' });
    const option = await incident(repo, 'field', id, 'ticket', '--upload-pack=evil');
    assert.equal(option.code, 1, 'a value that looks like an option is refused as one');
    assert.doesNotMatch(JSON.stringify(readStore(repo)), /upload-pack/);
    assert.deepEqual(await incident(repo, 'field', id, 'ticket', 'javascript:alert(1)'), {
      code: 1,
      stdout: '',
      stderr: 'incident: "Ticket" is a web address starting with https:// or http://',
    });
    assert.deepEqual(await incident(repo, 'field', id, 'colour', 'red'), {
      code: 1,
      stdout: '',
      stderr: 'incident: type "data-loss" has no field "colour"; its fields: records-lost, region, found-on, ticket',
    });
    assert.deepEqual((await incident(repo, 'field', id)).stdout.split('\n'), [
      id,
      'type: Data loss',
      '  records-lost: 1200',
      '  region: eu',
      '  found-on: (empty)',
      '  ticket: (empty)',
    ]);
    assert.deepEqual(await incident(repo, 'field', id, 'records-lost', '--clear'), { code: 0, stdout: `${id}: records-lost cleared`, stderr: '' });
    assert.match((await incident(repo, 'field', id)).stdout, /\n {2}records-lost: \(required, empty\)\n/);
    const record = readStore(repo).incidents[0];
    assert.deepEqual(record.fields, { region: 'eu' });
    assert.ok(record.changedAt?.['fields.region'] && record.changedAt['fields.records-lost'], 'each field stamped on its own');
    const untyped = (await incident(repo, 'declare', '--title', 'Plain', '--category', 'regression', '--severity', 'SEV3', '--no-deliver')).stdout;
    assert.deepEqual(await incident(repo, 'field', untyped, 'region', 'eu'), {
      code: 1,
      stdout: '',
      stderr: `incident: ${untyped} has no type, so it has no fields; declare it with a type (--type)`,
    });
  });

  it('lists the types under their categories, re-types an incident, and keeps a type the plan dropped readable by its id', async () => {
    const repo = await repoWithTypes();
    assert.deepEqual((await incident(repo, 'types')).stdout.split('\n'), [
      'security:',
      '  data-loss  Data loss  [SEV1]  fields: records-lost (number, required), region (choice, public), found-on (date), ticket (url)',
      'performance:',
      '  vendor  Vendor outage',
    ]);
    const id = (await incident(repo, 'declare', '--title', 'Slow', '--category', 'regression', '--severity', 'SEV3', '--no-deliver')).stdout;
    assert.equal(readStore(repo).incidents[0].tasks, undefined, 'no runbook applies to a SEV3 regression');
    assert.deepEqual(await incident(repo, 'type', id, 'data-loss'), { code: 0, stdout: `${id} is now of type Data loss (security)`, stderr: '' });
    assert.equal(readStore(repo).incidents[0].tasks?.length, 5, "the type's runbook adds its tasks");
    assert.equal((await incident(repo, 'field', id, 'region', 'us')).code, 0);
    assert.match((await incident(repo, 'show', id)).stdout, /\ntype Data loss \(data-loss\); records-lost \(required, empty\), region us, found-on \(empty\), ticket \(empty\)\n/);
    const plan = JSON.parse(readFileSync(PLAN_FILE(repo), 'utf8'));
    writeFileSync(PLAN_FILE(repo), JSON.stringify({ ...plan, types: [TYPES[1]] }, null, 2));
    assert.deepEqual((await incident(repo, 'field', id)).stdout.split('\n'), [id, 'type: data-loss (no longer in the plan)', '  region: us']);
    const refused = await incident(repo, 'field', id, 'region', 'eu');
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /which the plan no longer defines; its fields can be read but not changed$/);
    assert.match((await incident(repo, 'show', id)).stdout, /\ntype data-loss; region us\n/, 'show still reads it, by the id');
    const bare = tempRepo();
    assert.match((await incident(bare, 'types')).stdout, /^The plan defines no incident types/);
  });

  it('metrics filter and group by type, and refuse a --type that is no id', async () => {
    const repo = await repoWithTypes();
    await incident(repo, 'declare', '--title', 'Orders lost', '--type', 'data-loss', '--no-deliver');
    await incident(repo, 'declare', '--title', 'Stripe down', '--type', 'vendor', '--no-deliver');
    await incident(repo, 'declare', '--title', 'Plain', '--category', 'regression', '--severity', 'SEV3', '--no-deliver');
    const all = await incident(repo, 'metrics');
    assert.match(all.stdout, /^3 incident\(s\)/);
    assert.match(all.stdout, /\ntype data-loss: 1 incident\(s\), time to resolve no data\ntype vendor: 1 incident\(s\)/);
    const one = await incident(repo, 'metrics', '--type', 'vendor', '--json');
    assert.equal(JSON.parse(one.stdout).incidents, 1);
    const csv = (await incident(repo, 'metrics', '--csv')).stdout;
    assert.match(csv, /\ntype,data-loss,time_to_acknowledge,1,0.0,0.0\n/);
    const bad = await incident(repo, 'metrics', '--type', 'Data Loss; rm');
    assert.deepEqual([bad.code, bad.stderr], [1, 'incident: --type must be a type id like "data-loss" ("incident types" lists them; got "Data Loss; rm")']);
  });

  it("answers the type's questions and lists them", async () => {
    const repo = await repoWithTypes();
    const id = (await incident(repo, 'declare', '--title', 'Orders lost', '--type', 'data-loss', '--no-deliver')).stdout;
    assert.equal((await incident(repo, 'answer', id)).stdout, '[ ] backup-verified: Has the last backup been restored somewhere safe?');
    assert.deepEqual(await incident(repo, 'answer', id, 'backup-verified'), { code: 0, stdout: `${id}: backup-verified answered`, stderr: '' });
    assert.equal((await incident(repo, 'answer', id)).stdout, '[x] backup-verified: Has the last backup been restored somewhere safe?  (Dana Ortiz <dana@example.com>)');
    const wrong = await incident(repo, 'answer', id, 'nope');
    assert.deepEqual([wrong.code, wrong.stderr], [1, 'incident: type "data-loss" has no question "nope"; its questions: backup-verified']);
  });

  it('plan check places a missing type runbook and an unknown field kind at file:line:column, and exits 1', async () => {
    const repo = await repoWithTypes();
    const plan = JSON.parse(readFileSync(PLAN_FILE(repo), 'utf8'));
    const broken = { ...plan, types: [{ ...TYPES[1], runbooks: ['not-there.md'] }] };
    writeFileSync(PLAN_FILE(repo), JSON.stringify(broken, null, 2));
    const text = readFileSync(PLAN_FILE(repo), 'utf8');
    const line = text.slice(0, text.indexOf('"not-there.md"')).split('\n').length;
    const missing = await incident(repo, 'plan', 'check');
    assert.equal(missing.code, 1);
    assert.match(missing.stdout, new RegExp(`^\\.incidents/plan\\.json:${line}:\\d+: types\\[0\\]\\.runbooks\\[0\\]: \\.incidents/runbooks/not-there\\.md does not exist`, 'm'));
    writeFileSync(PLAN_FILE(repo), JSON.stringify({ ...plan, types: [{ ...TYPES[1], fields: [{ id: 'f', title: 'F', kind: 'checkbox' }] }] }, null, 2));
    const kind = await incident(repo, 'plan', 'check');
    assert.equal(kind.code, 1);
    assert.match(kind.stdout, /^\.incidents\/plan\.json:\d+:\d+: types\[0\]\.fields\[0\]\.kind must be one of text, choice, number, date, person, url \(got "checkbox"\)$/m);
  });

  it('an intake rule that names a type opens an incident of that type, and the dry run says so', async () => {
    const repo = await repoWithTypes();
    const plan = JSON.parse(readFileSync(PLAN_FILE(repo), 'utf8'));
    writeFileSync(PLAN_FILE(repo), JSON.stringify({ ...plan, intake: { rules: [{ name: 'everything', type: 'vendor' }] } }, null, 2));
    const firing = resolve(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'intake', 'alertmanager-real', 'firing.json');
    const dry = await incident(repo, 'intake', '--file', firing, '--dry-run');
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /^Would declare INC-[0-9A-Z]{8} \((SEV\d) performance vendor\): /);
    assert.equal((await incident(repo, 'intake', '--file', firing)).code, 0);
    assert.equal(readStore(repo).incidents[0].type, 'vendor');
  });
});
