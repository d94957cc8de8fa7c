import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  audienceChoices,
  defaultPlan,
  effectivePlan,
  peopleToSuggest,
  planJsonSchema,
  planSchema,
  PLAN_VERSION,
  starterPlan,
  TRIAGE_GROUPS,
  triageQuestions,
} from '../../../../src/core/plan/plan';
import { DEFAULT_TARGETS } from '../../../../src/core/clocks/sla';
import { CATEGORIES, SEVERITIES, slaPolicySchema } from '../../../../src/core/record/schema';

const PROJECT_ROOT = resolve(__dirname, '..', '..', '..', '..', '..');
const storePolicy = slaPolicySchema.parse({ timeZone: 'Europe/Berlin', targets: { SEV1: { response: '5m', resolution: '2h' } } });

describe('the response plan (src/core/plan/plan.ts)', () => {
  it('defaults to the fifteen concerns of the CIA triage checklist: 4 confidentiality, 5 integrity, 6 availability, each a question with a sensible suggestion', () => {
    const plan = defaultPlan();
    assert.deepEqual(
      TRIAGE_GROUPS.map((group) => plan.triage[group].length),
      [4, 5, 6],
    );
    const questions = triageQuestions(plan);
    assert.equal(questions.length, 15);
    assert.equal(new Set(questions.map((question) => question.id)).size, 15, 'ids are unique');
    for (const question of questions) {
      assert.match(question.text, /^[A-Z].{20,}\?$/, `${question.id} is a question in words`);
      if (question.suggestedCategory) assert.ok((CATEGORIES as readonly string[]).includes(question.suggestedCategory));
      assert.ok(question.suggestedSeverity && (SEVERITIES as readonly string[]).includes(question.suggestedSeverity), `${question.id} suggests a severity`);
    }
    const byId = new Map(questions.map((question) => [question.id, question]));
    assert.equal(byId.get('unauthorised-access')?.suggestedCategory, 'security');
    assert.equal(byId.get('performance-degraded')?.suggestedCategory, 'performance');
    assert.ok(questions.filter((question) => question.group === 'confidentiality').every((question) => question.suggestedCategory === 'security'));
    assert.deepEqual(
      plan.categories.map((category) => category.id),
      [...CATEGORIES],
    );
    assert.deepEqual(Object.keys(plan.severities), [...SEVERITIES]);
    assert.deepEqual(plan.runbooks, { folder: '.incidents/runbooks', reviewEveryDays: 180 });
    assert.equal(plan.sla, undefined, 'no SLA of its own: the store policy or the built-in targets apply');
  });

  it('accepts a plan that only writes what differs, filling in the rest from the defaults', () => {
    const plan = planSchema.parse({
      version: 1,
      roles: { commander: ['Dana Ortiz <dana@example.com>'] },
      channels: [{ name: '#ops', audience: 'responders', reach: 'https://chat.example.com/ops', updateEvery: '30m' }],
      reviewed: { at: '2026-11-30', by: 'Dana Ortiz <dana@example.com>' },
    });
    assert.deepEqual(plan.roles.commander, ['Dana Ortiz <dana@example.com>']);
    assert.deepEqual(plan.roles.scribe, []);
    assert.equal(triageQuestions(plan).length, 15);
    assert.equal(plan.channels[0].updateEvery, '30m');
  });

  it('refuses unknown keys, wrong values, an extra category and duplicate question ids, naming each place', () => {
    const issues = (value: unknown) => {
      const result = planSchema.safeParse(value);
      assert.equal(result.success, false);
      return (result.error?.issues ?? []).map((issue) => ({ path: issue.path.join('.'), code: issue.code, message: issue.message }));
    };
    const typo = issues({ version: 1, runbooks: { folder: '.incidents/runbooks', reviewEvery: 30 } });
    assert.deepEqual(
      typo.map(({ path, code }) => [path, code]),
      [['runbooks', 'unrecognized_keys']],
    );
    const extra = issues({ version: 1, categories: [{ id: 'outage', title: 'Outage', definition: 'Down' }] });
    assert.equal(extra[0].path, 'categories.0.id');
    assert.match(extra[0].message, /regression, security, performance: incidents can only have these categories for now/);
    const wrong = issues({ version: 1, channels: [{ name: 'a', audience: 'b', reach: 'c', updateEvery: 'soon' }], runbooks: { folder: '../elsewhere' } });
    assert.deepEqual(
      wrong.map(({ path }) => path),
      ['channels.0.updateEvery', 'runbooks.folder'],
    );
    const twice = issues({
      version: 1,
      triage: { confidentiality: [{ id: 'same', text: 'One?' }], integrity: [], availability: [{ id: 'same', text: 'Two?' }] },
    });
    assert.deepEqual(
      twice.map(({ path }) => path),
      ['triage.availability.0.id'],
    );
    assert.match(twice[0].message, /"same" appears twice/);
    assert.deepEqual(
      issues({ version: 2 }).map(({ path }) => path),
      ['version'],
    );
  });

  it("reads the SLA from both places: the plan's sla, else the store's old policy, else the built-in targets", () => {
    const fromStore = effectivePlan(undefined, storePolicy);
    assert.equal(fromStore.slaSource, 'store');
    assert.equal(fromStore.sla.timeZone, 'Europe/Berlin');
    assert.deepEqual(fromStore.sla.targets.SEV1, { response: '5m', resolution: '2h' });
    assert.deepEqual(fromStore.sla.targets.SEV3, DEFAULT_TARGETS.SEV3, 'severities the policy leaves out take the built-in targets');
    assert.equal(triageQuestions(fromStore).length, 15, 'no plan file: the default plan');

    const noSla = planSchema.parse({ version: 1, roles: { scribe: ['Lee'] } });
    assert.equal(effectivePlan(noSla, storePolicy).slaSource, 'store', "a plan without sla keeps an old store's clocks");
    assert.deepEqual(effectivePlan(noSla, storePolicy).roles.scribe, ['Lee']);

    const ownSla = planSchema.parse({ version: 1, sla: { targets: { SEV1: { response: '10m', resolution: '1h' } } } });
    const fromPlan = effectivePlan(ownSla, storePolicy);
    assert.equal(fromPlan.slaSource, 'plan');
    assert.equal(fromPlan.sla.timeZone, 'UTC');
    assert.deepEqual(fromPlan.sla.targets.SEV1, { response: '10m', resolution: '1h' });

    const neither = effectivePlan(undefined, undefined);
    assert.equal(neither.slaSource, 'defaults');
    assert.deepEqual(neither.sla.targets, DEFAULT_TARGETS);
  });

  it("starts a plan with the store's policy as its sla (the migration), or the built-in targets spelled out", () => {
    const migrated = planSchema.parse(JSON.parse(JSON.stringify(starterPlan(storePolicy))));
    assert.equal(migrated.sla?.timeZone, 'Europe/Berlin');
    assert.deepEqual(migrated.sla?.targets.SEV1, { response: '5m', resolution: '2h' });
    assert.deepEqual(effectivePlan(migrated, undefined).sla, effectivePlan(undefined, storePolicy).sla, 'the clocks do not change');
    assert.deepEqual(starterPlan(undefined).sla?.targets, DEFAULT_TARGETS);
  });

  it('accepts the sample plan of the docs ("Prepare your team", docs/plan.md)', () => {
    const page = readFileSync(resolve(PROJECT_ROOT, 'docs', 'plan.md'), 'utf8');
    const sample = /# Prepare your team[\s\S]*?```json\n([\s\S]*?)\n```/.exec(page)?.[1];
    assert.ok(sample, 'the page has the section and its sample');
    const plan = planSchema.parse(JSON.parse(sample));
    assert.equal(plan.triage.confidentiality.length, 1);
    assert.equal(effectivePlan(plan, undefined).slaSource, 'plan');
  });

  it('checks in schemas/plan.schema.json equal to the schema generated from zod (run "node scripts/planSchema.mjs" after changing the plan)', () => {
    const checkedIn = JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'schemas', 'plan.schema.json'), 'utf8'));
    assert.deepEqual(checkedIn, planJsonSchema());
    const manifest = JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'package.json'), 'utf8'));
    assert.deepEqual(manifest.contributes.jsonValidation, [{ fileMatch: '**/.incidents/plan.json', url: './schemas/plan.schema.json' }]);
    assert.equal(checkedIn.additionalProperties, false, 'an unknown top-level key is squiggled');
    assert.deepEqual(checkedIn.required, ['version']);
  });
});

