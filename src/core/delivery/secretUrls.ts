/**
 * URLs that carry a secret, which must never be written in the plan (it is
 * committed, and a commit stays in the history): a user name or password in
 * the URL, a token in its query, or the incoming-webhook URL of a chat
 * service, whose path is the token itself (Slack, Discord, Teams, Teams
 * Workflows on Power Automate / Logic Apps, Mattermost and others with a
 * `/hooks/` path). Each finding says why in words that never repeat the URL.
 */

/** Query parameter names that hold a credential (Logic Apps' `sig`, `token`, `api_key`, `access_token`…). */
const TOKEN_PARAMETER = /^(?:sig|signature|code|auth|key)$|token|secret|passw|api_?key|apikey|credential|access_?key|session/i;
/** A query value that looks generated rather than written: long, and made of letters and digits both. */
const looksGenerated = (value: string) => value.length >= 20 && /^[A-Za-z0-9._~+/=%-]+$/.test(value) && /[A-Za-z]/.test(value) && /\d/.test(value);

const hostIs = (host: string, domain: string) => host === domain || host.endsWith(`.${domain}`);

/** Why `url` carries a secret, said after "this URL …"; undefined when it carries none we can see. */
export function urlSecretReason(url: URL): string | undefined {
  if (url.username || url.password) return 'has a user name or password in it';
  const host = url.hostname.toLowerCase();
  const path = url.pathname.toLowerCase();
  if (hostIs(host, 'hooks.slack.com')) return 'is a Slack incoming webhook, whose address is its own token';
  if ((hostIs(host, 'discord.com') || hostIs(host, 'discordapp.com')) && path.includes('/api/webhooks/')) return 'is a Discord webhook, whose address is its own token';
  if (hostIs(host, 'webhook.office.com') || (hostIs(host, 'outlook.office.com') && path.startsWith('/webhook')))
    return 'is a Microsoft Teams webhook, whose address is its own token';
  if (hostIs(host, 'logic.azure.com') || hostIs(host, 'powerplatform.com') || hostIs(host, 'powerautomate.com'))
    return 'is a Teams Workflows (Power Automate) address, which carries its signature';
  if (path.includes('/hooks/')) return 'is an incoming webhook (a /hooks/ path, as Mattermost and others give), whose address is its own token';
  for (const [name, value] of url.searchParams) {
    if (TOKEN_PARAMETER.test(name)) return `has a credential in its query (the "${name.slice(0, 40)}" parameter)`;
    if (looksGenerated(value)) return 'has what looks like a token in its query';
  }
  return undefined;
}

/** Any scheme's URL (`https://`, `smtp://`), up to a space or a character that ends a URL in text. */
const ANY_URL = /[a-z][a-z0-9+.-]{1,20}:\/\/[^\s<>"'`]+/gi;
/** The chat services' webhook hosts written without a scheme. */
const BARE_WEBHOOK = /(?<![\w.-])(?:[\w-]+\.)*(?:hooks\.slack\.com|discord(?:app)?\.com\/api\/webhooks|webhook\.office\.com|logic\.azure\.com)[^\s<>"'`]*/gi;

function parsed(text: string): URL | undefined {
  try {
    return new URL(text.replace(/[),.;:!?\]]+$/, ''));
  } catch {
    return undefined;
  }
}

/** Why `text` carries a secret in a URL somewhere in it, or undefined (the first reason found). */
export function secretUrlReason(text: string): string | undefined {
  for (const match of text.matchAll(ANY_URL)) {
    const url = parsed(match[0]);
    const reason = url && urlSecretReason(url);
    if (reason) return reason;
  }
  for (const match of text.matchAll(BARE_WEBHOOK)) {
    const url = parsed(`https://${match[0]}`);
    const reason = url && urlSecretReason(url);
    if (reason) return reason;
  }
  return undefined;
}
