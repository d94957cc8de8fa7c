import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { AGENT_TOOLS } from '../../src/agent/tools';
import { CommandId } from '../../src/ui/commands/commandIds';
import { activateExtension, storedIncident } from './extensionHelpers';

const textOf = (result: vscode.LanguageModelToolResult) =>
  result.content
    .filter((part): part is vscode.LanguageModelTextPart => part instanceof vscode.LanguageModelTextPart)
    .map((part) => part.value)
    .join('');

const token = () => new vscode.CancellationTokenSource().token;

describe('the agent tools in VS Code (language-model tools)', function () {
  this.timeout(60_000);

  it('are all registered: vscode.lm.tools lists every tool the agent layer defines', async () => {
    const api = await activateExtension();
    const listed = new Set(vscode.lm.tools.map((tool) => tool.name));
    for (const tool of AGENT_TOOLS) assert.ok(listed.has(tool.name), `${tool.name} is listed`);
    assert.deepEqual([...api.agentTools().keys()].sort(), AGENT_TOOLS.map((tool) => tool.name).sort(), 'write tools too, in a trusted workspace');
    const listTool = vscode.lm.tools.find((tool) => tool.name === 'incidents_list');
    assert.deepEqual((listTool?.inputSchema as { type?: string } | undefined)?.type, 'object');
  });

  it('vscode.lm.invokeTool of a read tool returns the incident', async () => {
    await activateExtension();
    const id = await vscode.commands.executeCommand<string>(CommandId.Declare, 'Payments webhook retries storm', 'performance', 'SEV2');
    const result = await vscode.lm.invokeTool('incidents_get', { input: { id }, toolInvocationToken: undefined }, token());
    const text = textOf(result);
    assert.match(text, new RegExp(`^# ${id}: Payments webhook retries storm\\n`));
    assert.match(text, /- Severity: SEV2/);
    await assert.rejects(
      Promise.resolve(vscode.lm.invokeTool('incidents_get', { input: { id: 'INC-00000000' }, toolInvocationToken: undefined }, token())),
      /There is no incident INC-00000000/,
    );
  });

  it("a write tool's prepareInvocation shows exactly what it will write, and writing happens only on invoke", async () => {
    const api = await activateExtension();
    const id = await vscode.commands.executeCommand<string>(CommandId.Declare, 'Login page blank', 'regression', 'SEV3');
    const tool = api.agentTools().get('incidents_add_note');
    assert.ok(tool?.prepareInvocation);
    const input = { id, kind: 'decision', text: 'Roll back web to v88' };
    const prepared = await tool.prepareInvocation({ input }, token());
    const message = prepared?.confirmationMessages?.message;
    assert.equal(prepared?.confirmationMessages?.title, 'Add to the incident timeline');
    assert.equal(typeof message === 'string' ? message : message?.value, `Add a **decision** to the timeline of ${id} ("Login page blank"):\n\n> Roll back web to v88`);
    assert.equal(storedIncident(id).timeline.length, 1, 'preparing wrote nothing');
    await assert.rejects(Promise.resolve(tool.prepareInvocation({ input: { id, status: 'closed' } }, token())), /kind|text/);
    const result = await vscode.lm.invokeTool('incidents_add_note', { input, toolInvocationToken: undefined }, token());
    assert.match(textOf(result), /^Added a decision to INC-/);
    const event = storedIncident(id).timeline.at(-1);
    assert.deepEqual([event?.kind, event?.text], ['decision', 'Roll back web to v88']);
  });
});