describe('the plan suggests people and audiences', () => {
  it("offers the role's roster first, marked, then everyone else once", () => {
    const plan = planSchema.parse({ version: PLAN_VERSION, roles: { commander: ['Ana Lima <ana@example.com>', 'Bo Chen <bo@example.com>'] } });
    assert.deepEqual(peopleToSuggest(plan, 'commander', ['Dana Ortiz <dana@example.com>', 'Bo Chen <bo@example.com>']), [
      { person: 'Ana Lima <ana@example.com>', rostered: true },
      { person: 'Bo Chen <bo@example.com>', rostered: true },
      { person: 'Dana Ortiz <dana@example.com>', rostered: false },
    ]);
    assert.deepEqual(
      peopleToSuggest(plan, 'responder', ['Dana Ortiz <dana@example.com>']),
      [{ person: 'Dana Ortiz <dana@example.com>', rostered: false }],
      'no roster for responders',
    );
  });

  it("offers the channels' audiences with where and how often, then the built-in audiences they do not name", () => {
    const choices = audienceChoices(defaultPlan(), ['stakeholders', 'customers', 'internal', 'executives']);
    assert.deepEqual(
      choices.map((choice) => [choice.audience, choice.channel?.updateEvery]),
      [
        ['responders', '1h'],
        ['stakeholders', '1h'],
        ['customers', '2h'],
        ['internal', undefined],
        ['executives', undefined],
      ],
    );
  });
});
