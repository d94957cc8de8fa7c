/**
 * Where a secret goes when the plan, not the secret, names the address: an
 * SMTP password to the plan's mail server, a PagerDuty routing key or a
 * webhook's signing key to the plan's URL, the tracker's token to its API.
 * The editor keeps this beside a secret it stores and refuses to send the
 * secret anywhere else: the plan is a shared, committed file, and an edit to
 * it must not carry a person's password to another host without them
 * setting it again. A chat webhook's URL is its own secret: no destination.
 */
import type { Delivery } from '../plan/deliveryPlan';
import { PAGERDUTY_DEFAULT_URL } from './pagerDutyBody';

/** The address a channel's secret is sent to, as one string to compare; undefined when the secret is the address. */
export function secretDestination(delivery: Delivery | undefined): string | undefined {
  if (!delivery) return undefined;
  if (delivery.kind === 'email') return `smtp://${delivery.host.toLowerCase()}:${delivery.port}`;
  if (delivery.kind === 'pagerduty') return delivery.url ?? PAGERDUTY_DEFAULT_URL;
  if (delivery.kind === 'webhook') return delivery.url;
  return undefined;
}
