/**
 * Declaring with one of the plan's types through the one write path
 * (declareIncidentWithPlan): the type's category, its severity unless one is
 * given, its runbooks' tasks, and whom it tells beside the severity's list.
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError } from '../../../src/core/record/errors';
import { IncidentStore } from '../../../src/store/incidentStore';
import { planInForce } from '../../../src/store/planFile';
import { declareIncidentWithPlan, type IncidentWriter } from '../../../src/workflows/incidentWrites';
import { tempRepo } from '../store/tempRepo';

const CTX = { at: new Date('2026-12-01T09:00:00.000Z'), author: 'Dana Ortiz <dana@example.com>' };

function repoWithTypes(): string {
  const repo = tempRepo();
  mkdirSync(join(repo, '.incidents', 'runbooks'), { recursive: true });
  const severity = (title: string, notify?: string[]) => ({ title, definition: `${title}.`, ...(notify && { notify }) });
  writeFileSync(
    join(repo, '.incidents', 'plan.json'),
    JSON.stringify({
      version: 1,
      severities: { SEV1: severity('Critical', ['#exec-oncall']), SEV2: severity('Major'), SEV3: severity('Minor'), SEV4: severity('Low') },
      types: [
        {
          id: 'data-loss',
          title: 'Data loss',
          definition: 'Data gone.',
          category: 'security',
          severity: 'SEV1',
          runbooks: ['restore.md'],
          tell: ['Legal <legal@example.com>', '#exec-oncall'],
        },
      ],
    }),
  );
  // A runbook for performance incidents only: it applies to a data-loss incident because the type names it.
  writeFileSync(
    join(repo, '.incidents', 'runbooks', 'restore.md'),
    '---\ntitle: Restore\ncategories: [performance]\nseverities: [SEV4]\n---\n## Steps\n- [ ] Restore the last backup\n',
  );
  return repo;
}

describe('declaring with a type (src/workflows/incidentWrites.ts)', () => {
  it("takes the type's category and severity, adds its runbooks' tasks, and tells its people beside the severity's, each once", async () => {
    const repo = repoWithTypes();
    let asked = 0;
    const writer: IncidentWriter = { store: new IncidentStore(repo), plan: () => (asked++, planInForce(repo, '.incidents', undefined).plan) };
    const { incident, tellNow, runbooksLeftOut } = await declareIncidentWithPlan(writer, { title: 'Orders truncated', type: 'data-loss' }, CTX);
    assert.deepEqual([incident.type, incident.category, incident.severity], ['data-loss', 'security', 'SEV1']);
    assert.deepEqual(
      incident.tasks?.map((task) => task.text),
      ['Restore the last backup'],
    );
    assert.deepEqual(tellNow, ['#exec-oncall', 'Legal <legal@example.com>']);
    assert.deepEqual(runbooksLeftOut, []);
    assert.equal(asked, 1, 'the plan is read once');
    const lower = await declareIncidentWithPlan(writer, { title: 'Old rows gone', type: 'data-loss', severity: 'SEV3' }, CTX);
    assert.equal(lower.incident.severity, 'SEV3');
    assert.deepEqual(lower.tellNow, ['Legal <legal@example.com>', '#exec-oncall']);
  });

  it('declares as before without a type, and refuses an unknown type or a contradicting category before writing anything', async () => {
    const repo = repoWithTypes();
    const writer: IncidentWriter = { store: new IncidentStore(repo), plan: () => planInForce(repo, '.incidents', undefined).plan };
    await assert.rejects(
      declareIncidentWithPlan(writer, { title: 'X', type: 'payments' }, CTX),
      (error: unknown) => error instanceof DomainError && /no type "payments"/.test(error.message),
    );
    await assert.rejects(declareIncidentWithPlan(writer, { title: 'X', type: 'data-loss', category: 'regression' }, CTX), /belongs to the category security/);
    assert.equal(existsSync(join(repo, '.incidents', 'incidents.json')), false);
    const plain = await declareIncidentWithPlan(writer, { title: 'Plain', category: 'regression', severity: 'SEV2' }, CTX);
    assert.equal(plain.incident.type, undefined);
    assert.equal('type' in plain.incident, false, 'no type key is written');
    assert.equal(plain.incident.tasks, undefined);
  });
});
