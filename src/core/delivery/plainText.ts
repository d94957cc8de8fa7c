/**
 * A delivered message as plain text: the headline, the facts one per line,
 * the paragraphs and the link. The fallback Slack shows in notifications,
 * and the `text` of our signed webhook. Nothing is escaped here: a format
 * that acts on characters escapes this itself.
 */
import type { DeliveryMessage } from './deliveryMessage';

export function plainText(message: DeliveryMessage): string {
  return [
    message.headline,
    message.facts.map((fact) => `${fact.label}: ${fact.value}`).join('\n'),
    ...message.paragraphs,
    ...(message.link ? [`${message.link.label}: ${message.link.url}`] : []),
  ]
    .filter((part) => part !== '')
    .join('\n\n');
}

/** Sent from here: the footer every format carries. */
export const SENT_BY = 'Incident Responder';
