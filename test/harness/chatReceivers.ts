/**
 * One loopback HTTP server (127.0.0.1, a free port) standing in for every
 * chat provider the delivery sends to, one path per kind, each with a
 * secret token in it as the real webhook URLs have:
 *
 *   /slack/services/T…/B…/<token>     Slack incoming webhook
 *   /teams/workflows/<token>          Teams Workflows webhook
 *   /mattermost/hooks/<token>         Mattermost incoming webhook
 *   /discord/api/webhooks/1…/<token>  Discord webhook (?wait=true answers the message)
 *   /webhook                          our signed webhook (the key is `signingKey`)
 *
 * Each request's body is checked against the provider's documented shape
 * (chatSchemas.ts); our webhook's signature is verified here with its own
 * HMAC, not with the sender's code. A valid request is kept in `accepted`
 * and answered as the provider does; an invalid one is kept in `rejected`
 * with its problems and answered 400. `fail(kind, mode, times)` makes the
 * next requests of a kind fail: an HTTP status, hanging until the client
 * gives up, or closing the connection without an answer.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { discordProblems, mattermostProblems, slackProblems, teamsProblems } from './chatSchemas';

export const RECEIVER_KINDS = ['slack', 'teams', 'mattermost', 'discord', 'webhook'] as const;
export type ReceiverKind = (typeof RECEIVER_KINDS)[number];
export type FailureMode = { status: number; body?: string } | 'hang' | 'close';

export interface ReceivedRequest {
  kind: ReceiverKind;
  path: string;
  headers: IncomingHttpHeaders;
  raw: string;
  body: unknown;
}

export interface ChatReceivers {
  /** The webhook URL of each kind (for `webhook`, the plan's URL; the rest are secrets). */
  readonly urls: Record<ReceiverKind, string>;
  /** The secret part of each URL, to grep for. */
  readonly tokens: Record<Exclude<ReceiverKind, 'webhook'>, string>;
  /** The key our webhook must be signed with. */
  readonly signingKey: string;
  readonly accepted: ReceivedRequest[];
  readonly rejected: (ReceivedRequest & { problems: string[] })[];
  fail(kind: ReceiverKind, mode: FailureMode, times?: number): void;
  /** Requests of a kind answered, valid or not (not counting failures made on purpose). */
  count(kind: ReceiverKind): number;
  stop(): Promise<void>;
}

const token = () => randomBytes(18).toString('base64url');
const parse = (raw: string): unknown => {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
};

/** Our webhook, version 1 (src/core/delivery/webhookBody.ts documents it), checked by hand. */
function webhookProblems(body: unknown, headers: IncomingHttpHeaders, raw: string, key: string): string[] {
  const timestamp = String(headers['x-incident-timestamp'] ?? '');
  const signature = Buffer.from(String(headers['x-incident-signature'] ?? ''));
  const expected = Buffer.from(`sha256=${createHmac('sha256', key).update(`${timestamp}.${raw}`).digest('hex')}`);
  const problems: string[] = [];
  if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) problems.push('the signature does not match the body');
  if (!/^\d+$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) problems.push('the timestamp is missing or more than five minutes off');
  const envelope = body as Record<string, unknown> | null;
  if (!envelope || typeof envelope !== 'object') return [...problems, 'the body must be a JSON object'];
  if (envelope.version !== 1) problems.push('version must be 1');
  if (!['declared', 'update', 'resolved', 'closed', 'overdue', 'escalation', 'test'].includes(envelope.event as string)) problems.push('event is not one of the events');
  if (!['internal', 'external'].includes(envelope.audience as string)) problems.push('audience must be internal or external');
  for (const key of ['text', 'headline', 'channel', 'at'] as const) if (typeof envelope[key] !== 'string') problems.push(`${key} must be a string`);
  if (typeof envelope.drill !== 'boolean') problems.push('drill must be a boolean');
  const incident = envelope.incident as Record<string, unknown> | null;
  if (envelope.event === 'test' ? incident !== null : !incident || ['id', 'title', 'severity', 'status'].some((key) => typeof incident[key] !== 'string'))
    problems.push('incident must be {id, title, severity, status} (null for a test)');
  return problems;
}

