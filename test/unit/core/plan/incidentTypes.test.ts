import * as assert from 'node:assert/strict';
import { planSchema } from '../../../../src/core/plan/plan';
import {
  declaredWithType,
  findType,
  MAX_TYPES,
  regulatoryApplies,
  requiredFieldsEmpty,
  typePlanProblems,
  typesByCategory,
  typeTitle,
} from '../../../../src/core/plan/incidentTypes';
import { parseFieldValue } from '../../../../src/core/plan/fieldValues';

const dataLoss = {
  id: 'data-loss',
  title: 'Data loss',
  definition: 'Customer data deleted, truncated or unreadable.',
  category: 'security',
  severity: 'SEV1',
  runbooks: ['restore-from-backup.md'],
  questions: [{ id: 'backup-verified', text: 'Has the last backup been restored somewhere safe?' }],
  fields: [
    { id: 'records-lost', title: 'Records lost', kind: 'number', required: true, min: 0 },
    { id: 'region', title: 'Region', kind: 'choice', choices: ['eu', 'us'], public: true },
    { id: 'found-on', title: 'Found on', kind: 'date' },
    { id: 'owner', title: 'Data owner', kind: 'person' },
    { id: 'report', title: 'Report', kind: 'url' },
    { id: 'notes', title: 'Notes', kind: 'text' },
  ],
  regulatory: true,
  tell: ['stakeholders', 'Dana Ortiz <dana@example.com>'],
};
const thirdParty = { id: 'third-party', title: 'Third-party outage', definition: 'A provider we depend on is down.', category: 'performance' };

const parsed = (types: unknown[], extra: Record<string, unknown> = {}) => planSchema.safeParse({ version: 1, types, ...extra });
const messages = (result: ReturnType<typeof parsed>) => (result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));

