/** The agents' incidents_declare tool (issue 31, "declaring with a type" from agents): what the confirmation says, what is written, and refusals that write nothing. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { agentTool, callTool, confirmationOf, ToolFailure } from '../../../src/agent/tools';
import type { AgentWorkspace, WriteTool } from '../../../src/agent/toolKit';
import { defaultPlan, effectivePlan, planSchema } from '../../../src/core/plan/plan';
import { ANA, paymentsRotation, SAM } from '../core/paymentsRotation';
import { agentRepo } from './agentRepo';

const ROBIN = 'Robin Agent-User <robin@example.com>';
const plan = effectivePlan(
  planSchema.parse({
    version: 1,
    types: [{ id: 'data-loss', title: 'Data loss', definition: 'Customer data lost or corrupted.', category: 'security', severity: 'SEV2' }],
  }),
  undefined,
);
const tool = agentTool('incidents_declare') as WriteTool;

describe('the incidents_declare agent tool', function () {
  this.timeout(60_000);

  it("declares with one of the plan's types after saying exactly what it will write; the person confirming commands it", async () => {
    const { repo, workspace: base } = await agentRepo();
    const workspace: AgentWorkspace = { ...base, plan: () => plan };
    const storeText = () => readFileSync(join(repo, '.incidents', 'incidents.json'), 'utf8');
    const before = storeText();
    const asked = await confirmationOf(tool, { title: 'Orders table  truncated', type: 'data-loss' }, workspace);
    assert.equal(asked.message, 'Declare a **SEV2** security incident of type **Data loss** (data-loss):\n\n> "Orders table truncated"\n\nYou command it.');
    assert.equal(storeText(), before, 'asking writes nothing');

    const done = await callTool(tool, { title: 'Orders table truncated', type: 'data-loss' }, workspace);
    const id = done.data.id as string;
    assert.match(id, /^INC-[0-9A-Z]{8}$/);
    assert.equal(done.text, `Declared ${id}: SEV2 security (data-loss), commander ${ROBIN}.`);
    const stored = workspace.store.read().incident(id)!;
    assert.deepEqual(
      [stored.title, stored.type, stored.category, stored.severity, stored.roles.commander, stored.declaredBy],
      ['Orders table truncated', 'data-loss', 'security', 'SEV2', ROBIN, ROBIN],
    );
    assert.ok(stored.acknowledgedAt, 'taking command at the declaration is a response');

    const asSev1 = await callTool(tool, { title: 'Orders table truncated on the replica too', type: 'data-loss', severity: 'SEV1' }, workspace);
    assert.equal(workspace.store.read().incident(asSev1.data.id as string)?.severity, 'SEV1', 'a severity given wins over the type default');
  });

  it("names the on-call person as commander when the plan assigns the severity's rotation, and leaves the incident unacknowledged", async () => {
    const { workspace: base } = await agentRepo();
    const defaults = defaultPlan();
    const routed = effectivePlan(
      planSchema.parse({
        version: 1,
        severities: { ...defaults.severities, SEV1: { ...defaults.severities.SEV1, rotation: 'payments', assign: true } },
        oncall: { timeZone: 'UTC', rotations: [paymentsRotation([SAM, ANA], [])] },
      }),
      undefined,
    );
    const workspace: AgentWorkspace = { ...base, plan: () => routed };
    const asked = await confirmationOf(tool, { title: 'Card payments fail', category: 'regression', severity: 'SEV1' }, workspace);
    assert.match(asked.message, /\n\nSam Lee <sam@example\.com> commands it \(on call for payments \(primary\), per severity SEV1\)\.$/);
    const done = await callTool(tool, { title: 'Card payments fail', category: 'regression', severity: 'SEV1' }, workspace);
    const stored = workspace.store.read().incident(done.data.id as string)!;
    assert.equal(stored.roles.commander, SAM);
    assert.equal(stored.acknowledgedAt, undefined, 'made commander by the plan is not an acknowledgement');
  });

  it('declares without a type from a category and a severity, and refuses what the plan cannot take in one line, writing nothing', async () => {
    const { repo, workspace: base } = await agentRepo();
    const workspace: AgentWorkspace = { ...base, plan: () => plan };
    const storeText = () => readFileSync(join(repo, '.incidents', 'incidents.json'), 'utf8');
    const refused = async (input: unknown, message: RegExp) => {
      const before = storeText();
      await assert.rejects(callTool(tool, input, workspace), (error: Error) => {
        assert.ok(error instanceof ToolFailure, error.message);
        assert.match(error.message, message);
        return true;
      });
      assert.equal(storeText(), before);
    };
    await refused({ title: 'Slow search' }, /say the category and the severity, or name one of the plan's types/);
    await refused({ title: 'Slow search', category: 'performance' }, /say the category and the severity/);
    await refused({ title: 'Lost rows', type: 'dataloss' }, /dataloss/);
    await refused({ title: 'Lost rows', type: 'data-loss', category: 'regression' }, /type "data-loss" belongs to the category security/);
    await refused({ title: '', category: 'performance', severity: 'SEV3' }, /title/);
    await refused({ title: 'x', type: '--upload-pack=evil' }, /type/);

    const done = await callTool(tool, { title: 'Slow search', category: 'performance', severity: 'SEV3' }, workspace);
    const stored = workspace.store.read().incident(done.data.id as string)!;
    assert.deepEqual([stored.category, stored.severity, stored.type], ['performance', 'SEV3', undefined]);
  });
});
