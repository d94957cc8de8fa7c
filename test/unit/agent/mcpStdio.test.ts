/**
 * `incident mcp` on what a client may send that is not a well-formed message:
 * raw bytes on the real process's stdin, the answers read off its stdout.
 * Each bad line gets the JSON-RPC 2.0 answer (or, for a blank line, none),
 * and the server goes on serving until the client closes its stdin.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { tempRepo } from '../store/tempRepo';
import { CLI, PROJECT_ROOT, RawMcp, type RpcAnswer } from './rawMcp';

const MiB = 1024 * 1024;
const SERVING = /^incident mcp: serving .* \(read-only\)\n$/;

const errorOf = (answer: RpcAnswer) => [answer.id, answer.error?.code];

describe('incident mcp on bad input (raw JSON-RPC over stdio)', function () {
  this.timeout(180_000);
  let repo: string;
  let server: RawMcp | undefined;
  before(() => execFileSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'build.mjs'), 'cli'], { cwd: PROJECT_ROOT }));
  beforeEach(() => {
    repo = tempRepo();
  });
  afterEach(() => {
    server?.kill();
    server = undefined;
  });

  it('answers a 12 MiB message with an Invalid Request error that names the limit, skips it to its newline, and serves the next one', async () => {
    server = new RawMcp(repo);
    const huge = 'x'.repeat(12 * MiB);
    server.write(`{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"incidents_get","arguments":{"id":"${huge}"}}}\n`);
    server.send({ id: 2, method: 'tools/list' });
    const [tooBig, listed] = await server.answerCount(2);
    assert.deepEqual(errorOf(tooBig), [1, -32600], 'the id read from the start of the message');
    assert.match(tooBig.error?.message ?? '', /^Invalid Request: the message is 12\.0 MiB, more than the 10 MiB this server reads; it was skipped\./);
    assert.equal(listed.id, 2);
    assert.equal((listed.result?.tools as unknown[]).length, 6);

    // An id in the middle of 12 MiB cannot be read without holding it all: the answer's id is null.
    server.write(`{"jsonrpc":"2.0","params":{"x":"${huge}"},"id":3,"method":"ping"}\n`);
    server.send({ id: 4, method: 'ping' });
    const [unread, pong] = (await server.answerCount(4)).slice(2);
    assert.deepEqual(errorOf(unread), [null, -32600]);
    assert.deepEqual([pong.id, pong.result], [4, {}]);

    assert.equal(server.exitCode, undefined, 'still serving');
    server.endInput();
    assert.equal(await server.exited(), 0);
    assert.match(server.stderr, SERVING);
  });

  it('an SDK client that sends 11 MiB gets its request refused with the limit, and its next request answered', async () => {
    const transport = new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp'], cwd: repo, stderr: 'pipe' });
    const client = new Client({ name: 'incident-responder-test', version: '1.0.0' });
    await client.connect(transport);
    try {
      // The SDK writes the id last: it is read from the end of the message.
      await assert.rejects(client.callTool({ name: 'incidents_get', arguments: { id: 'y'.repeat(11 * MiB) } }), /-32600.*more than the 10 MiB this server reads/);
      assert.equal((await client.listTools()).tools.length, 6);
    } finally {
      await client.close();
    }
  });

  it('answers each malformed line as JSON-RPC 2.0 says, ignores blank lines, and goes on', async () => {
    server = new RawMcp(repo);
    const lines: (string | Buffer)[] = [
      '',
      '   \t ',
      '\r',
      'not json',
      Buffer.concat([Buffer.from('{"jsonrpc":"2.0","id":3,"method":"ping","params":{"x":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}}')]),
      Buffer.from([0x7b, 0xff, 0xfe, 0x7d]),
      '[]',
      '[{"jsonrpc":"2.0","id":5,"method":"ping"}]',
      '{"jsonrpc":"2.0","id":6}',
      '{"jsonrpc":"2.0","method":7}',
      '"ping"',
      '{"jsonrpc":"2.0","id":8,"method":"ping"}\r',
    ];
    for (const line of lines) server.write(Buffer.concat([Buffer.from(line), Buffer.from('\n')]));
    const answers = await server.answerCount(8);
    assert.deepEqual(
      answers.map((answer) => [answer.id, answer.error?.code ?? answer.result]),
      [
        [null, -32700],
        [3, -32700],
        [null, -32700],
        [null, -32600],
        [null, -32600],
        [6, -32600],
        [null, -32600],
        [null, -32600],
      ],
      'one answer for each bad line, none for the blank ones',
    );
    assert.match(answers[1].error?.message ?? '', /^Parse error: the message is not valid UTF-8/);
    assert.match(answers[4].error?.message ?? '', /^Invalid Request: a batch/);
    assert.ok(answers.every((answer) => answer.jsonrpc === '2.0'));
    const [pong] = (await server.answerCount(9)).slice(8);
    assert.deepEqual([pong.id, pong.result], [8, {}], 'a line ending in CR LF is a message');
    server.endInput();
    assert.equal(await server.exited(), 0);
    assert.equal(server.answers.length, 9, 'the batch was not run');
  });

  it('answers 20,000 requests sent at once, each once', async () => {
    server = new RawMcp(repo);
    const count = 20_000;
    server.write(Array.from({ length: count }, (_, i) => `{"jsonrpc":"2.0","id":${i},"method":"ping"}\n`).join(''));
    const answers = await server.answerCount(count);
    assert.deepEqual(
      answers.map((answer) => answer.id).sort((a, b) => Number(a) - Number(b)),
      Array.from({ length: count }, (_, i) => i),
    );
    assert.ok(answers.every((answer) => answer.error === undefined));
    server.endInput();
    assert.equal(await server.exited(), 0);
    assert.equal(server.answers.length, count);
  });

  it('answers the requests it has read before it ends, a last one without its newline too', async () => {
    server = new RawMcp(repo);
    server.write('{"jsonrpc":"2.0","id":1,"method":"tools/list"}\n{"jsonrpc":"2.0","id":2,"method":"resources/list"}');
    server.endInput();
    assert.equal(await server.exited(), 0);
    assert.deepEqual(
      server.answers.map((answer) => [answer.id, Object.keys(answer.result ?? {})]),
      [
        [1, ['tools']],
        [2, ['resources']],
      ],
    );
  });

  it('stops at once with exit 1 and the reason on stderr when the client closes the pipe it reads', async () => {
    server = new RawMcp(repo);
    server.send({ id: 1, method: 'ping' });
    await server.answerCount(1);
    server.closeOutput();
    server.send({ id: 2, method: 'tools/list' });
    // Its stdin stays open: only the failed write can end it.
    assert.equal(await server.exited(), 1);
    assert.match(
      server.stderr,
      /^incident mcp: serving .*\nincident: could not write the output: the program reading the output closed it before all of it was written \(EPIPE\)\n$/,
    );
  });
});
