/**
 * Sends one message body to one channel of the plan, once, within a time
 * limit, and says how it went (sendResult.ts): the building block the
 * delivery loop calls for each pending delivery, then records the result.
 * It never retries by itself and never throws for a failed delivery.
 *
 * `secret` is what the plan's `delivery.secret` names (read by the caller
 * from INCIDENT_SECRET_… or VS Code's secret storage): for Slack, Teams,
 * Mattermost and Discord the webhook URL, for our webhook the signing key.
 * Nothing here logs, and no reason holds the secret or the URL.
 */
import type { ChatBody } from '../../core/delivery/deliveryBody';
import type { DiscordBody } from '../../core/delivery/discordBody';
import type { SlackBody } from '../../core/delivery/slackBody';
import type { Delivery } from '../../core/plan/deliveryPlan';
import { providerName } from '../../core/delivery/deliveryKinds';
import { postJson, type Fetch } from './httpPost';
import { networkFailure, statusFailure, unusableSecret, withoutSecrets, type SendResult } from './sendResult';
import { sendToSlack } from './slackSender';
import { signatureHeaders } from './webhookSignature';
import { PAGERDUTY_DEFAULT_URL, type PagerDutyBody } from '../../core/delivery/pagerDutyBody';

export interface SendOptions {
  /** The limit for the whole exchange, connection to answer. */
  timeoutMs: number;
  /** Node's fetch unless given (tests, a proxy-aware fetch). */
  fetch?: Fetch;
  /** When the webhook's signature is made (default: now). */
  now?: () => Date;
}

/** A PagerDuty integration (routing) key: 32 characters of letters and digits; a little leeway for other issuers. */
export const PAGERDUTY_ROUTING_KEY = /^[A-Za-z0-9]{20,64}$/;

/** A signing key shorter than this is refused: a guessable key signs nothing. */
export const MIN_SIGNING_KEY_LENGTH = 16;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The webhook URL a secret holds: https (http only on this machine, where nothing crosses a network); undefined when it holds none. */
export function webhookUrl(secret: string): URL | undefined {
  try {
    const url = new URL(secret.trim());
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) ? url : undefined;
  } catch {
    return undefined;
  }
}

/** The id in a JSON answer: Discord's message (it answers with it when asked to wait), or our webhook receiver's. */
function answerMessageId(text: string): string | undefined {
  try {
    const id = (JSON.parse(text) as { id?: unknown }).id;
    return typeof id === 'string' && /^[\w.:-]{1,100}$/.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

/** The alert PagerDuty filed the event under ({"status": "success", "dedup_key": "…"}). */
function dedupKey(text: string): string | undefined {
  try {
    const key = (JSON.parse(text) as { dedup_key?: unknown }).dedup_key;
    return typeof key === 'string' && /^[\w./:-]{1,255}$/.test(key) ? key : undefined;
  } catch {
    return undefined;
  }
}

/** Discord's JSON error code ({"code": 10015, "message": "Unknown Webhook"}); its message is never shown. */
function discordErrorCode(text: string): string | undefined {
  try {
    const code = (JSON.parse(text) as { code?: unknown }).code;
    return typeof code === 'number' && Number.isInteger(code) ? String(code) : undefined;
  } catch {
    return undefined;
  }
}

async function post(kind: Delivery['kind'], url: URL, body: ChatBody, headers: (raw: string) => Record<string, string>, options: SendOptions): Promise<SendResult> {
  const raw = JSON.stringify(body);
  try {
    const answer = await postJson(url.href, raw, headers(raw), options);
    if (answer.status >= 200 && answer.status < 300) {
      const messageId = kind === 'discord' || kind === 'webhook' ? answerMessageId(answer.text) : kind === 'pagerduty' ? dedupKey(answer.text) : undefined;
      return { ok: true, status: answer.status, ...(messageId ? { messageId } : {}) };
    }
    return statusFailure(kind, answer.status, kind === 'discord' ? discordErrorCode(answer.text) : undefined);
  } catch (error) {
    return networkFailure(kind, error, options.timeoutMs);
  }
}

export async function sendToChannel(channel: { delivery?: Delivery }, body: ChatBody, secret: string, options: SendOptions): Promise<SendResult> {
  const delivery = channel.delivery;
  if (!delivery || delivery.kind === 'email') return unusableSecret('this channel has no chat delivery in the plan');
  const result = await sendWith(delivery, body, secret, options);
  return withoutSecrets(result, [secret, delivery.kind === 'webhook' ? undefined : secret.trim()]);
}

async function sendWith(delivery: Exclude<Delivery, { kind: 'email' }>, body: ChatBody, secret: string, options: SendOptions): Promise<SendResult> {
  if (delivery.kind === 'webhook') {
    if (secret.length < MIN_SIGNING_KEY_LENGTH)
      return unusableSecret(`the signing key is shorter than ${MIN_SIGNING_KEY_LENGTH} characters: set a longer random one as the channel secret`);
    const now = options.now ?? (() => new Date());
    return post('webhook', new URL(delivery.url), body, (raw) => signatureHeaders(secret, now(), raw), options);
  }
  if (delivery.kind === 'pagerduty') {
    const key = secret.trim();
    if (!PAGERDUTY_ROUTING_KEY.test(key))
      return unusableSecret("the channel secret is not a PagerDuty routing key: set it to the integration key of the service's Events API v2 integration");
    return post('pagerduty', new URL(delivery.url ?? PAGERDUTY_DEFAULT_URL), { routing_key: key, ...(body as PagerDutyBody) } as ChatBody, () => ({}), options);
  }
  const url = webhookUrl(secret);
  if (!url) return unusableSecret(`the channel secret is not an https URL: set it to the webhook URL ${providerName(delivery.kind)} gave`);
  if (delivery.kind === 'slack') return sendToSlack(url.href, body as SlackBody, options);
  if (delivery.kind === 'discord') {
    url.searchParams.set('wait', 'true');
    return post('discord', url, body as DiscordBody, () => ({}), options);
  }
  return post(delivery.kind, url, body, () => ({}), options);
}
