/**
 * The body of a PagerDuty Events API v2 event (POST /v2/enqueue), for a
 * channel of kind `pagerduty`: the way to hand a page to a paging service,
 * since we never phone or text anyone ourselves.
 *
 *   { "routing_key": "…", "event_action": "trigger" | "resolve",
 *     "dedup_key": "incident-responder/INC-…",
 *     "payload": { "summary", "source", "severity", "timestamp", "custom_details" },
 *     "links": [{ "href", "text" }] }
 *
 * One alert per incident: every event of it shares the dedup key, so a
 * declaration opens the alert, later messages add to it, and resolution or
 * closure resolves it. The routing key is the channel's secret: the sender
 * adds it (src/workflows/delivery/sendToChannel.ts), never this module.
 */
import type { DeliveryMessage } from './deliveryMessage';
import { plainText } from './plainText';

/** PagerDuty's limit on the summary. */
export const PAGERDUTY_SUMMARY_MAX = 1024;
export const PAGERDUTY_DEFAULT_URL = 'https://events.pagerduty.com/v2/enqueue';
export const PAGERDUTY_SOURCE = 'incident-responder';

export type PagerDutySeverity = 'critical' | 'error' | 'warning' | 'info';
const SEVERITY: Record<string, PagerDutySeverity> = { SEV1: 'critical', SEV2: 'error', SEV3: 'warning', SEV4: 'info' };

export interface PagerDutyBody {
  event_action: 'trigger' | 'resolve';
  dedup_key: string;
  payload?: {
    summary: string;
    source: string;
    severity: PagerDutySeverity;
    timestamp: string;
    custom_details: { text: string; drill: boolean; delivery?: string };
  };
  links?: { href: string; text: string }[];
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function pagerDutyBody(message: DeliveryMessage, options: { deliveryId?: string } = {}): PagerDutyBody {
  const dedup_key = `${PAGERDUTY_SOURCE}/${message.incident?.id ?? `test/${message.channel}`}`;
  // Resolve carries no payload: PagerDuty ignores it there.
  if (message.event === 'resolved' || message.event === 'closed') return { event_action: 'resolve', dedup_key };
  return {
    event_action: 'trigger',
    dedup_key,
    payload: {
      summary: clip(message.headline, PAGERDUTY_SUMMARY_MAX),
      source: PAGERDUTY_SOURCE,
      severity: SEVERITY[message.incident?.severity ?? ''] ?? 'info',
      timestamp: message.at,
      custom_details: { text: plainText(message), drill: message.drill, ...(options.deliveryId ? { delivery: options.deliveryId } : {}) },
    },
    ...(message.link ? { links: [{ href: message.link.url, text: message.link.label }] } : {}),
  };
}
