/**
 * The stdio transport's flow control and failures, on in-memory streams: what
 * the process-level tests (mcpStdio.test.ts) cannot hold still long enough to
 * look at. Every wait is for the stream's state, never for time.
 */
import * as assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { MAX_UNANSWERED, McpStdioTransport } from '../../../src/agent/mcpStdioTransport';

const request = (id: number) => `{"jsonrpc":"2.0","id":${id},"method":"ping"}\n`;
const answer = (id: number | string): JSONRPCMessage => ({ jsonrpc: '2.0', id, result: {} });
const idsOf = (messages: JSONRPCMessage[]) => messages.map((message) => (message as { id?: unknown }).id);

/** Resolves once `done()` holds, checking after each turn of the event loop. */
async function until(done: () => boolean, what: string): Promise<void> {
  for (let turn = 0; !done(); turn++) {
    if (turn > 100_000) throw new Error(`never: ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function connected(output = new PassThrough()) {
  const input = new PassThrough();
  const transport = new McpStdioTransport(input, output);
  const delivered: JSONRPCMessage[] = [];
  let closed = false;
  transport.onmessage = (message) => delivered.push(message);
  transport.onclose = () => (closed = true);
  return { input, output, transport, delivered, closed: () => closed };
}

describe('McpStdioTransport', () => {
  it(`reads no further while ${MAX_UNANSWERED} requests are unanswered, and goes on as each is answered`, async () => {
    const { input, transport, delivered } = connected();
    await transport.start();
    input.write(Array.from({ length: 100 }, (_, i) => request(i)).join(''));
    await until(() => input.isPaused(), 'the input paused');
    assert.deepEqual(
      idsOf(delivered),
      Array.from({ length: MAX_UNANSWERED }, (_, i) => i),
    );
    await transport.send(answer(0));
    assert.deepEqual(idsOf(delivered.slice(MAX_UNANSWERED)), [MAX_UNANSWERED], 'one answer lets one more request in');
    for (let next = 1; delivered.length < 100; next++) await transport.send(answer(next));
    assert.deepEqual(
      idsOf(delivered),
      Array.from({ length: 100 }, (_, i) => i),
    );
  });

  it('counts a cancelled request as answered, since the SDK never answers it', async () => {
    const { input, transport, delivered } = connected();
    await transport.start();
    input.write(Array.from({ length: MAX_UNANSWERED }, (_, i) => request(i)).join(''));
    await until(() => input.isPaused(), 'the input paused');
    input.write(`{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":1}}\n${request(100)}${request(101)}`);
    await transport.send(answer(0));
    await until(() => input.isPaused(), 'the input paused again');
    // Answer 0 frees one slot and the cancellation of 1 another: both requests come in.
    assert.deepEqual(idsOf(delivered.slice(MAX_UNANSWERED)), [undefined, 100, 101]);
  });

  it('reads no further while the output is full, and goes on when it drains', async () => {
    const output = new PassThrough({ highWaterMark: 64 });
    const { input, transport, delivered } = connected(output);
    await transport.start();
    input.write('not json\n'.repeat(50) + request(1));
    await until(() => input.isPaused(), 'the input paused');
    const answeredWhileFull = output.readableLength;
    assert.ok(answeredWhileFull < 50 * 80, 'the refusals stopped when the output filled');
    assert.equal(delivered.length, 0);
    output.resume();
    await until(() => delivered.length === 1, 'the request after the refusals');
  });

  it('ends with the reason when its input fails, and never when only answers are pending', async () => {
    const { input, transport, closed } = connected();
    await transport.start();
    input.destroy(Object.assign(new Error('read EIO'), { code: 'EIO' }));
    await until(closed, 'the close');
    assert.deepEqual([transport.failure?.side, transport.failure?.error.code], ['input', 'EIO']);

    const other = connected();
    await other.transport.start();
    other.input.end(request(7));
    await until(() => other.delivered.length === 1 && other.input.readableEnded, 'the request and the end of the input');
    assert.equal(other.closed(), false, 'a request read before the end is still to be answered');
    await other.transport.send(answer(7));
    assert.equal(other.closed(), true);
    assert.equal(other.transport.failure, undefined, 'the client closing its input is no failure');
  });
});
