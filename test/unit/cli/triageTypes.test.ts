/** Triage that suggests one of the plan's incident types (issue 31): the question names it, the outcome says so, declaring from the ticks takes it. */
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { triageOutcome } from '../../../src/core/plan/triage';
import { planSchema } from '../../../src/core/plan/plan';
import type { StoreDocument } from '../../../src/core/record/schema';
import { tempRepo } from '../store/tempRepo';
import { incident } from './runCli';

const PLAN = {
  version: 1,
  triage: {
    confidentiality: [],
    integrity: [
      { id: 'rows-missing', text: 'Are rows missing from a table that should have them?', suggestedSeverity: 'SEV2', suggestedType: 'data-loss' },
      { id: 'numbers-wrong', text: 'Are numbers shown wrong?', suggestedCategory: 'regression', suggestedSeverity: 'SEV3' },
    ],
    availability: [],
  },
  types: [{ id: 'data-loss', title: 'Data loss', definition: 'Data gone.', category: 'security', severity: 'SEV1' }],
};

describe('triage that suggests an incident type', () => {
  it('the outcome names the suggested type, in its data and its sentence', () => {
    const plan = planSchema.parse(PLAN);
    const outcome = triageOutcome(plan, ['rows-missing', 'numbers-wrong']);
    assert.equal(outcome.suggestedType, 'data-loss');
    assert.match(outcome.text, /; type data-loss suggested\.$/);
    assert.equal(triageOutcome(plan, ['numbers-wrong']).suggestedType, undefined);
    assert.doesNotMatch(triageOutcome(plan, ['numbers-wrong']).text, /type/);
  });

  it('declaring from the ticks takes the suggested type with its category; the ticks keep their severity', async () => {
    const repo = tempRepo();
    mkdirSync(join(repo, '.incidents'));
    writeFileSync(join(repo, '.incidents', 'plan.json'), JSON.stringify(PLAN, null, 2));
    const run = await incident(repo, 'triage', '--tick', 'rows-missing', '--tick', 'numbers-wrong', '--declare', 'Orders missing', '--json');
    assert.equal(run.code, 0, run.stderr);
    const result = JSON.parse(run.stdout);
    assert.deepEqual(result.suggested, { category: 'regression', severity: 'SEV2', type: 'data-loss' });
    const store = JSON.parse(readFileSync(join(repo, '.incidents', 'incidents.json'), 'utf8')) as StoreDocument;
    const declared = store.incidents.find((i) => i.id === result.declared);
    assert.deepEqual([declared?.type, declared?.category, declared?.severity], ['data-loss', 'security', 'SEV2']);
    assert.ok(declared?.triage?.['rows-missing']?.checked, 'the ticks are recorded as before');
  });
});
