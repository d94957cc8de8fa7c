/**
 * What a person pastes by hand when a delivery failed (or a channel has no
 * delivery): the very message the channel would have received, as plain
 * text, with the same audience rules (composeMessage): customer and public
 * channels never see internal names, notes or evidence.
 */
import type { Channel } from '../plan/plan';
import type { DeliveryRecord, Incident } from '../record/schema';
import { composeMessage, type IncidentEvent, type MessageInput } from './deliveryMessage';
import { plainText } from './plainText';

export function deliveryCopyText(
  incident: Incident,
  record: Pick<DeliveryRecord, 'event' | 'message' | 'channel'>,
  plan: Omit<MessageInput['plan'], 'channels'> & { channels: readonly Channel[] },
  now: Date,
): string {
  const channel: Channel | undefined = plan.channels.find((candidate) => candidate.name === record.channel);
  if (!channel) throw new Error(`The response plan has no channel "${record.channel}" any more; copy the status message instead.`);
  const event = record.event as IncidentEvent;
  return plainText(composeMessage({ incident, event, channel, ...(event === 'update' ? { updateId: record.message } : {}), plan, now }));
}
