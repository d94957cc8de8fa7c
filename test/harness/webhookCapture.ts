/**
 * A loopback HTTP server that answers 200 to every request and keeps it, so a
 * test can wait for the webhook a real service (Alertmanager) sends: the
 * method, path, headers, raw body and the body parsed as JSON. `next` waits,
 * bounded, for the first request not yet taken that passes a test's
 * predicate, whether it came before or after the call: no fixed sleeps.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';

export interface CapturedRequest {
  readonly method: string;
  /** The request target as sent: path and query. */
  readonly path: string;
  /** Header names in lower case, as node gives them. */
  readonly headers: IncomingHttpHeaders;
  /** The body exactly as received. */
  readonly text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  readonly body: unknown;
  /** `performance.now()` when the body had fully arrived. */
  readonly receivedAt: number;
}

export interface WebhookCapture {
  /** `http://127.0.0.1:<port>`; append any path. */
  readonly url: string;
  /** Every request so far, in arrival order. */
  readonly requests: readonly CapturedRequest[];
  /** The first request not taken by an earlier `next` that passes `predicate`; rejects after `timeoutMs` with what did arrive. */
  next(predicate: (request: CapturedRequest) => boolean, timeoutMs: number): Promise<CapturedRequest>;
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';

export async function startWebhookCapture(): Promise<WebhookCapture> {
  const requests: CapturedRequest[] = [];
  const taken = new Set<CapturedRequest>();
  const waiters = new Set<() => void>();

  const record = (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, text, body: parseJson(text), receivedAt: performance.now() });
      response.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok\n');
      for (const wake of [...waiters]) wake();
    });
  };

  const server = createServer(record);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, resolve);
  });
  const { port } = server.address() as AddressInfo;

  const take = (predicate: (request: CapturedRequest) => boolean) => {
    const found = requests.find((request) => !taken.has(request) && predicate(request));
    if (found) taken.add(found);
    return found;
  };

  const next = (predicate: (request: CapturedRequest) => boolean, timeoutMs: number) =>
    new Promise<CapturedRequest>((resolve, reject) => {
      const settle = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      const check = () => {
        const found = take(predicate);
        if (!found) return;
        settle();
        resolve(found);
      };
      const timer = setTimeout(() => {
        settle();
        reject(new Error(`no matching request within ${timeoutMs} ms; ${describe(requests, taken)}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });

  const stop = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };

  return { url: `http://${HOST}:${port}`, requests, next, stop };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** What arrived, for a timeout's message: method, path and the start of each body. */
function describe(requests: readonly CapturedRequest[], taken: ReadonlySet<CapturedRequest>): string {
  if (!requests.length) return 'nothing arrived';
  const lines = requests.map((r, i) => `  ${i + 1}. ${r.method} ${r.path}${taken.has(r) ? ' (taken)' : ''} ${r.text.slice(0, 300)}`);
  return `${requests.length} arrived:\n${lines.join('\n')}`;
}
