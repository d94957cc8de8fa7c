/**
 * How a channel of the plan is delivered (its `delivery` block) and where
 * messages link back to (the plan's `links`):
 *
 *   { "name": "stakeholders", "audience": "stakeholders", "reach": "#stakeholders",
 *     "delivery": { "kind": "slack", "secret": "stakeholders-slack", "remindOverdue": true } }
 *
 * What is secret is never here, only the NAME of the secret: the command
 * line reads the environment variable INCIDENT_SECRET_<NAME in upper snake
 * case> (INCIDENT_SECRET_STAKEHOLDERS_SLACK), VS Code its secret storage
 * under that name (*Incident: Set Channel Secret…*). Without `secret`, the
 * channel's name is the secret's name. For Slack, Teams, Mattermost and
 * Discord the secret is the webhook URL (its path is the token), so the plan
 * has no URL for them; for our signed `webhook` the URL is in the plan (with
 * no credential in it) and the secret is the HMAC key; for `email` it is the
 * SMTP password; for `pagerduty` the integration's routing key.
 */
import { z } from 'zod';
import { PAGERDUTY_DEFAULT_URL } from '../delivery/pagerDutyBody';
import { SHORT_TEXT_MAX } from '../text/clip';
import { secretUrlReason, urlSecretReason } from '../delivery/secretUrls';
import { DELIVERY_KINDS, providerName, SECRET_ENV_PREFIX, SET_SECRET_COMMAND, URL_SECRET_KINDS, whereSecretGoes } from '../delivery/deliveryKinds';

const secretNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}$/, 'the name of a secret (letters, digits, spaces, "_", "-", "."), never the secret itself')
  .describe(
    `The NAME of the secret (default: the channel's name): the CLI reads ${SECRET_ENV_PREFIX}<NAME in upper snake case>, VS Code its secret storage (${SET_SECRET_COMMAND})`,
  );

const remindOverdue = z.boolean().optional().describe("Post a reminder to this channel when the incident's next update is overdue (team channels only)");
const base = { secret: secretNameSchema.optional(), remindOverdue };
const displayName = z.string().min(1).max(80).optional().describe('The name the message is posted as');
/** Discord refuses a webhook name with these in it. */
const discordName = z
  .string()
  .min(1)
  .max(80)
  .refine((name) => !/[@#:]|```|discord|clyde/i.test(name), 'a name without "@", "#", ":", "```", "discord" or "clyde", which Discord refuses')
  .optional()
  .describe('The name the message is posted as');

/** An http(s) URL with no credential in it (the plan is committed); `instead` says where the secret goes when it has one. */
export const credentialFreeUrl = (instead: string) =>
  z
    .string()
    .max(2000)
    .superRefine((text, context) => {
      let url: URL | undefined;
      try {
        url = new URL(text);
      } catch {
        url = undefined;
      }
      if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) return void context.addIssue({ code: 'custom', message: 'an http or https URL' });
      const secret = urlSecretReason(url);
      if (secret) context.addIssue({ code: 'custom', message: `this URL ${secret}; the plan is committed, so it cannot hold a secret: ${instead}` });
    });

/** Our own webhook's address: http(s), and no credential in it (the HMAC key is the secret). */
const webhookUrl = credentialFreeUrl('sign with a key instead (delivery.secret names it)').describe(
  'Where the signed JSON is POSTed; no credential in it: the body is signed with the key the secret names',
);

const emailAddress = z
  .string()
  .min(3)
  .max(320)
  .regex(/^[^\s@<>]+@[^\s@<>]+$/, 'an email address like "incidents@example.com"');

export const deliverySchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('slack'), ...base }).describe('A Slack incoming webhook; the secret is its URL'),
    z
      .strictObject({ kind: z.literal('teams'), ...base })
      .describe('A Microsoft Teams Workflows webhook ("Post to a channel when a webhook request is received"); the secret is its URL'),
    z.strictObject({ kind: z.literal('mattermost'), ...base, username: displayName }).describe('A Mattermost incoming webhook; the secret is its URL'),
    z.strictObject({ kind: z.literal('discord'), ...base, username: discordName }).describe('A Discord channel webhook; the secret is its URL'),
    z.strictObject({ kind: z.literal('webhook'), ...base, url: webhookUrl }).describe('Our versioned JSON, signed with HMAC-SHA256; the secret is the key'),
    z
      .strictObject({
        kind: z.literal('pagerduty'),
        ...base,
        url: webhookUrl.optional().describe(`The Events API v2 address (default ${PAGERDUTY_DEFAULT_URL}); no credential in it: the routing key is the secret`),
      })
      .describe("PagerDuty's Events API v2 (one alert per incident, resolved with it); the secret is the integration's routing key"),
    z
      .strictObject({
        kind: z.literal('email'),
        ...base,
        host: z.string().min(1).max(253).describe('The SMTP server'),
        port: z.number().int().min(1).max(65535).describe('587 for STARTTLS, 465 for TLS'),
        tls: z.enum(['starttls', 'tls', 'none']).describe('"starttls" (upgrade, required), "tls" (TLS from the start) or "none" (only for a relay on this machine)'),
        from: emailAddress,
        to: z.array(emailAddress).min(1).max(50),
        user: z.string().min(1).max(SHORT_TEXT_MAX).optional().describe('The SMTP user; the secret is its password'),
      })
      .describe('SMTP email; the secret is the password'),
  ],
  { error: () => `one of ${DELIVERY_KINDS.join(', ')} as "kind"` },
);

