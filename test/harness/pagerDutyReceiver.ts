/**
 * A PagerDuty Events API v2 endpoint on 127.0.0.1 (`POST /v2/enqueue`) that
 * checks each request against the documented shape
 * (https://developer.pagerduty.com/docs/events-api-v2/trigger-events/):
 * JSON with a 32-character `routing_key`, `event_action` trigger,
 * acknowledge or resolve, a `dedup_key` of at most 255 characters (required
 * to acknowledge or resolve), and for a trigger a `payload` with `summary`
 * (at most 1024 characters), `source` and `severity` (critical, error,
 * warning, info), no keys the API does not define. It answers as PagerDuty
 * does: 202 with `{status, message, dedup_key}`, 400 `invalid event` with
 * the errors; or the failure a test asks for.
 */
import { createServer, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';

export interface PagerDutyEvent {
  routing_key: string;
  event_action: string;
  dedup_key?: string;
  payload?: { summary: string; source: string; severity: string; timestamp?: string; custom_details?: unknown };
  links?: { href: string; text?: string }[];
}

export interface PagerDutyReceiver {
  url: string;
  /** A routing key the receiver accepts (32 letters and digits). */
  routingKey: string;
  accepted: PagerDutyEvent[];
  rejected: string[];
  /** The next `count` requests answer with this status (and PagerDuty's body for it). */
  fail(status: number, count?: number): void;
  stop(): Promise<void>;
}

const TOP_KEYS = new Set(['routing_key', 'event_action', 'dedup_key', 'payload', 'images', 'links', 'client', 'client_url']);
const PAYLOAD_KEYS = new Set(['summary', 'source', 'severity', 'timestamp', 'component', 'group', 'class', 'custom_details']);

/** What is wrong with a request body, per the Events API v2 documentation; empty when it is a valid event. */
export function pagerDutyProblems(raw: string, routingKey: string): string[] {
  let event: Record<string, unknown>;
  try {
    event = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return ['the body is not JSON'];
  }
  const problems: string[] = [];
  for (const key of Object.keys(event)) if (!TOP_KEYS.has(key)) problems.push(`unknown key ${key}`);
  if (event.routing_key !== routingKey) problems.push('routing_key is not the integration key');
  if (!['trigger', 'acknowledge', 'resolve'].includes(event.event_action as string)) problems.push('event_action must be trigger, acknowledge or resolve');
  const dedup = event.dedup_key;
  if (dedup !== undefined && (typeof dedup !== 'string' || dedup.length > 255 || !dedup)) problems.push('dedup_key must be a string of at most 255 characters');
  if (event.event_action !== 'trigger' && dedup === undefined) problems.push('dedup_key is required to acknowledge or resolve');
  if (event.event_action === 'trigger') {
    const payload = event.payload as Record<string, unknown> | undefined;
    if (!payload || typeof payload !== 'object') return [...problems, 'a trigger needs a payload'];
    for (const key of Object.keys(payload)) if (!PAYLOAD_KEYS.has(key)) problems.push(`unknown payload key ${key}`);
    if (typeof payload.summary !== 'string' || !payload.summary || payload.summary.length > 1024) problems.push('payload.summary: 1 to 1024 characters');
    if (typeof payload.source !== 'string' || !payload.source) problems.push('payload.source is required');
    if (!['critical', 'error', 'warning', 'info'].includes(payload.severity as string)) problems.push('payload.severity must be critical, error, warning or info');
    if (payload.timestamp !== undefined && Number.isNaN(Date.parse(payload.timestamp as string))) problems.push('payload.timestamp is not ISO 8601');
  }
  const links = event.links;
  if (links !== undefined && (!Array.isArray(links) || links.some((link) => typeof (link as { href?: unknown }).href !== 'string'))) problems.push('links need an href');
  return problems;
}

export async function startPagerDutyReceiver(): Promise<PagerDutyReceiver> {
  const routingKey = randomBytes(16).toString('hex');
  const accepted: PagerDutyEvent[] = [];
  const rejected: string[] = [];
  let failing: { status: number; count: number } | undefined;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const json = (status: number, body: unknown) => response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
      if (failing && failing.count > 0) {
        failing.count--;
        return json(
          failing.status,
          failing.status === 429 ? { status: 'throttle event', message: 'Requests for this service are arriving too quickly.' } : { status: 'error', message: 'failure' },
        );
      }
      const problems = [
        ...(request.method !== 'POST' || request.url !== '/v2/enqueue' ? [`${request.method} ${request.url} is not POST /v2/enqueue`] : []),
        ...(/^application\/json\b/.test(request.headers['content-type'] ?? '') ? [] : ['Content-Type is not application/json']),
        ...pagerDutyProblems(raw, routingKey),
      ];
      if (problems.length) {
        rejected.push(problems.join('; '));
        return json(400, { status: 'invalid event', message: 'Event object is invalid', errors: problems });
      }
      const event = JSON.parse(raw) as PagerDutyEvent;
      accepted.push(event);
      return json(202, { status: 'success', message: 'Event processed', dedup_key: event.dedup_key ?? randomBytes(16).toString('hex') });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/v2/enqueue`,
    routingKey,
    accepted,
    rejected,
    fail: (status, count = 1) => (failing = { status, count }),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
