/** The agents' incidents_set_field tool (issue 31): a type's field set or cleared after a person confirms, checked by kind like the CLI. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { agentTool, callTool, confirmationOf, ToolFailure } from '../../../src/agent/tools';
import type { AgentWorkspace, WriteTool } from '../../../src/agent/toolKit';
import { changeType } from '../../../src/core/lifecycle/typeFields';
import { effectivePlan, planSchema } from '../../../src/core/plan/plan';
import { incidentMarkdown } from '../../../src/agent/incidentMarkdown';
import { agentRepo } from './agentRepo';

const plan = effectivePlan(
  planSchema.parse({
    version: 1,
    types: [
      {
        id: 'vendor',
        title: 'Vendor outage',
        definition: 'A provider is down.',
        category: 'performance',
        fields: [{ id: 'ticket', title: 'Vendor ticket', kind: 'url', required: true }],
      },
    ],
  }),
  undefined,
);
const tool = agentTool('incidents_set_field') as WriteTool;

describe('the incidents_set_field agent tool', function () {
  this.timeout(60_000);

  it('asks with the exact value, sets it checked by kind, clears it, and refuses a bad value or an untyped incident in one line without writing', async () => {
    const { repo, id, workspace: base } = await agentRepo();
    const workspace: AgentWorkspace = { ...base, plan: () => plan };
    const storeText = () => readFileSync(join(repo, '.incidents', 'incidents.json'), 'utf8');
    const untouched = storeText();
    await assert.rejects(callTool(tool, { id, field: 'ticket', value: 'https://status.vendor.example/1' }, workspace), (error: Error) => {
      assert.ok(error instanceof ToolFailure);
      assert.match(error.message, /has no type, so it has no fields/);
      return true;
    });
    assert.equal(storeText(), untouched);
    await workspace.store.update(id, (incident) => changeType(incident, plan, 'vendor', { at: new Date(), author: 'Dana Ortiz <dana@example.com>' }));
    const asked = await confirmationOf(tool, { id, field: 'ticket', value: 'https://status.vendor.example/1' }, workspace);
    assert.match(asked.message, /Set the field \*\*ticket\*\* of INC-[0-9A-Z]{8} \("Checkout times out"\) to:\n\n> https:\/\/status\.vendor\.example\/1$/);
    const before = storeText();
    await assert.rejects(confirmationOf(tool, { id, field: 'ticket', value: 'ftp://x' }, workspace), /"Vendor ticket" is a web address starting with https:\/\/ or http:\/\//);
    assert.equal(storeText(), before, 'a refused value writes nothing');
    const done = await callTool(tool, { id, field: 'ticket', value: 'https://status.vendor.example/1' }, workspace);
    assert.equal(done.text, `${id}: ticket = https://status.vendor.example/1.`);
    const stored = workspace.store.read().incident(id)!;
    assert.deepEqual(stored.fields, { ticket: 'https://status.vendor.example/1' });
    assert.match(incidentMarkdown(stored, [], plan, new Date()), /\n## Fields\n- Vendor ticket: https:\/\/status\.vendor\.example\/1\n/);
    assert.equal((await callTool(tool, { id, field: 'ticket' }, workspace)).text, `Cleared ticket on ${id}.`);
    assert.deepEqual(workspace.store.read().incident(id)?.fields, {});
    await assert.rejects(callTool(tool, { id, field: '--upload-pack', value: 'x' }, workspace), ToolFailure);
  });
});