export type Delivery = z.output<typeof deliverySchema>;

/** A link template: an http(s) URL where {{id}} (the incident's id) is the only placeholder. */
function linkTemplateProblem(template: string): string | undefined {
  const names = [...template.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)].map((match) => match[1]).filter((name) => name !== 'id');
  if (names.length) return `{{${names[0]}}} is not a placeholder a link can fill; use {{id}} for the incident's id`;
  let url: URL;
  try {
    url = new URL(template.replace(/\{\{\s*id\s*\}\}/g, 'INC-0000000A'));
  } catch {
    return 'an http or https URL, with {{id}} where the incident\'s id goes, like "https://github.com/acme/shop/blob/main/.incidents/incidents.json"';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'an http or https URL';
  return secretUrlReason(template) ? 'a URL without a credential in it (the plan is committed)' : undefined;
}
const linkTemplate = z
  .string()
  .max(2000)
  .superRefine((template, context) => {
    const problem = linkTemplateProblem(template);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });

export const linksSchema = z.strictObject({
  incidentUrl: linkTemplate
    .optional()
    .describe('Where team messages link to: a URL, {{id}} for the incident\'s id, e.g. "https://github.com/acme/shop/blob/main/.incidents/incidents.json"'),
  publicUrl: linkTemplate.optional().describe("Where messages to customers and public channels link to (the status page); they never get incidentUrl, which is the team's record"),
});
export type PlanLinks = z.output<typeof linksSchema>;

/** What a key the delivery block does not have means, when it is one that would hold a secret; undefined otherwise. */
export function deliveryKeyProblem(key: string, channel: unknown): string | undefined {
  const record = channel !== null && typeof channel === 'object' ? (channel as Record<string, unknown>) : {};
  const delivery = record.delivery !== null && typeof record.delivery === 'object' ? (record.delivery as Record<string, unknown>) : {};
  const name = typeof delivery.secret === 'string' ? delivery.secret : typeof record.name === 'string' ? record.name : undefined;
  const kind = DELIVERY_KINDS.find((known) => known === delivery.kind);
  if (/^(url|webhook|webhookUrl|hook)$/i.test(key) && kind && URL_SECRET_KINDS.includes(kind))
    return `a ${providerName(kind)} webhook URL is itself the secret (its path is the token), so it never goes in the plan, which is committed: put it in ${whereSecretGoes(name)}`;
  if (/token|secret|password|passwd|api_?key|credential|key$/i.test(key))
    return `secrets never go in the plan, which is committed: put it in ${whereSecretGoes(name)}; "delivery.secret" names it`;
  return undefined;
}
