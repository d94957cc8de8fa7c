/**
 * The delivery kinds and the words and names around them, without the
 * plan's schema (src/core/plan/deliveryPlan.ts), so the message builders and
 * the senders carry no schema library: the providers' names, where a
 * channel's secret is stored (INCIDENT_SECRET_<NAME> for the command line,
 * VS Code's secret storage under NAME), which channels outside readers see,
 * and the link a message carries.
 */
import { audienceKind } from '../communication/messages';

export const DELIVERY_KINDS = ['slack', 'teams', 'mattermost', 'discord', 'webhook', 'email', 'pagerduty'] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];
/** The kinds whose secret is the webhook URL itself. */
export const URL_SECRET_KINDS: readonly DeliveryKind[] = ['slack', 'teams', 'mattermost', 'discord'];
export const SECRET_ENV_PREFIX = 'INCIDENT_SECRET_';
/** The command that stores a channel's secret in VS Code. */
export const SET_SECRET_COMMAND = 'Incident: Set Channel Secret…';

const PROVIDER: Record<DeliveryKind, string> = {
  slack: 'Slack',
  teams: 'Microsoft Teams',
  mattermost: 'Mattermost',
  discord: 'Discord',
  webhook: 'the signed webhook',
  email: 'email',
  pagerduty: 'PagerDuty',
};
export const providerName = (kind: DeliveryKind): string => PROVIDER[kind];

/** "stakeholders-slack" → "INCIDENT_SECRET_STAKEHOLDERS_SLACK": accents dropped, every other run of non-alphanumerics one underscore; "" when nothing is left. */
export function secretEnvironmentVariable(secretName: string): string {
  const snake = secretName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return snake ? `${SECRET_ENV_PREFIX}${snake}` : '';
}

/** The name a channel's secret is stored under: its `delivery.secret`, else the channel's name. */
export const channelSecretName = (channel: { name: string; delivery?: { secret?: string } }): string => channel.delivery?.secret ?? channel.name;

/** Where a channel's secret goes, in one phrase for messages: the variable for the CLI and CI, the command for VS Code. */
export function whereSecretGoes(secretName: string | undefined): string {
  const variable = secretName === undefined ? undefined : secretEnvironmentVariable(secretName);
  return `${variable ? `the environment variable ${variable}` : `an ${SECRET_ENV_PREFIX}<NAME> environment variable`} (command line, CI) or VS Code's secret storage (${SET_SECRET_COMMAND})`;
}

/** A channel read outside the team (customers, the public): marked public, or named or addressed like an external audience. */
export function isOutsideChannel(channel: { name: string; audience: string; public?: boolean }): boolean {
  return channel.public === true || audienceKind(channel.audience) === 'external' || audienceKind(channel.name) === 'external';
}

/** The link a message carries: the plan's template with {{id}} filled, or undefined when the plan has none. */
export const fillLink = (template: string | undefined, id: string): string | undefined => template?.replace(/\{\{\s*id\s*\}\}/g, encodeURIComponent(id));
