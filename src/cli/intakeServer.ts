/**
 * The HTTP side of `incident intake serve`, on Node's own http module: one
 * path per source (POST /alertmanager, /grafana, /sentry, /generic; each
 * reads the body as that source), GET /healthz, and nothing else (404; 405
 * for another method). A request needs the bearer token, or the signature
 * its source's own path accepts (workflows/intakeCredentials.ts); anything
 * else gets 401 before its body is read. Limits: the body (413 once the
 * sender has finished sending it; not a byte past the limit is kept), the
 * time to send it (408), the requests handled at once (503 with
 * Retry-After). The answer is 2xx only once the change is durably in the
 * store (workflows/alertReceiver.ts): a sender that retries on anything else
 * (Alertmanager does) loses nothing, and a retry of what was taken only
 * counts as a repeat.
 *
 * One log line per request: method, path, status, outcome, incident and
 * duration (the caller's `log` adds the time and shows control characters).
 * Never a header, the query or the body, so never a secret.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AlertSource } from '../core/intake/receivedAlert';
import { terminalText } from '../core/text/terminalText';
import type { AlertReceiver, ReceivedBody } from '../workflows/alertReceiver';
import type { IntakeCredentials } from '../workflows/intakeCredentials';

export const INTAKE_ROUTES: Readonly<Record<string, AlertSource>> = { '/alertmanager': 'alertmanager', '/grafana': 'grafana', '/sentry': 'sentry', '/generic': 'generic' };

export interface IntakeServerOptions {
  host: string;
  port: number;
  credentials: IntakeCredentials;
  receiver: AlertReceiver;
  log(line: string): void;
  /** Bytes; default 5 MB. */
  bodyLimit?: number;
  /** From the request's headers to the end of its body; default 10 s. */
  requestTimeoutMs?: number;
  /** Requests past the token check, being read or taken at once; default 32. */
  maxInFlight?: number;
}

export interface RunningIntakeServer {
  /** Where it listens (the port chosen, for port 0). */
  readonly host: string;
  readonly port: number;
  /** Stops accepting, lets every request already accepted finish (and be answered), then closes every connection. */
  close(): Promise<void>;
}

/** What one request's log line says besides the time, method and path. */
interface Logged {
  outcome: string;
  incident?: string;
}

const MAX_LOGGED_PATH = 80;

