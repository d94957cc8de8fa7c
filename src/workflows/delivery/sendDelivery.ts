/**
 * Sends one delivery record's message to its channel: the message composed
 * for the channel's readers (deliveryMessage.ts), the body for its kind, and
 * the request (sendToChannel for chat and webhooks, sendEmail for email).
 * Answers what came of it as a DeliveryOutcome, never throwing and never
 * holding the secret. Also sends the clearly marked test message.
 */
import { deliveryBody, isChatDelivery } from '../../core/delivery/deliveryBody';
import { composeMessage, composeTestMessage, type DeliveryMessage } from '../../core/delivery/deliveryMessage';
import type { DeliveryOutcome } from '../../core/delivery/deliveryRecords';
import { emailMessage } from '../../core/delivery/emailMessage';
import { fillLink, isOutsideChannel } from '../../core/delivery/deliveryKinds';
import type { Channel, ResponsePlan } from '../../core/plan/plan';
import type { DeliveryRecord, Incident } from '../../core/record/schema';
import { sendEmail } from './emailSender';
import { sendToChannel } from './sendToChannel';

export type SendPlan = Pick<ResponsePlan, 'channels' | 'severities' | 'links'>;

export interface SendSettings {
  timeoutMs: number;
  /** Extra trust for an SMTP server with a private certificate (tests). */
  emailCa?: string;
}

const EMAIL_KIND = { declared: 'declaration', update: 'status', resolved: 'closure', closed: 'closure', overdue: 'status' } as const;

async function send(
  channel: Channel,
  message: DeliveryMessage,
  email: () => ReturnType<typeof emailMessage>,
  secret: string | undefined,
  id: string,
  settings: SendSettings,
): Promise<DeliveryOutcome> {
  const delivery = channel.delivery;
  if (!delivery) return { ok: false, reason: 'the channel has no delivery in the plan any more', retryable: false };
  if (isChatDelivery(delivery)) {
    const result = await sendToChannel(channel, deliveryBody(delivery, message, { deliveryId: id }), secret ?? '', { timeoutMs: settings.timeoutMs });
    return result.ok ? { ok: true, response: result.messageId ?? String(result.status) } : { ok: false, reason: result.reason, retryable: result.retryable };
  }
  const result = await sendEmail(delivery, email(), secret, { timeoutMs: settings.timeoutMs, ...(settings.emailCa ? { tls: { ca: settings.emailCa } } : {}) });
  return result.ok ? { ok: true, response: result.messageId } : { ok: false, reason: result.reason, retryable: result.retryable };
}

/** The record's message, composed now from the incident, sent to its channel. */
export async function sendDelivery(
  record: DeliveryRecord,
  incident: Incident,
  channel: Channel,
  plan: SendPlan,
  secret: string | undefined,
  now: Date,
  settings: SendSettings,
): Promise<DeliveryOutcome> {
  if (record.event === 'test') return { ok: false, reason: 'a test message is never recorded', retryable: false };
  let message: DeliveryMessage;
  try {
    message = composeMessage({ incident, event: record.event, channel, ...(record.event === 'update' ? { updateId: record.message } : {}), plan, now });
  } catch (error) {
    return { ok: false, reason: (error as Error).message, retryable: false };
  }
  const audience = isOutsideChannel(channel) ? 'external' : 'internal';
  const link = fillLink(audience === 'external' ? plan.links?.publicUrl : plan.links?.incidentUrl, incident.id);
  return send(channel, message, () => emailMessage(incident, EMAIL_KIND[record.event as keyof typeof EMAIL_KIND], audience, link ? { link } : {}), secret, record.id, settings);
}

/** The marked test message (composeTestMessage) to a channel. */
export async function sendTestMessage(channel: Channel, secret: string | undefined, now: Date, settings: SendSettings): Promise<DeliveryOutcome> {
  const message = composeTestMessage(channel, now);
  const email = () => {
    const text = [message.headline, '', ...message.paragraphs].join('\n');
    const html = [message.headline, ...message.paragraphs].map((line) => `<p>${line.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>`).join('\n');
    return { subject: message.headline, text, html };
  };
  return send(channel, message, email, secret, `test|${channel.name}`, settings);
}
