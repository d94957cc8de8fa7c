/**
 * The body of a Microsoft Teams Workflows webhook ("Post to a channel when a
 * webhook request is received"): a message whose one attachment is an
 * Adaptive Card (version 1.4, which Teams renders on desktop, web and
 * mobile). Every text is a TextRun in a RichTextBlock, where the Adaptive
 * Card schema says Markdown is not supported, so nothing people wrote is
 * read as a link or formatting (FactSet and TextBlock would read Markdown).
 * The link back is an Action.OpenUrl. Teams refuses a message over 28 KB:
 * the paragraphs are clipped until the whole body fits well under it.
 */
import type { DeliveryMessage } from './deliveryMessage';
import { clipTo, withoutMentions } from './markup';
import { SENT_BY } from './plainText';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
export const ADAPTIVE_CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
export const TEAMS_LIMITS = { bodyBytes: 24_000, paragraph: 4000 } as const;

export interface TextRun {
  type: 'TextRun';
  text: string;
  weight?: 'Bolder';
  size?: 'Medium';
  isSubtle?: true;
}
export interface RichTextBlock {
  type: 'RichTextBlock';
  inlines: TextRun[];
  separator?: true;
}
export interface AdaptiveCard {
  $schema: typeof ADAPTIVE_CARD_SCHEMA;
  type: 'AdaptiveCard';
  version: '1.4';
  body: RichTextBlock[];
  actions?: { type: 'Action.OpenUrl'; title: string; url: string }[];
  msteams: { width: 'Full' };
}
export interface TeamsBody {
  type: 'message';
  attachments: { contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE; contentUrl: null; content: AdaptiveCard }[];
}

const run = (text: string, style: Omit<TextRun, 'type' | 'text'> = {}): TextRun => ({ type: 'TextRun', text: withoutMentions(text), ...style });
const block = (inlines: TextRun[], separator = false): RichTextBlock => ({ type: 'RichTextBlock', inlines, ...(separator ? { separator: true as const } : {}) });

function card(message: DeliveryMessage, paragraphMax: number): TeamsBody {
  const content: AdaptiveCard = {
    $schema: ADAPTIVE_CARD_SCHEMA,
    type: 'AdaptiveCard',
    version: '1.4',
    body: [
      block([run(message.headline, { weight: 'Bolder', size: 'Medium' })]),
      ...message.facts.map((fact) => block([run(`${fact.label}: `, { weight: 'Bolder' }), run(fact.value)])),
      ...message.paragraphs.map((paragraph, index) => block([run(clipTo(paragraph, paragraphMax))], index === 0)),
      block([run(`Sent by ${SENT_BY}`, { isSubtle: true })], true),
    ],
    ...(message.link ? { actions: [{ type: 'Action.OpenUrl' as const, title: message.link.label, url: message.link.url }] } : {}),
    msteams: { width: 'Full' },
  };
  return { type: 'message', attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, contentUrl: null, content }] };
}

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

export function teamsBody(message: DeliveryMessage): TeamsBody {
  let paragraphMax: number = TEAMS_LIMITS.paragraph;
  let body = card(message, paragraphMax);
  while (bytes(body) > TEAMS_LIMITS.bodyBytes && paragraphMax > 100) {
    paragraphMax = Math.floor(paragraphMax / 2);
    body = card(message, paragraphMax);
  }
  return body;
}
