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
import { reminderDue } from '../../core/delivery/overdueReminders';
import { escalationFor, escalationPlan } from '../../core/delivery/escalations';
import type { Channel, ResponsePlan } from '../../core/plan/plan';
import type { DeliveryRecord, Incident } from '../../core/record/schema';
import { sendEmail } from './emailSender';
import { sendToChannel } from './sendToChannel';

/** `sla`: the SLA in force, which times a reminder's due time (the defaults when absent). */
export type SendPlan = Pick<ResponsePlan, 'channels' | 'severities' | 'links' | 'sla'> & Partial<Pick<ResponsePlan, 'oncall' | 'intake'>>;

export interface SendSettings {
  timeoutMs: number;
  /** Extra trust for an SMTP server with a private certificate (tests). */
  emailCa?: string;
}

async function send(channel: Channel, message: DeliveryMessage, secret: string | undefined, id: string, settings: SendSettings): Promise<DeliveryOutcome> {
  const delivery = channel.delivery;
  if (!delivery) return { ok: false, reason: 'the channel has no delivery in the plan any more', retryable: false };
  if (isChatDelivery(delivery)) {
    const result = await sendToChannel(channel, deliveryBody(delivery, message, { deliveryId: id }), secret ?? '', { timeoutMs: settings.timeoutMs });
    return result.ok ? { ok: true, response: result.messageId ?? String(result.status) } : { ok: false, reason: result.reason, retryable: result.retryable };
  }
  const result = await sendEmail(delivery, emailMessage(message), secret, { timeoutMs: settings.timeoutMs, ...(settings.emailCa ? { tls: { ca: settings.emailCa } } : {}) });
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
    const due = record.event === 'overdue' ? reminderDue(record.message) : undefined;
    const step = record.event === 'escalation' ? escalationFor(incident, record, escalationPlan(plan)) : undefined;
    if (record.event === 'escalation' && !step) return { ok: false, reason: 'the plan no longer pages anyone for this step of the escalation', retryable: false };
    message = composeMessage({
      incident,
      event: record.event,
      channel,
      ...(record.event === 'update' ? { updateId: record.message } : {}),
      ...(due ? { dueBy: due } : {}),
      ...(step && { escalation: { person: step.target.person, rotation: step.target.rotation, layer: step.target.layer, responseDue: step.due.toISOString() } }),
      plan,
      now,
    });
  } catch (error) {
    return { ok: false, reason: (error as Error).message, retryable: false };
  }
  return send(channel, message, secret, record.id, settings);
}

/** The marked test message (composeTestMessage) to a channel. */
export async function sendTestMessage(channel: Channel, secret: string | undefined, now: Date, settings: SendSettings): Promise<DeliveryOutcome> {
  return send(channel, composeTestMessage(channel, now), secret, `test|${channel.name}`, settings);
}
