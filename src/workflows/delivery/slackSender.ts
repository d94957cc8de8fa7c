/**
 * Slack through Slack's own kept library, @slack/webhook (IncomingWebhook):
 * its time limit, no retries of its own (the delivery loop retries, with
 * backoff, across runs), and our fetch underneath so redirects are never
 * followed. Loaded when a Slack message is first sent, so nothing else pays
 * for it. The library's errors carry the status and Slack's short error code
 * ("no_service", "invalid_payload"); their messages are never shown.
 */
import type { FetchFunction } from '@slack/webhook';
import type { SlackBody } from '../../core/delivery/slackBody';
import { networkFailure, statusFailure, type SendResult } from './sendResult';
import type { Fetch } from './httpPost';

export async function sendToSlack(url: string, body: SlackBody, options: { timeoutMs: number; fetch?: Fetch }): Promise<SendResult> {
  // A CommonJS library: the ESM bundle of the command line gets its exports as `default` only.
  const loaded = await import('@slack/webhook');
  const { IncomingWebhook, ErrorCode } = (loaded as unknown as { default?: typeof loaded }).default ?? loaded;
  const underlying = options.fetch ?? fetch;
  const webhook = new IncomingWebhook(url, {
    timeout: options.timeoutMs,
    retryConfig: { retries: 0 },
    // The library asks fetch to fail on a redirect; ours is answered as the 3xx it is, and refused as one.
    // (Node's Response is the library's FetchResponse; @types/node's Headers type just omits entries().)
    fetch: ((target: string | URL, init?: RequestInit) => underlying(target, { ...init, redirect: 'manual' })) as unknown as FetchFunction,
  });
  try {
    await webhook.send(body);
    return { ok: true, status: 200 };
  } catch (error) {
    const failure = error as { code?: string; statusCode?: number; body?: unknown; original?: unknown };
    if (failure.code === ErrorCode.HTTPError && typeof failure.statusCode === 'number')
      return statusFailure('slack', failure.statusCode, typeof failure.body === 'string' ? failure.body.trim() : undefined);
    return networkFailure('slack', failure.original ?? error, options.timeoutMs);
  }
}
