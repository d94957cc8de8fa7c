/**
 * The agent's write tools deliver what they write through the same path as a
 * person's writes: the confirmation names the channels, the write queues the
 * deliveries in the same store write, and the host sends them (here: the
 * `incident mcp` process, counted at real loopback receivers).
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { agentTool, callTool, confirmationOf } from '../../../src/agent/tools';
import type { AgentWorkspace, WriteTool } from '../../../src/agent/toolKit';
import { planOf } from '../../../src/cli/incidentLines';
import { counts, deliveryWorld, writePlan, type DeliveryWorld } from '../cli/deliveryFixture';
import { agentRepo, type AgentRepo } from './agentRepo';
import { PROJECT_ROOT, RawMcp } from './rawMcp';

const KINDS = ['slack', 'teams', 'mattermost', 'discord', 'webhook', 'email'];
const deliveriesIn = (repo: string) =>
  (JSON.parse(readFileSync(join(repo, '.incidents', 'incidents.json'), 'utf8')) as { incidents: { deliveries?: { channel: string; state: string }[] }[] }).incidents[0]
    .deliveries ?? [];

describe('agent write tools deliver like a person', function () {
  this.timeout(180_000);
  let world: DeliveryWorld;
  let fixture: AgentRepo;
  before(() => execFileSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'build.mjs'), 'cli'], { cwd: PROJECT_ROOT }));
  beforeEach(async () => {
    world = await deliveryWorld();
    process.env.INCIDENT_MACHINE_ID = 'alpha';
    fixture = await agentRepo();
    writePlan(fixture.repo, world.plan);
  });
  afterEach(async () => {
    delete process.env.INCIDENT_MACHINE_ID;
    await world.stop();
  });

  it('names the channels in the confirmation, queues them with the update, and asks the host to send', async () => {
    const asked: string[] = [];
    const workspace: AgentWorkspace = {
      ...fixture.workspace,
      deliveries: { plan: () => planOf(fixture.workspace.store), machine: () => 'alpha' },
      deliver: (id) => asked.push(id),
    };
    const post = agentTool('incidents_post_update') as WriteTool;
    const { message } = await confirmationOf(post, { id: fixture.id, audience: 'ops', text: 'Rolled back' }, workspace);
    assert.match(
      message,
      /Delivered to \*\*ops-slack\*\*, \*\*ops-teams\*\*, \*\*ops-mattermost\*\*, \*\*ops-discord\*\*, \*\*ops-webhook\*\*, \*\*ops-email\*\* once confirmed\.$/,
    );
    assert.deepEqual(deliveriesIn(fixture.repo), [], 'confirming writes nothing');
    const internal = await confirmationOf(post, { id: fixture.id, audience: 'internal', text: 'Looking' }, workspace);
    assert.doesNotMatch(internal.message, /Delivered to/, 'no delivered channel hears an internal update');

    const result = await callTool(post, { id: fixture.id, audience: 'ops', text: 'Rolled back' }, workspace);
    assert.match(result.text, /Delivering to ops-slack, ops-teams, ops-mattermost, ops-discord, ops-webhook, ops-email\.$/);
    assert.deepEqual(
      deliveriesIn(fixture.repo).map((record) => [record.channel, record.state]),
      KINDS.map((kind) => [`ops-${kind}`, 'pending']),
    );
    assert.deepEqual(asked, [fixture.id]);
    await callTool(agentTool('incidents_add_note') as WriteTool, { id: fixture.id, text: 'a note is not a message' }, workspace);
    assert.deepEqual(asked, [fixture.id], 'a note sends nothing');
  });

  it('incident mcp --allow-writes sends a posted update once to every channel, before it exits', async () => {
    const server = new RawMcp(fixture.repo, '--allow-writes');
    try {
      server.send({ id: 1, method: 'tools/call', params: { name: 'incidents_post_update', arguments: { id: fixture.id, audience: 'ops', text: 'Rolled back' } } });
      const [answer] = await server.answerCount(1);
      assert.equal(answer.error, undefined, JSON.stringify(answer));
      server.endInput();
      assert.equal(await server.exited(), 0, server.stderr);
    } finally {
      server.kill();
    }
    assert.deepEqual(counts(world), Object.fromEntries(KINDS.map((kind) => [kind, 1])));
    assert.deepEqual(world.receivers.rejected, []);
    assert.deepEqual(new Set(deliveriesIn(fixture.repo).map((record) => record.state)), new Set(['sent']));
    for (const secret of world.secrets) assert.ok(!server.stderr.includes(secret) && !readFileSync(join(fixture.repo, '.incidents', 'incidents.json'), 'utf8').includes(secret));
  });
});
