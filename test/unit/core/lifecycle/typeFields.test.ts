import * as assert from 'node:assert/strict';
import { answerTypeQuestion, changeType, setTypeField, typeQuestions } from '../../../../src/core/lifecycle/typeFields';
import { planSchema } from '../../../../src/core/plan/plan';
import { DomainError } from '../../../../src/core/record/errors';
import { incidentSchema } from '../../../../src/core/record/schema';
import { anIncident, ctx, minutesAfter } from '../builders';

const PLAN = planSchema.parse({
  version: 1,
  types: [
    {
      id: 'data-loss',
      title: 'Data loss',
      definition: 'Data gone.',
      category: 'security',
      questions: [{ id: 'backup-verified', text: 'Has the last backup been restored somewhere safe?' }],
      fields: [
        { id: 'records-lost', title: 'Records lost', kind: 'number', required: true },
        { id: 'region', title: 'Region', kind: 'choice', choices: ['eu', 'us'] },
      ],
    },
    { id: 'vendor', title: 'Vendor down', definition: 'A provider is down.', category: 'performance' },
  ],
});
const problem = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof DomainError, String(error));
    return error.message;
  }
  assert.fail('accepted');
};

describe('types and fields on an incident (src/core/lifecycle/typeFields.ts)', () => {
  it('gives an incident a type, its category following, each step on the timeline', () => {
    const typed = changeType(anIncident({ category: 'regression' }), PLAN, 'data-loss', ctx(minutesAfter(1)));
    assert.equal(typed.type, 'data-loss');
    assert.equal(typed.category, 'security');
    assert.deepEqual(
      typed.timeline.slice(-2).map((event) => event.text),
      ['Category regression → security', 'Type none → data-loss'],
    );
    assert.equal(changeType(typed, PLAN, 'data-loss', ctx(minutesAfter(2))), typed, 'the same type again changes nothing');
    assert.match(
      problem(() => changeType(typed, PLAN, 'payments', ctx())),
      /^the plan has no type "payments"; its types: data-loss, vendor$/,
    );
    assert.match(
      problem(() => changeType(typed, planSchema.parse({ version: 1 }), 'vendor', ctx())),
      /it has no "types" block/,
    );
  });

  it('sets, replaces and clears a field, stored by kind, and the record still passes the schema', () => {
    let incident = changeType(anIncident(), PLAN, 'data-loss', ctx(minutesAfter(1)));
    incident = setTypeField(incident, PLAN, 'records-lost', '1200', ctx(minutesAfter(2)));
    incident = setTypeField(incident, PLAN, 'region', 'US', ctx(minutesAfter(3)));
    assert.deepEqual(incident.fields, { 'records-lost': 1200, region: 'us' });
    assert.equal(setTypeField(incident, PLAN, 'region', 'us', ctx(minutesAfter(4))), incident, 'the same value changes nothing');
    incident = setTypeField(incident, PLAN, 'region', undefined, ctx(minutesAfter(5)));
    assert.deepEqual(incident.fields, { 'records-lost': 1200 });
    assert.deepEqual(
      incident.timeline.slice(-3).map((event) => event.text),
      ['Records lost: 1200', 'Region: us', 'Region cleared'],
    );
    assert.deepEqual(incidentSchema.parse(incident).fields, { 'records-lost': 1200 });
  });

  it('refuses, in one line, a field on an untyped incident, an unknown field, a bad value, and edits under a type the plan dropped', () => {
    assert.equal(
      problem(() => setTypeField(anIncident(), PLAN, 'region', 'eu', ctx())),
      'INC-1A2B3C4D has no type, so it has no fields; declare it with a type (--type)',
    );
    const typed = changeType(anIncident(), PLAN, 'data-loss', ctx());
    assert.equal(
      problem(() => setTypeField(typed, PLAN, 'colour', 'red', ctx())),
      'type "data-loss" has no field "colour"; its fields: records-lost, region',
    );
    assert.equal(
      problem(() => setTypeField(typed, PLAN, 'records-lost', 'lots', ctx())),
      '"Records lost" is a number, like 42 or 3.5',
    );
    const filled = setTypeField(typed, PLAN, 'region', 'eu', ctx());
    const later = planSchema.parse({ version: 1, types: [PLAN.types![1]] });
    assert.match(
      problem(() => setTypeField(filled, later, 'region', 'us', ctx())),
      /which the plan no longer defines; its fields can be read but not changed$/,
    );
    assert.deepEqual(filled.fields, { region: 'eu' }, 'the value stays readable');
  });

  it('keeps a hostile field id or value out of the record', () => {
    assert.equal(incidentSchema.safeParse({ ...anIncident(), fields: { __proto__x: 'a' } }).success, false);
    assert.equal(incidentSchema.safeParse({ ...anIncident(), fields: { ok: { nested: true } } }).success, false);
    assert.equal(incidentSchema.safeParse({ ...anIncident(), type: 'Not A Slug' }).success, false);
    assert.equal(incidentSchema.safeParse({ ...anIncident(), type: 'gone-type', fields: { 'a-b': 'x', n: 3 } }).success, true, 'a type the plan does not know is kept');
  });

  it("answers the type's questions, kept with the triage ticks and on the timeline; refuses a question the type does not have", () => {
    const typed = changeType(anIncident(), PLAN, 'data-loss', ctx(minutesAfter(1)));
    assert.deepEqual(typeQuestions(PLAN, typed), [{ id: 'backup-verified', text: 'Has the last backup been restored somewhere safe?' }]);
    const answered = answerTypeQuestion(typed, PLAN, 'backup-verified', true, ctx(minutesAfter(2)));
    assert.deepEqual(typeQuestions(PLAN, answered)[0].answered, { by: 'Dana Ortiz <dana@example.com>', at: minutesAfter(2).toISOString() });
    assert.equal(answered.timeline.at(-1)?.text, 'Answered: Has the last backup been restored somewhere safe?');
    assert.equal(answerTypeQuestion(answered, PLAN, 'backup-verified', true, ctx(minutesAfter(3))), answered, 'answering again changes nothing');
    const reopened = answerTypeQuestion(answered, PLAN, 'backup-verified', false, ctx(minutesAfter(4)));
    assert.equal(typeQuestions(PLAN, reopened)[0].answered, undefined);
    assert.equal(
      problem(() => answerTypeQuestion(typed, PLAN, 'nope', true, ctx())),
      'type "data-loss" has no question "nope"; its questions: backup-verified',
    );
    assert.match(
      problem(() => answerTypeQuestion(anIncident(), PLAN, 'backup-verified', true, ctx())),
      /has no type, so no type questions$/,
    );
    assert.ok(incidentSchema.safeParse(answered).success);
  });
});