describe('incident types in the plan (src/core/plan/incidentTypes.ts)', () => {
  it('reads a type with every kind of field, filling in the defaults (optional, not public)', () => {
    const result = parsed([dataLoss, thirdParty]);
    assert.ok(result.success, messages(result).join('\n'));
    const plan = result.data;
    const type = findType(plan, 'data-loss');
    assert.equal(type?.category, 'security');
    assert.deepEqual(
      type?.fields.map((field) => [field.id, field.kind, field.required, field.public]),
      [
        ['records-lost', 'number', true, false],
        ['region', 'choice', false, true],
        ['found-on', 'date', false, false],
        ['owner', 'person', false, false],
        ['report', 'url', false, false],
        ['notes', 'text', false, false],
      ],
    );
    assert.deepEqual(findType(plan, 'third-party')?.fields, [], 'a type without fields has an empty list');
    assert.deepEqual(Object.fromEntries(Object.entries(typesByCategory(plan)).map(([category, types]) => [category, types.map((t) => t.id)])), {
      regression: [],
      security: ['data-loss'],
      performance: ['third-party'],
    });
  });

  it('leaves a plan without a types block as it was: no types, every category as today', () => {
    const plan = planSchema.parse({ version: 1 });
    assert.equal(plan.types, undefined);
    assert.equal(findType(plan, 'data-loss'), undefined);
    assert.equal(regulatoryApplies(plan, undefined), true);
    assert.deepEqual(typesByCategory(plan), { regression: [], security: [], performance: [] });
  });

  it('refuses duplicate type ids, duplicate field ids and duplicate question ids, each at the second one', () => {
    const twice = { ...dataLoss, fields: [...dataLoss.fields, { id: 'region', title: 'Again', kind: 'text' }], questions: [...dataLoss.questions, ...dataLoss.questions] };
    assert.deepEqual(
      messages(parsed([twice, thirdParty, { ...thirdParty, title: 'Other' }])),
      [
        '0.fields.6.id: field "region" appears twice in this type; ids must be unique',
        '0.questions.1.id: question "backup-verified" appears twice in this type; ids must be unique',
        'types.2.id: type "third-party" appears twice; ids must be unique',
      ].map((line) => (line.startsWith('types') ? line : `types.${line}`)),
    );
  });

  it('refuses unknown field kinds, a choice without choices, choices or bounds on other kinds, and max below min', () => {
    const bad = (field: Record<string, unknown>) => messages(parsed([{ ...thirdParty, fields: [{ id: 'f', title: 'F', ...field }] }]));
    assert.deepEqual(bad({ kind: 'checkbox' }), ['types.0.fields.0.kind: one of text, choice, number, date, person, url']);
    assert.deepEqual(bad({ kind: 'choice' }), ['types.0.fields.0.kind: a "choice" field needs its "choices": list the values it may take']);
    assert.deepEqual(bad({ kind: 'text', choices: ['a'] }), ['types.0.fields.0.choices: only a "choice" field has choices; this one is a "text" field']);
    assert.deepEqual(bad({ kind: 'date', min: 1 }), ['types.0.fields.0.min: only a "number" field has a min; this one is a "date" field']);
    assert.deepEqual(bad({ kind: 'number', min: 5, max: 1 }), ['types.0.fields.0.max: max (1) is below min (5); no value could be valid']);
    assert.deepEqual(bad({ kind: 'choice', choices: ['EU', 'eu'] }), ['types.0.fields.0.choices.1: "eu" appears twice; each choice once']);
    assert.deepEqual(bad({ kind: 'text', colour: 'red' }).length, 1, 'an unknown key in a field is refused (strict)');
  });

  it('refuses a type outside the three categories, an id that is not a slug, and a runbook that is a path', () => {
    assert.match(messages(parsed([{ ...thirdParty, category: 'payments' }]))[0], /^types\.0\.category: one of regression, security, performance: every type belongs/);
    assert.match(messages(parsed([{ ...thirdParty, id: 'Third Party' }]))[0], /^types\.0\.id: an id in lower case letters/);
    assert.match(messages(parsed([{ ...thirdParty, runbooks: ['../../etc/passwd.md'] }]))[0], /^types\.0\.runbooks\.0: a runbook file name/);
    assert.match(messages(parsed([{ ...thirdParty, id: '__proto__' }]))[0], /^types\.0\.id: /);
  });

  it('checks the types against the rest of the plan: a suggested type must exist, a type question must not reuse a triage id', () => {
    const triage = {
      confidentiality: [{ id: 'leak', text: 'Leak?', suggestedType: 'data-lost' }],
      integrity: [],
      availability: [{ id: 'backup-verified', text: 'Backups?' }],
    };
    assert.deepEqual(messages(parsed([dataLoss], { triage })), [
      `triage.confidentiality.0.suggestedType: "data-lost" is not one of the plan's types`,
      'types.0.questions.0.id: "backup-verified" is the id of a triage question too; both are ticked by id, so give this one another',
    ]);
    const good = parsed([dataLoss], { triage: { ...triage, confidentiality: [{ id: 'leak', text: 'Leak?', suggestedType: 'data-loss' }], availability: [] } });
    assert.ok(good.success, messages(good).join('\n'));
  });

  it(`reads ${MAX_TYPES} types and refuses one more, without running out of stack or time`, () => {
    const many = Array.from({ length: MAX_TYPES }, (_, index) => ({ ...thirdParty, id: `t-${index}`, fields: [{ id: 'f', title: 'F', kind: 'text' }] }));
    const result = parsed(many);
    assert.ok(result.success);
    assert.equal(result.data.types?.length, MAX_TYPES);
    assert.equal(findType(result.data, `t-${MAX_TYPES - 1}`)?.id, `t-${MAX_TYPES - 1}`);
    const tooMany = parsed([...many, { ...thirdParty, id: 'one-more' }]);
    assert.equal(tooMany.success, false);
    const allTwice = parsed(many.map((type) => ({ ...type, id: 't-0' })));
    assert.equal(messages(allTwice).length, MAX_TYPES - 1, 'every duplicate is found, in one pass');
  });

  it('keeps a removed type readable by its id, and stops its fields being asked for', () => {
    const plan = parsed([thirdParty]);
    assert.ok(plan.success);
    assert.equal(typeTitle(plan.data, 'third-party'), 'Third-party outage');
    assert.equal(typeTitle(plan.data, 'data-loss'), 'data-loss', 'a type no longer in the plan shows by its id');
    assert.deepEqual(requiredFieldsEmpty(plan.data, { type: 'data-loss', fields: {} }), []);
    assert.equal(regulatoryApplies(plan.data, 'data-loss'), true, 'a removed type leaves the category to decide');
  });

  it('decides what declaring with a type gives: its category, its severity unless one is given, its runbooks and whom to tell', () => {
    const plan = parsed([dataLoss, thirdParty]);
    assert.ok(plan.success);
    const type = findType(plan.data, 'data-loss')!;
    assert.deepEqual(declaredWithType(type, {}, '.incidents/runbooks'), {
      category: 'security',
      severity: 'SEV1',
      runbooks: ['.incidents/runbooks/restore-from-backup.md'],
      tell: ['stakeholders', 'Dana Ortiz <dana@example.com>'],
    });
    assert.equal(declaredWithType(type, { severity: 'SEV3' }, 'r').severity, 'SEV3');
    assert.equal(declaredWithType(findType(plan.data, 'third-party')!, {}, 'r').severity, 'SEV3', 'no default severity: SEV3');
    assert.deepEqual(
      requiredFieldsEmpty(plan.data, { type: 'data-loss', fields: { region: 'eu' } }).map((field) => field.id),
      ['records-lost'],
    );
    assert.deepEqual(requiredFieldsEmpty(plan.data, { type: 'data-loss', fields: { 'records-lost': 0 } }), [], 'zero is a value');
  });

  it('finds a runbook a type names that is not in the runbook folder', () => {
    const plan = parsed([dataLoss]);
    assert.ok(plan.success);
    assert.deepEqual(typePlanProblems(plan.data, new Set(['.incidents/runbooks/restore-from-backup.md'])), []);
    assert.deepEqual(typePlanProblems(plan.data, new Set()), [
      {
        path: ['types', 0, 'runbooks', 0],
        message: 'types[0].runbooks[0]: .incidents/runbooks/restore-from-backup.md does not exist; name a *.md file in the runbook folder (.incidents/runbooks)',
      },
    ]);
  });
});

