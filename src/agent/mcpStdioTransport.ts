/**
 * The stdio transport of `incident mcp`: newline-delimited JSON-RPC 2.0 read
 * from one stream and written to another, in bounded memory. It stands in for
 * the SDK's StdioServerTransport, which ends the whole session without a word
 * when one message reaches 10 MiB and drops a line it cannot parse without an
 * answer. Here every line gets the answer JSON-RPC 2.0 asks for, and the
 * session goes on:
 * - a message over the limit: its bytes are skipped up to its newline, never
 *   held, then an Invalid Request error (with the request's id when the first
 *   or last bytes show it, else null);
 * - bytes that are not UTF-8, or text that is not JSON: a Parse error;
 * - JSON that is not one JSON-RPC message (a batch, which MCP dropped in
 *   2025-06-18; an object of the wrong shape): an Invalid Request error;
 * - a blank line, or one of only whitespace, holds no message: ignored.
 * Reading pauses while many requests are unanswered or the output is full, so
 * a flood of small messages is answered in turn instead of piling up. The end
 * of the input ends the session once the requests already read are answered;
 * a stream that fails ends it at once, with `failure` saying which and why.
 */
import type { Readable, Writable } from 'node:stream';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ErrorCode, JSONRPCMessageSchema, type JSONRPCMessage, type RequestId } from '@modelcontextprotocol/sdk/types.js';

/** The longest message read, newline excluded: the SDK's own limit, which clients already expect. */
export const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;
/** Requests handled at once; reading waits while this many are unanswered. */
export const MAX_UNANSWERED = 32;
/** How much of each end of a skipped message is kept to find its id. */
const EDGE_BYTES = 4096;
const NEWLINE = 0x0a;

export interface TransportFailure {
  side: 'input' | 'output';
  error: NodeJS.ErrnoException;
}

/** A message being skipped: how long it is so far, and its first and last bytes. */
interface Skipped {
  bytes: number;
  head: Buffer;
  tail: Buffer;
}

