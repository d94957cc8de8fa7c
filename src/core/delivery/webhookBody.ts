/**
 * The body of our own signed webhook, version 1: JSON a receiver can act on
 * without parsing text.
 *
 *   { "version": 1, "event": "update", "delivery": "…",
 *     "incident": { "id", "title", "severity", "status", "nextUpdateBy"?, "url"? },
 *     "audience": "internal" | "external", "channel": "stakeholders", "drill": false,
 *     "at": "2026-11-23T10:16:00.000Z", "headline": "…", "text": "…" }
 *
 * `incident` is null for a test message. `status` is the record's word
 * (detected … closed) for every audience; an external message's `title` is
 * the public one and its text holds only what outside readers may see.
 * `delivery` is the id of this delivery, the same on every retry, so a
 * receiver can drop a duplicate. Text is not escaped: JSON carries it
 * exactly. The sender signs the raw bytes (src/workflows/delivery/webhookSignature.ts).
 */
import type { DeliveryEvent, DeliveryMessage } from './deliveryMessage';
import { plainText } from './plainText';

export const WEBHOOK_BODY_VERSION = 1;

export interface WebhookBody {
  version: typeof WEBHOOK_BODY_VERSION;
  event: DeliveryEvent;
  delivery?: string;
  incident: { id: string; title: string; severity: string; status: string; nextUpdateBy?: string; url?: string } | null;
  audience: 'internal' | 'external';
  channel: string;
  drill: boolean;
  at: string;
  headline: string;
  text: string;
}

export function webhookBody(message: DeliveryMessage, options: { deliveryId?: string } = {}): WebhookBody {
  const incident = message.incident;
  return {
    version: WEBHOOK_BODY_VERSION,
    event: message.event,
    ...(options.deliveryId ? { delivery: options.deliveryId } : {}),
    incident: incident
      ? {
          id: incident.id,
          title: incident.title,
          severity: incident.severity,
          status: incident.status,
          ...(incident.nextUpdateBy ? { nextUpdateBy: incident.nextUpdateBy } : {}),
          ...(incident.url ? { url: incident.url } : {}),
        }
      : null,
    audience: message.audience,
    channel: message.channel,
    drill: message.drill,
    at: message.at,
    headline: message.headline,
    text: plainText(message),
  };
}
