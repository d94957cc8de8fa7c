/**
 * The body of a Discord webhook (Execute Webhook): `content` (the headline,
 * at most 2000 characters) and one embed: the incident's title, the
 * paragraphs as its description, the facts as inline fields, the link as
 * the title's URL, a colour for the severity (green once resolved) and the
 * event's time. Discord's documented limits hold: title 256, description
 * 4096, at most 25 fields of 256/1024, footer 2048, and 6000 characters for
 * the whole embed. `allowed_mentions: { parse: [] }` so nobody is notified
 * by any text, and user text is Markdown-escaped with mentions broken too.
 */
import type { DeliveryMessage } from './deliveryMessage';
import { clipTo, markdownText } from './markup';
import { SENT_BY } from './plainText';

export const DISCORD_LIMITS = { content: 2000, title: 256, description: 4096, fields: 25, fieldName: 256, fieldValue: 1024, footer: 2048, embedTotal: 6000, username: 80 } as const;

export interface DiscordEmbed {
  title: string;
  description?: string;
  url?: string;
  color: number;
  timestamp: string;
  fields: { name: string; value: string; inline: true }[];
  footer: { text: string };
}
export interface DiscordBody {
  content: string;
  username?: string;
  embeds: [DiscordEmbed];
  allowed_mentions: { parse: [] };
}

const COLOUR = { SEV1: 0xe01e5a, SEV2: 0xf2994a, SEV3: 0xf2c94c, SEV4: 0x95a5a6, ended: 0x2eb67d, test: 0x3498db } as const;

function colour(message: DeliveryMessage): number {
  if (!message.incident) return COLOUR.test;
  if (message.event === 'resolved' || message.event === 'closed') return COLOUR.ended;
  return COLOUR[message.incident.severity as keyof typeof COLOUR] ?? COLOUR.SEV4;
}

export function discordBody(message: DeliveryMessage, options: { username?: string } = {}): DiscordBody {
  const title = clipTo(markdownText(message.incident?.title ?? message.headline), DISCORD_LIMITS.title);
  const fields = message.facts.slice(0, DISCORD_LIMITS.fields).map((fact) => ({
    name: clipTo(markdownText(fact.label), DISCORD_LIMITS.fieldName),
    value: clipTo(markdownText(fact.value), DISCORD_LIMITS.fieldValue),
    inline: true as const,
  }));
  const footer = `Sent by ${SENT_BY}`;
  const used = title.length + footer.length + fields.reduce((sum, field) => sum + field.name.length + field.value.length, 0);
  const description = clipTo(message.paragraphs.map(markdownText).join('\n\n'), Math.min(DISCORD_LIMITS.description, DISCORD_LIMITS.embedTotal - used));
  return {
    content: clipTo(markdownText(message.headline), DISCORD_LIMITS.content),
    ...(options.username ? { username: clipTo(options.username, DISCORD_LIMITS.username) } : {}),
    embeds: [
      {
        title,
        ...(description ? { description } : {}),
        ...(message.link ? { url: message.link.url } : {}),
        color: colour(message),
        timestamp: new Date(message.at).toISOString(),
        fields,
        footer: { text: footer },
      },
    ],
    allowed_mentions: { parse: [] },
  };
}
