/**
 * The body of a Mattermost incoming webhook: `text` in Markdown (the
 * headline in bold, the facts, the paragraphs, the link), `username` when
 * the plan sets one (the server must allow the override), and `props` with
 * the incident's id and the event for integrations that read posts. Within
 * the 16,383 characters a post holds since Mattermost 5.0 (a longer text
 * would be split into several posts). User text is Markdown-escaped with
 * mentions broken (markup.ts), since Mattermost notifies on `@channel` and
 * translates Slack's `<!channel>`.
 */
import type { DeliveryMessage } from './deliveryMessage';
import { clipTo, markdownText } from './markup';
import { SENT_BY } from './plainText';

export const MATTERMOST_LIMITS = { text: 16_383, paragraph: 4000 } as const;

export interface MattermostBody {
  text: string;
  username?: string;
  props: { incident_responder: { event: string; incident?: string } };
}

/** A Markdown link's address, with what would end it encoded. */
const markdownUrl = (url: string) => url.replace(/[()\s<>]/g, (character) => encodeURIComponent(character));

export function mattermostBody(message: DeliveryMessage, options: { username?: string } = {}): MattermostBody {
  const text = [
    `**${markdownText(message.headline)}**`,
    message.facts.map((fact) => `**${markdownText(fact.label)}:** ${markdownText(fact.value)}`).join(' · '),
    ...message.paragraphs.map((paragraph) => clipTo(markdownText(paragraph), MATTERMOST_LIMITS.paragraph)),
    `${message.link ? `[${markdownText(message.link.label)}](${markdownUrl(message.link.url)}) · ` : ''}Sent by ${SENT_BY}`,
  ].join('\n\n');
  return {
    text: clipTo(text, MATTERMOST_LIMITS.text),
    ...(options.username ? { username: options.username } : {}),
    props: { incident_responder: { event: message.event, ...(message.incident ? { incident: message.incident.id } : {}) } },
  };
}