export async function startIntakeServer(options: IntakeServerOptions): Promise<RunningIntakeServer> {
  const bodyLimit = options.bodyLimit ?? 5_000_000;
  const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  const maxInFlight = options.maxInFlight ?? 32;
  let inFlight = 0;
  let closing = false;
  const settled = new Set<() => void>();
  const oneSettled = () => settled.forEach((wake) => wake());

  const handle = async (request: IncomingMessage, response: ServerResponse, logged: Logged) => {
    const path = pathOf(request.url);
    const method = request.method ?? '';
    if (path === '/healthz') {
      if (method !== 'GET' && method !== 'HEAD') return answer(response, logged, 405, 'method-not-allowed', 'use GET', { Allow: 'GET, HEAD' });
      return answer(response, logged, 200, 'health', 'ok');
    }
    const source = Object.hasOwn(INTAKE_ROUTES, path) ? INTAKE_ROUTES[path] : undefined;
    if (!source) return answer(response, logged, 404, 'not-found', `no such path; POST alerts to ${Object.keys(INTAKE_ROUTES).join(', ')}`);
    if (method !== 'POST') return answer(response, logged, 405, 'method-not-allowed', 'use POST', { Allow: 'POST' });
    if (closing) return answer(response, logged, 503, 'shutting-down', 'the receiver is shutting down; retry in a moment', { 'Retry-After': '5', Connection: 'close' });
    const verdict = options.credentials.fromHeaders(source, request.headers);
    if (verdict === 'refused') return answer(response, logged, 401, 'unauthorized', "a bearer token or the source's signature is required", { 'WWW-Authenticate': 'Bearer' });
    if (inFlight >= maxInFlight) return answer(response, logged, 503, 'busy', 'too many requests at once; retry in a moment', { 'Retry-After': '1' });
    inFlight++;
    try {
      const body = await readBody(request, bodyLimit, requestTimeoutMs);
      const tooLarge = `the body is larger than ${bodyLimit} bytes; nothing was written`;
      if (body === 'too-large') return answer(response, logged, 413, 'too-large', tooLarge);
      if (body === 'too-large-cut') return answer(response, logged, 413, 'too-large', tooLarge, { Connection: 'close' });
      if (body === 'too-slow')
        return answer(response, logged, 408, 'too-slow', `the request took longer than ${requestTimeoutMs / 1000} s to arrive; nothing was written`, { Connection: 'close' });
      if (body === 'aborted') {
        logged.outcome = 'aborted';
        return;
      }
      if (verdict === 'signed' && !options.credentials.signatureHolds(source, request.headers, body)) {
        return answer(response, logged, 401, 'unauthorized', 'the signature does not match the body');
      }
      const received = await options.receiver.receive(body, source);
      return answerReceived(response, logged, received);
    } finally {
      inFlight--;
      oneSettled();
    }
  };

  const server = createServer(
    // Node answers 408 itself to headers that do not arrive in time; the body's time is ours (readBody), Node's a backstop.
    { headersTimeout: requestTimeoutMs, requestTimeout: requestTimeoutMs + 5_000, connectionsCheckingInterval: 1_000 },
    (request, response) => {
      const started = performance.now();
      const logged: Logged = { outcome: 'failed' };
      const handled = handle(request, response, logged).catch((error: unknown) => {
        // Not reached by design (the receiver answers every failure); said without the stack, never the body.
        if (!response.headersSent) answer(response, logged, 500, 'failed', 'the receiver failed; see its log');
        options.log(`intake serve: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      });
      // Once the answer is out (or the client gone) and the handling over: a client that hangs up while its alert is written still gets that alert's line.
      const closed = new Promise<void>((resolve) => response.once('close', resolve));
      void Promise.all([handled, closed]).then(() => {
        const status = response.headersSent ? String(response.statusCode) : '-';
        const ms = Math.round(performance.now() - started);
        options.log(`${clip(request.method ?? '', 16)} ${clip(pathOf(request.url), MAX_LOGGED_PATH)} ${status} ${logged.outcome} ${logged.incident ?? '-'} ${ms}ms`);
      });
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;

  let closed: Promise<void> | undefined;
  const close = () =>
    (closed ??= (async () => {
      closing = true;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      while (inFlight) await new Promise<void>((resolve) => settled.add(resolve)).finally(() => settled.clear());
      server.closeAllConnections();
      await stopped;
    })());

  return { host: address.address, port: address.port, close };
}

function answerReceived(response: ServerResponse, logged: Logged, received: ReceivedBody): void {
  switch (received.kind) {
    case 'accepted': {
      const { outcome, incidentId, counts } = received.taken;
      logged.incident = incidentId;
      const body = JSON.stringify({ outcome, incident: incidentId ?? null, counts });
      return answer(response, logged, 200, outcome, body, { 'Content-Type': 'application/json' });
    }
    case 'refused':
      return answer(response, logged, 400, received.code, received.reason);
    case 'unavailable':
      return answer(response, logged, 503, 'store-unusable', received.reason, { 'Retry-After': '30' });
    case 'failed':
      return answer(response, logged, 500, 'failed', 'the receiver failed; see its log');
  }
}

/** Sends the status and one line of text (or the JSON given), and notes the outcome for the log. */
function answer(response: ServerResponse, logged: Logged, status: number, outcome: string, text: string, headers: Record<string, string> = {}): void {
  logged.outcome = outcome;
  const body = headers['Content-Type'] ? text : `${oneLine(text)}\n`;
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers, 'Content-Length': Buffer.byteLength(body) });
  response.end(body);
}

type ReadBody = Buffer | 'too-large' | 'too-large-cut' | 'too-slow' | 'aborted';

/**
 * Reads the body within `timeoutMs`. Past `limit` bytes nothing more is kept,
 * but the rest is read and dropped until the body ends (`too-large`), or the
 * time is up (`too-large-cut`): answering before the sender has finished
 * would have the connection reset under it, and the 413 lost with it.
 */
function readBody(request: IncomingMessage, limit: number, timeoutMs: number): Promise<ReadBody> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: ReadBody) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      request.off('data', take);
      resolve(result);
    };
    const timer = setTimeout(() => finish(size > limit ? 'too-large-cut' : 'too-slow'), timeoutMs);
    const take = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else chunks.length = 0;
    };
    const ended = () => finish(size > limit ? 'too-large' : Buffer.concat(chunks));
    request.on('data', take);
    request.once('end', ended);
    request.once('error', () => finish('aborted'));
    // The client went away before the body ended.
    request.once('close', () => (request.complete ? ended() : finish('aborted')));
  });
}

/** The path alone: no query (it may carry what someone thought was a secret), no fragment. */
function pathOf(url: string | undefined): string {
  const end = (url ?? '').search(/[?#]/);
  return end < 0 ? (url ?? '') : (url ?? '').slice(0, end);
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** A reason on one line for the sender: controls shown, not obeyed (terminalText), at most 500 characters. */
const oneLine = (text: string) => clip(terminalText(text, { oneLine: true }), 500);