export async function startChatReceivers(): Promise<ChatReceivers> {
  const tokens = { slack: token(), teams: token(), mattermost: token(), discord: token() };
  const signingKey = token();
  const paths: Record<ReceiverKind, string> = {
    slack: `/slack/services/T0INCIDENT/B0INCIDENT/${tokens.slack}`,
    teams: `/teams/workflows/${tokens.teams}`,
    mattermost: `/mattermost/hooks/${tokens.mattermost}`,
    discord: `/discord/api/webhooks/1234567890/${tokens.discord}`,
    webhook: '/webhook',
  };
  const accepted: ReceivedRequest[] = [];
  const rejected: (ReceivedRequest & { problems: string[] })[] = [];
  const failures = new Map<ReceiverKind, { mode: FailureMode; times: number }>();
  const sockets = new Set<Socket>();
  let nextId = 1;

  const answer = (kind: ReceiverKind, url: URL, response: ServerResponse) => {
    if (kind === 'discord' && url.searchParams.get('wait') === 'true')
      return void response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ id: `11${String(nextId++).padStart(16, '0')}`, type: 0 }));
    if (kind === 'discord') return void response.writeHead(204).end();
    if (kind === 'teams') return void response.writeHead(202).end();
    if (kind === 'webhook') return void response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ id: `rcv-${nextId++}` }));
    response.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const kind = RECEIVER_KINDS.find((candidate) => paths[candidate] === url.pathname);
      if (!kind || request.method !== 'POST') return void response.writeHead(404).end('no such webhook');
      const failure = failures.get(kind);
      if (failure && failure.times > 0) {
        failure.times--;
        if (failure.mode === 'hang') return;
        if (failure.mode === 'close') return void request.socket.destroy();
        return void response.writeHead(failure.mode.status, { 'Content-Type': 'text/plain' }).end(failure.mode.body ?? '');
      }
      const raw = Buffer.concat(chunks).toString('utf8');
      const body = parse(raw);
      const received: ReceivedRequest = { kind, path: url.pathname + url.search, headers: request.headers, raw, body };
      const contentType = String(request.headers['content-type'] ?? '');
      const problems = [
        ...(contentType.startsWith('application/json') ? [] : [`Content-Type is "${contentType}", not application/json`]),
        ...(kind === 'slack'
          ? slackProblems(body)
          : kind === 'teams'
            ? teamsProblems(body, Buffer.byteLength(raw))
            : kind === 'mattermost'
              ? mattermostProblems(body)
              : kind === 'discord'
                ? discordProblems(body)
                : webhookProblems(body, request.headers, raw, signingKey)),
      ];
      if (problems.length) {
        rejected.push({ ...received, problems });
        const status = kind === 'webhook' && problems.some((problem) => problem.startsWith('the signature')) ? 401 : 400;
        return void response.writeHead(status, { 'Content-Type': 'text/plain' }).end(kind === 'slack' ? 'invalid_payload' : problems.join('\n'));
      }
      accepted.push(received);
      answer(kind, url, response);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const urls = Object.fromEntries(RECEIVER_KINDS.map((kind) => [kind, `${base}${paths[kind]}`])) as Record<ReceiverKind, string>;

  return {
    urls,
    tokens,
    signingKey,
    accepted,
    rejected,
    fail: (kind, mode, times = Number.POSITIVE_INFINITY) => void failures.set(kind, { mode, times }),
    count: (kind) => accepted.filter((request) => request.kind === kind).length + rejected.filter((request) => request.kind === kind).length,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** An http URL on 127.0.0.1 where nothing listens (a port just freed), for "connection refused". */
export async function refusedUrl(path = '/hooks/refused'): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}${path}`;
}
