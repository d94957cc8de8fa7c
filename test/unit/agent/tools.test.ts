import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AGENT_TOOLS, agentTool, callTool, confirmationOf, ToolFailure } from '../../../src/agent/tools';
import { inputJsonSchema, type AgentWorkspace, type WriteTool } from '../../../src/agent/toolKit';
import type { StoreDocument } from '../../../src/core/record/schema';
import { agentRepo, type AgentRepo } from './agentRepo';

const storeText = (repo: string) => readFileSync(join(repo, '.incidents', 'incidents.json'), 'utf8');
const storeOf = (repo: string) => JSON.parse(storeText(repo)) as StoreDocument;

function tool(name: string) {
  const found = agentTool(name);
  assert.ok(found, `a tool named ${name}`);
  return found;
}
const call = (workspace: AgentWorkspace, name: string, input: unknown) => callTool(tool(name), input, workspace);
const confirm = (workspace: AgentWorkspace, name: string, input: unknown) => confirmationOf(tool(name) as WriteTool, input, workspace);

/** The call fails with a ToolFailure whose one line matches `message`, and the store's bytes are as they were. */
async function refused(fixture: AgentRepo, name: string, input: unknown, message: RegExp): Promise<void> {
  const before = storeText(fixture.repo);
  await assert.rejects(call(fixture.workspace, name, input), (error: Error) => {
    assert.ok(error instanceof ToolFailure, `${name}: a ToolFailure, not ${error.constructor.name}: ${error.message}`);
    assert.match(error.message, message);
    assert.doesNotMatch(error.message, /\n\s+at /, 'no stack trace');
    return true;
  });
  assert.equal(storeText(fixture.repo), before, `${name}: nothing was written`);
}

