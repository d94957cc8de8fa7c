/**
 * `incident mcp` as an MCP client sees it: the SDK's own client starts
 * dist/cli.js as a child process over stdio, as Claude Desktop, VS Code or
 * any other client would.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { StoreDocument } from '../../../src/core/record/schema';
import { agentRepo, type AgentRepo } from './agentRepo';

const PROJECT_ROOT = resolve(__dirname, '..', '..', '..', '..');
const CLI = join(PROJECT_ROOT, 'dist', 'cli.js');

interface Connection {
  client: Client;
  stderr: string[];
}

async function connect(repo: string, ...args: string[]): Promise<Connection> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, 'mcp', ...args],
    cwd: repo,
    env: { ...(process.env as Record<string, string>), INCIDENT_AUTHOR: 'unused' },
    stderr: 'pipe',
  });
  const stderr: string[] = [];
  transport.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const client = new Client({ name: 'incident-responder-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, stderr };
}

const textOf = (result: unknown) => ((result as { content: unknown }).content as { type: string; text: string }[]).map((part) => part.text).join('\n');
const storeOf = (repo: string) => JSON.parse(readFileSync(join(repo, '.incidents', 'incidents.json'), 'utf8')) as StoreDocument;

describe('incident mcp (an MCP client over stdio)', function () {
  this.timeout(120_000);
  let fixture: AgentRepo;
  let connection: Connection | undefined;
  before(() => execFileSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'build.mjs'), 'cli'], { cwd: PROJECT_ROOT }));
  beforeEach(async () => {
    fixture = await agentRepo();
  });
  afterEach(async () => {
    await connection?.client.close();
    connection = undefined;
  });

  it('read-only by default: lists only the read tools, answers them, and refuses a write saying how to allow it', async () => {
    connection = await connect(fixture.repo);
    const { client } = connection;
    assert.equal(client.getServerVersion()?.name, 'incident-responder');
    const tools = (await client.listTools()).tools;
    assert.deepEqual(
      tools.map((tool) => tool.name),
      ['incidents_list', 'incidents_get', 'incidents_suspects', 'incidents_changes_between', 'incidents_metrics', 'incidents_postmortem'],
    );
    assert.ok(tools.every((tool) => tool.annotations?.readOnlyHint === true && tool.inputSchema.type === 'object'));

    const listed = await client.callTool({ name: 'incidents_list', arguments: {} });
    assert.equal(listed.isError, undefined);
    assert.match(textOf(listed), new RegExp(`- ${fixture.id} SEV2 detected regression: Checkout times out`));
    assert.deepEqual((listed.structuredContent as { total: number }).total, 1);

    const got = await client.callTool({ name: 'incidents_get', arguments: { id: fixture.id } });
    assert.match(textOf(got), new RegExp(`^# ${fixture.id}: Checkout times out`));

    const bad = await client.callTool({ name: 'incidents_get', arguments: { id: 7 } });
    assert.deepEqual([bad.isError, textOf(bad)], [true, 'incidents_get: the id must be text']);

    const before = readFileSync(join(fixture.repo, '.incidents', 'incidents.json'), 'utf8');
    const write = await client.callTool({ name: 'incidents_add_note', arguments: { id: fixture.id, text: 'from an agent' } });
    assert.equal(write.isError, true);
    assert.match(textOf(write), /^incidents_add_note writes to the incident log, and this server was started read-only; .*"incident mcp --allow-writes"/);
    assert.equal(readFileSync(join(fixture.repo, '.incidents', 'incidents.json'), 'utf8'), before, 'nothing written');
    assert.match(connection.stderr.join(''), /incident mcp: serving .* \(read-only\)/);
  });

  it('with --allow-writes, writes in the name of git’s user, and the store holds it', async () => {
    connection = await connect(fixture.repo, '--allow-writes');
    const { client } = connection;
    const names = (await client.listTools()).tools.map((tool) => tool.name);
    assert.ok(names.includes('incidents_add_note') && names.includes('incidents_set_status'));
    const result = await client.callTool({ name: 'incidents_add_note', arguments: { id: fixture.id, text: 'Error rate back to normal after the rollback', kind: 'note' } });
    assert.equal(result.isError, undefined, textOf(result));
    const event = storeOf(fixture.repo).incidents[0].timeline.at(-1);
    assert.deepEqual([event?.kind, event?.text, event?.author], ['note', 'Error rate back to normal after the rollback', 'Dana Ortiz <dana@example.com>']);
    const illegal = await client.callTool({ name: 'incidents_set_status', arguments: { id: fixture.id, status: 'closed' } });
    assert.equal(illegal.isError, true);
    assert.match(textOf(illegal), /cannot go from detected to closed/);
  });

  it('serves each active incident as a Markdown resource, and prompts that gather the record without writing', async () => {
    connection = await connect(fixture.repo);
    const { client } = connection;
    const resources = (await client.listResources()).resources;
    assert.deepEqual(
      resources.map((resource) => [resource.uri, resource.mimeType]),
      [[`incident:///${fixture.id}`, 'text/markdown']],
    );
    const read = await client.readResource({ uri: `incident:///${fixture.id}` });
    assert.match((read.contents[0] as { text: string }).text, new RegExp(`^# ${fixture.id}: Checkout times out`));
    await assert.rejects(client.readResource({ uri: 'incident:///INC-00000000' }), /There is no incident INC-00000000/);

    const prompts = (await client.listPrompts()).prompts.map((prompt) => prompt.name);
    assert.deepEqual(prompts, ['draft_status_update', 'draft_postmortem']);
    const before = readFileSync(join(fixture.repo, '.incidents', 'incidents.json'), 'utf8');
    const update = await client.getPrompt({ name: 'draft_status_update', arguments: { id: fixture.id, audience: 'customers' } });
    const updateText = (update.messages[0].content as { text: string }).text;
    assert.match(updateText, new RegExp(`^Draft the next status update about incident ${fixture.id} for customers\\.`));
    assert.match(updateText, /no names of people/);
    assert.match(updateText, /incidents_post_update/);
    assert.match(updateText, /## Timeline \(oldest first\)/);
    const postmortem = await client.getPrompt({ name: 'draft_postmortem', arguments: { id: fixture.id } });
    assert.match((postmortem.messages[0].content as { text: string }).text, /^Draft a blameless postmortem of incident INC-/);
    await assert.rejects(client.getPrompt({ name: 'draft_postmortem', arguments: { id: 'INC-00000000' } }), /There is no incident INC-00000000/);
    assert.equal(readFileSync(join(fixture.repo, '.incidents', 'incidents.json'), 'utf8'), before, 'prompts write nothing');
  });

  it('ends when the client closes its stdin', async () => {
    connection = await connect(fixture.repo);
    const transport = (connection.client as unknown as { transport?: StdioClientTransport }).transport;
    const pid = transport?.pid;
    assert.ok(pid);
    await connection.client.close();
    connection = undefined;
    for (let i = 0; i < 100 && isRunning(pid); i++) await new Promise((done) => setTimeout(done, 50));
    assert.equal(isRunning(pid), false, 'the server exited');
  });
});

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