describe('field values by kind (src/core/plan/fieldValues.ts)', () => {
  const plan = planSchema.parse({ version: 1, types: [dataLoss] });
  const field = (id: string) => findType(plan, 'data-loss')!.fields.find((candidate) => candidate.id === id)!;
  const value = (id: string, text: string) => parseFieldValue(field(id), text);

  it('stores each kind as it reads: numbers as numbers, a choice in its own spelling, dates, people and addresses as text', () => {
    assert.deepEqual(value('records-lost', ' 1200 '), { value: 1200 });
    assert.deepEqual(value('records-lost', '0'), { value: 0 });
    assert.deepEqual(value('region', 'EU'), { value: 'eu' });
    assert.deepEqual(value('found-on', '2024-02-29'), { value: '2024-02-29' });
    assert.deepEqual(value('owner', 'Dana Ortiz <dana@example.com>'), { value: 'Dana Ortiz <dana@example.com>' });
    assert.deepEqual(value('report', 'https://example.com/r/1'), { value: 'https://example.com/r/1' });
    assert.deepEqual(value('notes', 'line one\nline two'), { value: 'line one\nline two' });
  });

  it('refuses what does not fit, in one line naming the field and what it takes', () => {
    assert.deepEqual(value('records-lost', 'many'), { problem: '"Records lost" is a number, like 42 or 3.5' });
    assert.deepEqual(value('records-lost', 'Infinity'), { problem: '"Records lost" is a number, like 42 or 3.5' });
    assert.deepEqual(value('records-lost', '0x10'), { problem: '"Records lost" is a number, like 42 or 3.5' });
    assert.deepEqual(value('records-lost', '-1'), { problem: '"Records lost" is at least 0' });
    assert.deepEqual(value('region', 'asia'), { problem: '"Region" is one of: eu, us' });
    assert.deepEqual(value('found-on', '2023-02-29'), { problem: '"Found on" is a date like 2026-12-07' });
    assert.deepEqual(value('found-on', 'tomorrow'), { problem: '"Found on" is a date like 2026-12-07' });
    assert.deepEqual(value('report', 'javascript:alert(1)'), { problem: '"Report" is a web address starting with https:// or http://' });
    assert.deepEqual(value('report', 'not a url'), { problem: '"Report" is a web address starting with https:// or http://' });
    // Fields are shared, and may be public: an address carrying a credential is refused.
    assert.deepEqual(value('report', 'https://sam:hunter2@tracker.example/r/1'), {
      problem: '"Report": this address has a user name or password in it; give the page\'s address without it',
    });
    assert.match((value('report', 'https://hooks.slack.com/services/T000/B000/abcdefghijklmnop') as { problem: string }).problem, /Slack incoming webhook/);
    assert.deepEqual(value('owner', 'Dana\nEvil'), { problem: '"Data owner" takes one line' });
    assert.deepEqual(value('owner', 'x'.repeat(201)), { problem: '"Data owner" is a person, "Name <email>", in at most 200 characters' });
    assert.match((value('notes', '   ') as { problem: string }).problem, /^"Notes" needs a value/);
    assert.match((value('notes', 'x'.repeat(2001)) as { problem: string }).problem, /at most 2000 characters \(got 2001\)/);
  });
});
