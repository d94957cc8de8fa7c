/**
 * Migration for incident types (issue 31): a store written before records
 * had a type and fields (test/fixtures/stores/before-types.json, written by
 * the release before, through its IncidentStore) loads, and a write that
 * changes nothing leaves it byte-identical; giving one incident a type and
 * a field changes that incident's lines and no others.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { planSchema } from '../../../src/core/plan/plan';
import { changeType, setTypeField } from '../../../src/core/lifecycle/typeFields';
import { IncidentStore } from '../../../src/store/incidentStore';
import { tempRepo } from './tempRepo';

const FIXTURE = readFileSync(resolve(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'stores', 'before-types.json'), 'utf8');
const PLAN = planSchema.parse({
  version: 1,
  types: [
    {
      id: 'auth',
      title: 'Sign-in trouble',
      definition: 'People cannot sign in.',
      category: 'performance',
      fields: [{ id: 'region', title: 'Region', kind: 'choice', choices: ['eu', 'us'] }],
    },
  ],
});

function storeWithFixture(): IncidentStore {
  const root = tempRepo();
  mkdirSync(join(root, '.incidents'));
  writeFileSync(join(root, '.incidents', 'incidents.json'), FIXTURE);
  return new IncidentStore(root);
}

describe('a store written before incident types (migration)', () => {
  it('has neither types nor fields, loads every incident, and writes back byte-identical when nothing changed', async () => {
    assert.doesNotMatch(FIXTURE, /"type"|"fields"/);
    const store = storeWithFixture();
    const snapshot = store.read();
    assert.deepEqual(
      snapshot.incidents.map((incident) => [incident.id, incident.type, incident.fields]),
      [
        ['INC-1A2B3C4D', undefined, undefined],
        ['INC-7K3QF2XM', undefined, undefined],
      ],
    );
    await store.update('INC-7K3QF2XM', (incident) => incident);
    await store.mutateDocument((document) => ({ ...document, incidents: [...document.incidents] }));
    assert.equal(readFileSync(store.file, 'utf8'), FIXTURE);
  });

  it('giving one incident a type and a field changes only its lines, stamped so a merge keeps them', async () => {
    const store = storeWithFixture();
    const ctx = { at: new Date('2026-11-25T08:00:00.000Z'), author: 'Bo Berg <bo@example.com>', newId: () => 'typed-1' };
    await store.update('INC-7K3QF2XM', (incident) => setTypeField(changeType(incident, PLAN, 'auth', ctx), PLAN, 'region', 'EU', { ...ctx, newId: () => 'typed-2' }));
    const after = readFileSync(store.file, 'utf8');
    const firstIncidentEnd = FIXTURE.indexOf('"id": "INC-7K3QF2XM"');
    assert.equal(after.slice(0, firstIncidentEnd), FIXTURE.slice(0, firstIncidentEnd), 'the other incident keeps its bytes');
    const typed = store.read().incident('INC-7K3QF2XM');
    assert.equal(typed?.type, 'auth');
    assert.deepEqual(typed?.fields, { region: 'eu' });
    assert.equal(typed?.changedAt?.['fields.region'], ctx.at.toISOString());
    assert.equal(typed?.changedAt?.type, ctx.at.toISOString());
    assert.match(after, /"type": "auth",\n {6}"fields": \{\n {8}"region": "eu"\n {6}\},/, 'type and fields sit after the category, in schema order');
  });
});