export class McpStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  /** Why the session ended, when it was not the client closing the input. */
  failure: TransportFailure | undefined;

  /** Bytes read but not yet split into lines (held only while reading waits). */
  private unread: Buffer | undefined;
  /** The pieces of the line read so far. */
  private line: Buffer[] = [];
  private lineBytes = 0;
  private skipped: Skipped | undefined;
  /** Requests handed to the server and not answered yet, by id (a count, should a client reuse one). */
  private readonly unanswered = new Map<RequestId, number>();
  private unansweredCount = 0;
  private outputFull = false;
  private inputEnded = false;
  private reading = false;
  private closed = false;
  private readonly utf8 = new TextDecoder('utf-8', { fatal: true });

  constructor(
    private readonly input: Readable,
    private readonly output: Writable,
    private readonly maxMessageBytes = MAX_MESSAGE_BYTES,
  ) {}

  async start(): Promise<void> {
    this.input.on('data', this.onData);
    this.input.on('end', this.onEnd);
    // A stream closed without an end (destroyed) has ended all the same; after an error, fail() has closed already.
    this.input.on('close', this.onEnd);
    this.input.on('error', this.onInputError);
    this.output.on('error', this.onOutputError);
    this.output.on('drain', this.onDrain);
  }

  async send(message: JSONRPCMessage): Promise<void> {
    if (this.closed) return;
    if ('id' in message && ('result' in message || 'error' in message) && message.id !== undefined) this.settle(message.id);
    this.write(message);
    this.readLines();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.input.off('data', this.onData);
    this.input.off('end', this.onEnd);
    this.input.off('close', this.onEnd);
    this.input.off('error', this.onInputError);
    this.output.off('drain', this.onDrain);
    // The output's error listener stays: a late write error must not become an uncaught exception.
    this.input.pause();
    this.unread = undefined;
    this.line = [];
    this.onclose?.();
  }

  private readonly onData = (chunk: Buffer | string) => {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    // Reading waits (the input is paused) while anything is unread, so this joins at most one more chunk.
    this.unread = this.unread ? Buffer.concat([this.unread, bytes]) : bytes;
    this.readLines();
  };

  private readonly onEnd = () => {
    this.inputEnded = true;
    this.readLines();
  };

  private readonly onInputError = (error: NodeJS.ErrnoException) => this.fail('input', error);
  private readonly onOutputError = (error: NodeJS.ErrnoException) => this.fail('output', error);

  private readonly onDrain = () => {
    this.outputFull = false;
    this.readLines();
  };

  private fail(side: TransportFailure['side'], error: NodeJS.ErrnoException): void {
    if (this.closed) return;
    this.failure = { side, error };
    void this.close();
  }

  private get waiting(): boolean {
    return this.outputFull || this.unansweredCount >= MAX_UNANSWERED;
  }

  /** Handles every whole line read, as far as the server keeps up; ends the session once the input has ended and all is answered. */
  private readLines(): void {
    // An answer sent while a line is handled comes back here: the loop below goes on instead.
    if (this.reading || this.closed) return;
    this.reading = true;
    try {
      while (this.unread && !this.waiting && !this.closed) {
        const newline = this.unread.indexOf(NEWLINE);
        const piece = newline === -1 ? this.unread : this.unread.subarray(0, newline);
        this.unread = newline === -1 || newline + 1 === this.unread.length ? undefined : this.unread.subarray(newline + 1);
        this.take(piece);
        if (newline !== -1) this.endLine();
      }
      // A last message the client did not end with a newline is still a message.
      if (this.inputEnded && !this.unread && !this.waiting) this.endLine();
    } finally {
      this.reading = false;
    }
    if (this.closed) return;
    if (this.inputEnded && !this.unread && this.unansweredCount === 0) {
      void this.close();
    } else if (this.waiting) {
      this.input.pause();
    } else if (!this.inputEnded) {
      this.input.resume();
    }
  }

  /** Adds a piece of the current line, or, past the limit, only counts it and keeps its ends. */
  private take(piece: Buffer): void {
    if (!piece.length) return;
    if (!this.skipped && this.lineBytes + piece.length > this.maxMessageBytes) {
      const pieces = [...this.line, piece];
      const total = this.lineBytes + piece.length;
      this.skipped = { bytes: total, head: Buffer.concat(pieces, Math.min(EDGE_BYTES, total)), tail: pieces.reduce(lastBytes, Buffer.alloc(0)) };
      this.line = [];
      this.lineBytes = 0;
    } else if (this.skipped) {
      this.skipped.bytes += piece.length;
      this.skipped.tail = lastBytes(this.skipped.tail, piece);
    } else {
      this.line.push(piece);
      this.lineBytes += piece.length;
    }
  }

  private endLine(): void {
    const { skipped } = this;
    if (skipped) {
      this.skipped = undefined;
      const size = `${(skipped.bytes / (1024 * 1024)).toFixed(1)} MiB`;
      const limit = `${this.maxMessageBytes / (1024 * 1024)} MiB`;
      return this.refuse(
        ErrorCode.InvalidRequest,
        `Invalid Request: the message is ${size}, more than the ${limit} this server reads; it was skipped. Send less in one message.`,
        idAtStart(skipped.head.toString('utf8')) ?? idAtEnd(skipped.tail.toString('utf8')) ?? null,
      );
    }
    const bytes = this.line.length === 1 ? this.line[0] : Buffer.concat(this.line, this.lineBytes);
    this.line = [];
    this.lineBytes = 0;
    this.handle(bytes);
  }

  private handle(bytes: Buffer): void {
    if (isBlank(bytes)) return;
    let text: string;
    try {
      text = this.utf8.decode(bytes);
    } catch {
      // Its id is read from the text with the bad bytes replaced, so a client waiting for that answer gets it.
      return this.refuse(ErrorCode.ParseError, 'Parse error: the message is not valid UTF-8; JSON-RPC messages are UTF-8 text.', idOf(parsedOrUndefined(bytes.toString('utf8'))));
    }
    const value = parsedOrUndefined(text);
    if (value === undefined) return this.refuse(ErrorCode.ParseError, 'Parse error: the message is not valid JSON.', null);
    if (Array.isArray(value)) {
      return this.refuse(ErrorCode.InvalidRequest, 'Invalid Request: a batch (a JSON array) is not supported; MCP sends each message on its own line since 2025-06-18.', null);
    }
    const message = JSONRPCMessageSchema.safeParse(value);
    if (!message.success) {
      return this.refuse(
        ErrorCode.InvalidRequest,
        'Invalid Request: not a JSON-RPC 2.0 request, notification or response ({"jsonrpc": "2.0", "method": …, "id": …}).',
        idOf(value),
      );
    }
    this.deliver(message.data);
  }

  private deliver(message: JSONRPCMessage): void {
    if ('method' in message && 'id' in message) {
      this.unanswered.set(message.id, (this.unanswered.get(message.id) ?? 0) + 1);
      this.unansweredCount++;
    }
    // A cancelled request is never answered (the SDK drops its result): it no longer counts.
    if ('method' in message && message.method === 'notifications/cancelled' && !('id' in message)) {
      const requestId = (message.params as { requestId?: unknown } | undefined)?.requestId;
      if (typeof requestId === 'string' || typeof requestId === 'number') this.settle(requestId);
    }
    this.onmessage?.(message);
  }

  private settle(id: RequestId): void {
    const count = this.unanswered.get(id);
    if (!count) return;
    if (count === 1) this.unanswered.delete(id);
    else this.unanswered.set(id, count - 1);
    this.unansweredCount--;
  }

  private refuse(code: ErrorCode, message: string, id: RequestId | null): void {
    this.write({ jsonrpc: '2.0', id, error: { code, message } });
  }

  private write(message: object): void {
    try {
      if (!this.output.write(`${JSON.stringify(message)}\n`)) this.outputFull = true;
    } catch (error) {
      this.fail('output', error as NodeJS.ErrnoException);
    }
  }
}

