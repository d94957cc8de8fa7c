/**
 * The request body for a channel's delivery kind: one entry point for the
 * delivery loop, which sends what this returns (src/workflows/delivery/).
 * Email is built by its own module (subject, text and HTML parts).
 */
import type { Delivery } from '../plan/deliveryPlan';
import type { DeliveryKind } from './deliveryKinds';
import type { DeliveryMessage } from './deliveryMessage';
import { discordBody, type DiscordBody } from './discordBody';
import { mattermostBody, type MattermostBody } from './mattermostBody';
import { slackBody, type SlackBody } from './slackBody';
import { teamsBody, type TeamsBody } from './teamsBody';
import { webhookBody, type WebhookBody } from './webhookBody';
import { pagerDutyBody, type PagerDutyBody } from './pagerDutyBody';

export type ChatKind = Exclude<DeliveryKind, 'email'>;
export type ChatDelivery = Extract<Delivery, { kind: ChatKind }>;
export type ChatBody = SlackBody | TeamsBody | MattermostBody | DiscordBody | WebhookBody | PagerDutyBody;

export const isChatDelivery = (delivery: Delivery): delivery is ChatDelivery => delivery.kind !== 'email';

/** `deliveryId`: the id of this delivery, which our webhook carries so a receiver can drop a retry it already has. */
export function deliveryBody(delivery: ChatDelivery, message: DeliveryMessage, options: { deliveryId?: string } = {}): ChatBody {
  switch (delivery.kind) {
    case 'slack':
      return slackBody(message);
    case 'teams':
      return teamsBody(message);
    case 'mattermost':
      return mattermostBody(message, { username: delivery.username });
    case 'discord':
      return discordBody(message, { username: delivery.username });
    case 'webhook':
      return webhookBody(message, options);
    case 'pagerduty':
      return pagerDutyBody(message, options);
  }
}
