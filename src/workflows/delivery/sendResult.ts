/**
 * What one attempt to deliver a message came to, and the words for a
 * failure. A reason is one line built only from this file's words, the HTTP
 * status and a provider's short error code: never the URL, its query, the
 * secret, the signing key or a provider's free text, which could echo any
 * of them. `retryable` tells the delivery loop whether trying again later
 * can help: a server error, 408, 429, a timeout or a connection that failed
 * can; any other 4xx, a redirect or a secret that cannot be used cannot.
 */
import { providerName, type DeliveryKind } from '../../core/delivery/deliveryKinds';

export type SendResult = { ok: true; status: number; messageId?: string } | { ok: false; status?: number; reason: string; retryable: boolean };

/** What each status says to the person who set the channel up. */
function statusAdvice(status: number): string {
  if (status === 400 || status === 422) return 'the message was refused';
  if (status === 401 || status === 403) return 'the webhook refused the request: set the channel secret again';
  if (status === 404 || status === 410) return 'the webhook no longer exists or its URL is wrong: set the channel secret again';
  if (status === 408) return 'the request timed out there; it will be retried';
  if (status === 413) return 'the message was too large';
  if (status === 429) return 'rate limited; it will be retried';
  if (status >= 500) return 'a server error there; it will be retried';
  if (status >= 300 && status < 400) return 'it answered with a redirect, which deliveries never follow: set the final webhook URL as the secret';
  return 'an unexpected answer';
}

export const isRetryableStatus = (status: number): boolean => status >= 500 || status === 408 || status === 429;

/** `code`: a provider's short error code (Slack's "no_service", Discord's numeric code), only when it has that shape. */
export function statusFailure(kind: DeliveryKind, status: number, code?: string): SendResult {
  const shown = code && /^[a-z0-9_]{1,60}$/i.test(code) ? ` (${code})` : '';
  return { ok: false, status, reason: `${status}${shown} from ${providerName(kind)}: ${statusAdvice(status)}`, retryable: isRetryableStatus(status) };
}

/** Node's error codes worth naming, and whether trying again can help. */
const NETWORK: Record<string, { words: string; retryable: boolean }> = {
  ECONNREFUSED: { words: 'connection refused', retryable: true },
  ECONNRESET: { words: 'connection reset', retryable: true },
  EPIPE: { words: 'connection closed', retryable: true },
  UND_ERR_SOCKET: { words: 'connection closed before an answer', retryable: true },
  UND_ERR_CLOSED: { words: 'connection closed before an answer', retryable: true },
  ENOTFOUND: { words: 'host not found (offline, or a wrong URL)', retryable: true },
  EAI_AGAIN: { words: 'name lookup failed (offline?)', retryable: true },
  ENETUNREACH: { words: 'network unreachable (offline?)', retryable: true },
  EHOSTUNREACH: { words: 'host unreachable', retryable: true },
  ETIMEDOUT: { words: 'connection timed out', retryable: true },
  UND_ERR_CONNECT_TIMEOUT: { words: 'connection timed out', retryable: true },
  CERT_HAS_EXPIRED: { words: "the server's certificate has expired", retryable: false },
  DEPTH_ZERO_SELF_SIGNED_CERT: { words: "the server's certificate is self-signed", retryable: false },
  SELF_SIGNED_CERT_IN_CHAIN: { words: "the server's certificate is not trusted", retryable: false },
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: { words: "the server's certificate is not trusted", retryable: false },
  ERR_TLS_CERT_ALTNAME_INVALID: { words: "the server's certificate is for another name", retryable: false },
};

/** The first error code in an error, its causes or an AggregateError's errors. */
export function errorCode(error: unknown, depth = 0): string | undefined {
  if (depth > 4 || error === null || typeof error !== 'object') return undefined;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(code)) return code;
  for (const inner of [cause, ...(Array.isArray(errors) ? errors : [])]) {
    const found = errorCode(inner, depth + 1);
    if (found) return found;
  }
  return undefined;
}

const isTimeout = (error: unknown, depth = 0): boolean =>
  depth <= 4 &&
  error !== null &&
  typeof error === 'object' &&
  ((error as { name?: unknown }).name === 'TimeoutError' ||
    isTimeout((error as { cause?: unknown }).cause, depth + 1) ||
    isTimeout((error as { original?: unknown }).original, depth + 1));

/** A request that got no answer: timed out, refused, reset, not found. */
export function networkFailure(kind: DeliveryKind, error: unknown, timeoutMs: number): SendResult {
  return networkFailureOf(providerName(kind), error, timeoutMs);
}

/** The same for any service, named as people know it ("GitHub"). */
export function networkFailureOf(provider: string, error: unknown, timeoutMs: number): SendResult {
  if (isTimeout(error)) return { ok: false, reason: `no answer from ${provider} within ${timeoutMs} ms; it will be retried`, retryable: true };
  const code = errorCode(error);
  const known = code ? NETWORK[code] : undefined;
  if (known) return { ok: false, reason: `could not reach ${provider}: ${known.words}`, retryable: known.retryable };
  return { ok: false, reason: `could not reach ${provider}${code ? ` (${code})` : ''}; it will be retried`, retryable: true };
}

/** A secret that cannot work: said without the secret, never retried. */
export const unusableSecret = (reason: string): SendResult => ({ ok: false, reason, retryable: false });

/**
 * The last guard: a reason that somehow holds the secret, the URL, or a
 * part of it long enough to matter (its path or query) has those parts cut
 * out. Reasons are built from fixed words, so this should never change one.
 */
export function withoutSecrets(result: SendResult, secrets: readonly (string | undefined)[]): SendResult {
  if (result.ok) return result;
  let reason = result.reason.replace(/[\r\n]+/g, ' ');
  const parts = secrets.flatMap((secret) => {
    if (!secret) return [];
    try {
      const url = new URL(secret);
      return [secret, url.href, url.pathname.length > 8 ? url.pathname : '', url.search.length > 1 ? url.search.slice(1) : ''].filter((part) => part.length >= 6);
    } catch {
      return secret.length >= 6 ? [secret] : [];
    }
  });
  for (const part of parts.sort((a, b) => b.length - a.length)) reason = reason.split(part).join('[secret]');
  return { ...result, reason };
}