/** Only JSON's whitespace (space, tab, CR): no message at all. */
function isBlank(bytes: Buffer): boolean {
  return bytes.every((byte) => byte === 0x20 || byte === 0x09 || byte === 0x0d);
}

function parsedOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The id of a message that failed a check, when it has a usable one (JSON-RPC 2.0: null when it cannot be told). */
function idOf(value: unknown): RequestId | null {
  const id = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as { id?: unknown }).id : undefined;
  return typeof id === 'string' || (typeof id === 'number' && Number.isSafeInteger(id)) ? id : null;
}

/** The last EDGE_BYTES of `kept` followed by `piece`, copied so the chunk they came from can be freed. */
function lastBytes(kept: Buffer, piece: Buffer): Buffer {
  if (piece.length >= EDGE_BYTES) return Buffer.from(piece.subarray(piece.length - EDGE_BYTES));
  const joined = Buffer.concat([kept, piece]);
  return Buffer.from(joined.subarray(Math.max(0, joined.length - EDGE_BYTES)));
}

const STRING = String.raw`"(?:[^"\\]|\\.)*"`;
const ID_VALUE = String.raw`(-?\d+|${STRING})`;
/**
 * `{"jsonrpc":"2.0","id":7,…`: an id that only the "jsonrpc" and "method"
 * strings precede is the message's own (anything nested would come after).
 */
const ID_AT_START = new RegExp(String.raw`^\s*\{\s*(?:"(?:jsonrpc|method)"\s*:\s*${STRING}\s*,\s*)*"id"\s*:\s*${ID_VALUE}`);
/**
 * `…,"id":7}` at the very end, as the SDK writes a request: the last member
 * before the closing brace of the line is a member of the message itself.
 */
const ID_AT_END = new RegExp(String.raw`,\s*"id"\s*:\s*${ID_VALUE}\s*\}\s*$`);

function idAtStart(head: string): RequestId | undefined {
  return idValue(ID_AT_START.exec(head)?.[1]);
}

function idAtEnd(tail: string): RequestId | undefined {
  return idValue(ID_AT_END.exec(tail)?.[1]);
}

function idValue(matched: string | undefined): RequestId | undefined {
  if (matched === undefined) return undefined;
  const id = parsedOrUndefined(matched);
  return typeof id === 'string' || (typeof id === 'number' && Number.isSafeInteger(id)) ? id : undefined;
}
