/**
 * A delivered message (deliveryMessage.ts) as an email: a one-line subject,
 * a plain-text part and a small HTML part carrying the same headline, facts
 * (the incident's id, severity, state, the next-update time, who leads),
 * paragraphs and link back. What the message says, and what it leaves out
 * for readers outside the team, is composeMessage's: one composer for chat
 * and email, so an email for an update carries that update's words, and a
 * customer's email holds no internal name, email, note or evidence.
 *
 * The subject is one line whatever the title holds (a CR or LF there would
 * start a new mail header), clipped at a word; control and bidi characters
 * are dropped from every part, every piece of text is escaped in the HTML
 * part, and the link is used only when it is an http(s) URL without
 * credentials in it.
 */
import { escapeMarkup, publishable } from '../statusPage/publicText';
import type { DeliveryEvent, DeliveryMessage } from './deliveryMessage';
import { SENT_BY } from './plainText';

export interface EmailContent {
  /** One line, at most SUBJECT_MAX characters. */
  subject: string;
  text: string;
  html: string;
}

/** Long enough for "[DRILL] [SEV1] INC-XXXXXXXX update (communicating): " and a readable title; mail clients show less anyway. */
export const SUBJECT_MAX = 160;

/** Control characters dropped, every run of white space (CR, LF, U+2028…) one space. */
const oneLine = (text: string) => publishable(text).replace(/\s+/g, ' ').trim();

function clipAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const atWord = cut.lastIndexOf(' ');
  const kept = atWord > max / 2 ? cut.slice(0, atWord) : cut.replace(/[\ud800-\udbff]$/, '');
  return `${kept.replace(/[\s,;:.-]+$/, '')}…`;
}

/** `link` when it is an http(s) URL without a user or password in it, as the URL parser writes it. */
export function safeLink(link: string | undefined): string | undefined {
  if (!link) return undefined;
  try {
    const url = new URL(link.trim());
    return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** What happened, as the subject names it after the id; the state in the reader's words. */
const VERB: Record<Exclude<DeliveryEvent, 'test'>, (state: string) => string> = {
  declared: () => 'declared',
  update: (state) => `update (${state})`,
  resolved: () => 'resolved',
  closed: () => 'closed',
  overdue: () => 'update overdue',
  escalation: () => 'not acknowledged: paging',
};

/** "[SEV1] INC-1A2B3C4D update (mitigated): Checkout returns 500", the drill mark first; a test message's headline as it is. */
function subjectLine(message: DeliveryMessage): string {
  const { incident, event } = message;
  if (!incident || event === 'test') return message.headline;
  const state = message.audience === 'internal' ? incident.status : incident.statusText.toLowerCase();
  return `${message.drill ? '[DRILL] ' : ''}[${incident.severity}] ${incident.id} ${VERB[event](state)}: ${incident.title}`;
}

function textPart(message: DeliveryMessage, link: string | undefined): string {
  const parts = [
    message.headline,
    message.facts.map((fact) => `${fact.label}: ${fact.value}`).join('\n'),
    ...message.paragraphs,
    ...(link && message.link ? [`${message.link.label}: ${link}`] : []),
    `Sent by ${SENT_BY}`,
  ];
  return `${publishable(parts.filter((part) => part !== '').join('\n\n'))}\n`;
}

function htmlPart(subject: string, message: DeliveryMessage, link: string | undefined): string {
  const lines = (text: string) => escapeMarkup(text).split('\n').join('<br>\n');
  const facts = message.facts.map((fact) => `<strong>${escapeMarkup(fact.label)}:</strong> ${escapeMarkup(fact.value)}`).join('<br>\n');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeMarkup(subject)}</title></head>`,
    '<body style="font-family: sans-serif; line-height: 1.4">',
    `<h1 style="font-size: 1.2em">${escapeMarkup(message.headline)}</h1>`,
    ...(facts ? [`<p>${facts}</p>`] : []),
    ...message.paragraphs.filter((paragraph) => paragraph !== '').map((paragraph) => `<p>${lines(paragraph)}</p>`),
    ...(link && message.link ? [`<p>${escapeMarkup(message.link.label)}: <a href="${escapeMarkup(link)}">${escapeMarkup(link)}</a></p>`] : []),
    `<p style="color: #666; font-size: 0.9em">Sent by ${escapeMarkup(SENT_BY)}</p>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** The email of a composed message (composeMessage, composeTestMessage). */
export function emailMessage(message: DeliveryMessage): EmailContent {
  const link = safeLink(message.link?.url);
  const subject = clipAtWord(oneLine(subjectLine(message)), SUBJECT_MAX);
  return { subject, text: textPart(message, link), html: htmlPart(subject, message, link) };
}
