/**
 * The body of a Slack incoming webhook (Block Kit): `text` as the
 * notification fallback, and `blocks`: the headline, the facts as section
 * fields, one section per paragraph and a context line with the link.
 * Slack's documented limits hold: at most 50 blocks, a section's text at
 * most 3000 characters, at most 10 fields of 2000, the top-level text well
 * under 40,000. Every text is mrkdwn with `&`, `<`, `>` escaped and mentions
 * broken (markup.ts), so nobody is notified and no link is forged; link
 * previews are off, so no address in an update is fetched by Slack.
 */
import type { DeliveryMessage } from './deliveryMessage';
import { clipTo, slackText } from './markup';
import { plainText, SENT_BY } from './plainText';

export const SLACK_LIMITS = { blocks: 50, sectionText: 3000, fields: 10, fieldText: 2000, contextElements: 10, text: 40_000, fallback: 3000 } as const;

type TextObject = { type: 'mrkdwn'; text: string };
export type SlackBlock = { type: 'section'; text: TextObject } | { type: 'section'; fields: TextObject[] } | { type: 'context'; elements: TextObject[] };

export interface SlackBody {
  text: string;
  blocks: SlackBlock[];
  unfurl_links: false;
  unfurl_media: false;
}

const mrkdwn = (text: string): TextObject => ({ type: 'mrkdwn', text });
/** A link's address as Slack reads it inside `<…|…>`: the characters that would end or split it percent-encoded. */
const slackUrl = (url: string) => url.replace(/[|<>\s]/g, (character) => encodeURIComponent(character)).replace(/&/g, '&amp;');

export function slackBody(message: DeliveryMessage): SlackBody {
  const paragraphs = message.paragraphs.slice(0, SLACK_LIMITS.blocks - 3);
  const blocks: SlackBlock[] = [
    { type: 'section', text: mrkdwn(clipTo(`*${slackText(message.headline)}*`, SLACK_LIMITS.sectionText)) },
    ...(message.facts.length
      ? [
          {
            type: 'section' as const,
            fields: message.facts.slice(0, SLACK_LIMITS.fields).map((fact) => mrkdwn(clipTo(`*${slackText(fact.label)}*\n${slackText(fact.value)}`, SLACK_LIMITS.fieldText))),
          },
        ]
      : []),
    ...paragraphs.map((paragraph) => ({ type: 'section' as const, text: mrkdwn(clipTo(slackText(paragraph), SLACK_LIMITS.sectionText)) })),
    {
      type: 'context',
      elements: [...(message.link ? [mrkdwn(`<${slackUrl(message.link.url)}|${slackText(message.link.label)}>`)] : []), mrkdwn(`Sent by ${SENT_BY}`)],
    },
  ];
  return { text: clipTo(slackText(plainText(message)), SLACK_LIMITS.fallback), blocks, unfurl_links: false, unfurl_media: false };
}