describe('the agent tools (src/agent) on a real repository', function () {
  this.timeout(60_000);
  let fixture: AgentRepo;
  beforeEach(async () => {
    fixture = await agentRepo();
  });

  it('are defined once with unique names, a description for a model and an object input schema; the nine writers are marked', () => {
    const names = AGENT_TOOLS.map((t) => t.name);
    assert.equal(new Set(names).size, names.length);
    for (const t of AGENT_TOOLS) {
      assert.match(t.name, /^incidents_[a-z_]+$/);
      assert.ok(t.description.length > 60, `${t.name} describes itself`);
      const schema = inputJsonSchema(t);
      assert.equal(schema.type, 'object', t.name);
      assert.equal(schema.$schema, undefined);
    }
    assert.deepEqual(
      AGENT_TOOLS.filter((t) => t.writes).map((t) => t.name),
      [
        'incidents_declare',
        'incidents_add_note',
        'incidents_post_update',
        'incidents_link_commit',
        'incidents_add_action_item',
        'incidents_set_status',
        'incidents_set_severity',
        'incidents_set_field',
        'incidents_acknowledge',
      ],
    );
    assert.deepEqual(inputJsonSchema(tool('incidents_set_severity')).required, ['id', 'severity']);
  });

  it("acknowledges in the confirming person's name: the confirmation says they take command, the record says they acknowledged", async () => {
    const { workspace, id } = fixture;
    const before = JSON.parse(storeText(fixture.repo)).incidents.find((incident: { id: string }) => incident.id === id);
    const asked = (await confirm(workspace, 'incidents_acknowledge', { id })).message;
    if (before.acknowledgedAt) assert.match(asked, /was already acknowledged at .*; nothing will change\.$/);
    else assert.match(asked, /^Acknowledge .* in your name(, and take command of it \(nobody commands it yet\))?: its response clock stops and nobody else is paged\.$/);
    const done = await call(workspace, 'incidents_acknowledge', { id });
    assert.match(done.text, new RegExp(`^${id} acknowledged at \\d{4}-`));
    const after = JSON.parse(storeText(fixture.repo)).incidents.find((incident: { id: string }) => incident.id === id);
    assert.ok(after.acknowledgedAt);
    assert.ok(after.roles.commander, 'someone commands it now');
  });

  it('read tools answer in text and data, and write nothing', async () => {
    const { workspace, id, shas } = fixture;
    const before = storeText(fixture.repo);
    const listed = await call(workspace, 'incidents_list', {});
    assert.match(listed.text, new RegExp(`^1 incident\\(s\\) active:\\n- ${id} SEV2 detected regression: Checkout times out`));
    assert.deepEqual(
      (listed.data.incidents as { id: string }[]).map((i) => i.id),
      [id],
    );
    assert.equal((await call(workspace, 'incidents_list', { severity: 'SEV1' })).text, 'No active incidents.');

    const got = await call(workspace, 'incidents_get', { id: id.toLowerCase() });
    assert.match(got.text, new RegExp(`^# ${id}: Checkout times out\\n`));
    assert.match(got.text, /- Severity: SEV2/);
    assert.match(got.text, /## Roles\n- commander: Dana Ortiz <dana@example.com>/);
    // The declarer named themself commander: that is a response, so the response clock is met at the declaration.
    assert.match(got.text, /## Clocks\n- response: met .*\n- resolution: due in/);
    assert.match(got.text, /## Timeline \(oldest first\)\n- \S+ declared by Dana Ortiz/);
    assert.equal((got.data.incident as { id: string }).id, id);

    const suspects = await call(workspace, 'incidents_suspects', { id, paths: ['src/checkout.js'] });
    const suspectShas = (suspects.data.suspects as { sha: string }[]).map((s) => s.sha);
    assert.deepEqual(suspectShas, [shas[2], shas[1]], 'the range after the good deploy, the commit touching the path first');
    assert.match(suspects.text, /\[score 1\.00: src\/checkout\.js\]/);

    const between = await call(workspace, 'incidents_changes_between', { from: shas[0], to: shas[2] });
    assert.equal(between.data.total, 2);
    assert.deepEqual(
      (between.data.deploys as { sha: string }[]).map((d) => d.sha),
      [shas[2]],
      'the bad deploy shipped a commit of the range',
    );
    assert.match(between.text, /^2 commit\(s\) in /);

    const metrics = await call(workspace, 'incidents_metrics', { since: '30d' });
    assert.match(metrics.text, /^1 incident\(s\) since \d{4}-\d\d-\d\d/);

    const postmortem = await call(workspace, 'incidents_postmortem', { id });
    assert.match(postmortem.text, /Checkout times out/);
    assert.equal(postmortem.data.markdown, postmortem.text);
    assert.ok(!existsSync(join(fixture.repo, '.incidents', 'postmortems')), 'the postmortem is rendered, not written');
    assert.equal(storeText(fixture.repo), before);
  });

  it('refuse bad input with one line naming what is wrong, never a stack trace', async () => {
    const { id } = fixture;
    await refused(fixture, 'incidents_list', { severity: 'SEV9' }, /^incidents_list: the severity must be one of SEV1, SEV2, SEV3, SEV4/);
    await refused(fixture, 'incidents_list', { limit: 0 }, /^incidents_list: the limit must be at least 1$/);
    await refused(fixture, 'incidents_get', {}, /^incidents_get: the id is required$/);
    await refused(fixture, 'incidents_get', { id: 'INC-NOPE' }, /^There is no incident INC-NOPE in this repository; incidents_list lists/);
    await refused(fixture, 'incidents_get', null, /^incidents_get: the id is required$/);
    await refused(fixture, 'incidents_get', { id: 42 }, /^incidents_get: the id must be text$/);
    await refused(fixture, 'incidents_metrics', { since: 'last week' }, /^since must look like "90d"/);
    await refused(fixture, 'incidents_add_note', { id, text: '   ' }, /^incidents_add_note: the text must not be empty$/);
    await refused(fixture, 'incidents_add_note', { id, text: 'x', kind: 'rumour' }, /kind must be one of note, decision, action, evidence/);
    await refused(fixture, 'incidents_post_update', { id, text: 'Still down', nextUpdateIn: 'soon' }, /^nextUpdateIn must look like 30m, 2h or 1d/);
    await refused(fixture, 'incidents_add_action_item', { id, title: 'Add a test', due: '2026-13-45' }, /due/);
    await refused(fixture, 'incidents_set_status', { id, status: 'closed' }, /cannot go from detected to closed/);
  });

  it('never let a revision or path reach git as an option', async () => {
    const { id } = fixture;
    const marker = join(fixture.repo, 'written-by-git');
    await refused(fixture, 'incidents_suspects', { id, good: `--output=${marker}` }, /revision/i);
    await refused(fixture, 'incidents_changes_between', { from: `--output=${marker}`, to: 'HEAD' }, /revision/i);
    await refused(fixture, 'incidents_link_commit', { id, revision: '--all', relation: 'cause' }, /revision/i);
    await refused(fixture, 'incidents_link_commit', { id, revision: 'no-such-branch', relation: 'cause' }, /no-such-branch/);
    assert.ok(!existsSync(marker));
  });

  it('write tools describe exactly what they will write, then write it in the confirming person’s name', async () => {
    const { workspace, id, shas, repo } = fixture;
    const note = { id, kind: 'decision', text: 'Roll back to v1.\nThen watch the error rate.' };
    const asked = await confirm(workspace, 'incidents_add_note', note);
    assert.equal(asked.title, 'Add to the incident timeline');
    assert.equal(asked.message, `Add a **decision** to the timeline of ${id} ("Checkout times out"):\n\n> Roll back to v1.\n> Then watch the error rate.`);
    assert.equal(storeOf(repo).incidents[0].timeline.length, 1, 'asking writes nothing');
    assert.match((await call(workspace, 'incidents_add_note', note)).text, /^Added a decision to INC-/);
    const decision = storeOf(repo).incidents[0].timeline.at(-1);
    assert.deepEqual([decision?.kind, decision?.text, decision?.author], ['decision', note.text, 'Robin Agent-User <robin@example.com>']);

    const link = { id, revision: shas[2].slice(0, 10), relation: 'cause' };
    assert.equal(
      (await confirm(workspace, 'incidents_link_commit', link)).message,
      `Link commit \`${shas[2].slice(0, 12)}\` "Checkout: shorter timeout" (Dana Ortiz <dana@example.com>) to ${id} ("Checkout times out") as its **cause**.`,
    );
    await call(workspace, 'incidents_link_commit', link);
    assert.deepEqual(
      storeOf(repo).incidents[0].commits.map((c) => [c.sha, c.relation]),
      [[shas[2], 'cause']],
    );

    await call(workspace, 'incidents_post_update', { id, text: 'Checkout is slow; we are rolling back.', audience: 'customers', nextUpdateIn: '30m' });
    const update = storeOf(repo).incidents[0].updates[0];
    assert.equal(update.audience, 'customers');
    assert.ok(update.nextUpdateBy && Date.parse(update.nextUpdateBy) - Date.parse(update.at) === 30 * 60_000);

    await call(workspace, 'incidents_add_action_item', { id, title: 'Test the checkout timeout', owner: 'Bo Chen', due: '2026-12-31' });
    const item = storeOf(repo).incidents[0].retrospective.actionItems[0];
    assert.deepEqual([item.title, item.owner, item.due, item.status], ['Test the checkout timeout', 'Bo Chen', '2026-12-31', 'open']);

    assert.equal(
      (await confirm(workspace, 'incidents_set_severity', { id, severity: 'SEV1' })).message,
      `Change the severity of ${id} ("Checkout times out") from **SEV2** to **SEV1**.`,
    );
    await call(workspace, 'incidents_set_severity', { id, severity: 'SEV1' });
    assert.equal((await call(workspace, 'incidents_set_status', { id, status: 'triaged' })).text, `${id} is triaged.`);
    const after = storeOf(repo).incidents[0];
    assert.deepEqual([after.severity, after.status], ['SEV1', 'triaged']);
  });

  it('refuse at confirmation what the lifecycle would refuse, before anyone is asked', async () => {
    const { workspace, id } = fixture;
    await assert.rejects(
      confirm(workspace, 'incidents_set_status', { id, status: 'closed' }),
      (error: Error) => error instanceof ToolFailure && /cannot go from detected to closed/.test(error.message),
    );
    await assert.rejects(confirm(workspace, 'incidents_add_note', { id: 'INC-00000000', text: 'x' }), /There is no incident INC-00000000/);
  });
});
