/**
 * One POST of a JSON body (or a GET) with Node's fetch: a time limit on the whole
 * exchange (AbortSignal.timeout, which also ends a body that trickles in),
 * redirects never followed (a webhook that moves must be set again, and a
 * redirect must not carry the message elsewhere), and at most 64 KB of the
 * answer read.
 */
export type Fetch = typeof fetch;

export interface PostAnswer {
  status: number;
  /** The start of the answer's body (at most 64 KB), as text. */
  text: string;
}

const ANSWER_MAX_BYTES = 64 * 1024;

async function readCapped(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < ANSWER_MAX_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  await reader.cancel().catch(() => undefined);
  return new TextDecoder().decode(Buffer.concat(chunks).subarray(0, ANSWER_MAX_BYTES));
}

/** Throws what fetch throws (a timeout, a refused connection); any HTTP answer is returned, whatever its status. */
export async function postJson(url: string, rawBody: string, headers: Record<string, string>, options: { timeoutMs: number; fetch?: Fetch }): Promise<PostAnswer> {
  return requestJson('POST', url, rawBody, headers, options);
}

/** A request with the same limits (a GET has no body; a body is JSON); throws and answers as postJson does. */
export async function requestJson(
  method: 'GET' | 'POST',
  url: string,
  rawBody: string | undefined,
  headers: Record<string, string>,
  options: { timeoutMs: number; fetch?: Fetch },
): Promise<PostAnswer> {
  const response = await (options.fetch ?? fetch)(url, {
    method,
    headers: { ...(rawBody === undefined ? {} : { 'Content-Type': 'application/json' }), 'User-Agent': 'incident-responder', ...headers },
    ...(rawBody === undefined ? {} : { body: rawBody }),
    redirect: 'manual',
    signal: AbortSignal.timeout(options.timeoutMs),
  });
  return { status: response.status, text: await readCapped(response) };
}
