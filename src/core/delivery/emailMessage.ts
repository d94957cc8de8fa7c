/**
 * An incident message as an email: a one-line subject, a plain-text part and
 * a small HTML part carrying the same lines, each with the incident's id,
 * severity, state, the next-update time and, when given, a link back.
 *
 * The team's own audiences get the ready-to-paste message (messages.ts).
 * Customers and the public get what the status page would show them: a title
 * taken from the first update written for them (the incident's own title is
 * the responders' and may name a customer or a leak), the state in the page's
 * words and the latest update written for them, with people and emails
 * removed; never a note, evidence, a commit, the category or the impact.
 *
 * The subject is one line whatever the title holds (a CR or LF there would
 * start a new mail header); control and bidi characters are dropped from
 * every part, and every piece of text is escaped in the HTML part.
 */
import { headline, incidentMessage, latestUpdate, audienceKind, userTextIn, type MessageAudience, type MessageKind, type MessagePlan } from '../communication/messages';
import { isInactive } from '../statusPage/lifecycleAt';
import { PUBLIC_STATUS } from '../statusPage/model';
import { escapeMarkup, publishable } from '../statusPage/publicText';
import { publicTitle } from '../statusPage/publicTitle';
import { STATUS_WORD } from '../statusPage/words';
import { drillMarked } from '../lifecycle/drills';
import type { Incident } from '../record/schema';
import { shortUtc } from '../text/time';

export interface EmailContent {
  /** One line, at most SUBJECT_MAX characters. */
  subject: string;
  text: string;
  html: string;
}

export interface EmailMessageOptions {
  /** What the response plan adds to the team's messages (messagePlan); unused for outside readers. */
  plan?: MessagePlan;
  /** A link back (the status page, the record in the repository); only an http(s) URL without credentials is used. */
  link?: string;
}

/** Long enough for "[DRILL] [SEV1] INC-XXXXXXXX update (communicating): " and a readable title; mail clients show less anyway. */
export const SUBJECT_MAX = 160;
/** The title outside readers see before anyone has written an update for them. */
export const UNTITLED_PUBLIC_INCIDENT = 'Service incident';

/** Control characters dropped, every run of white space (CR, LF, U+2028…) one space. */
const oneLine = (text: string) => publishable(text).replace(/\s+/g, ' ').trim();

function clipAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const atWord = cut.lastIndexOf(' ');
  const kept = atWord > max / 2 ? cut.slice(0, atWord) : cut.replace(/[\ud800-\udbff]$/, '');
  return `${kept.replace(/[\s,;:.-]+$/, '')}…`;
}

/** The title outside readers see: the first sentence of the first update written for them, people removed. */
function titleForOutside(incident: Incident): string {
  const first = [...incident.updates].filter((update) => audienceKind(update.audience) === 'external').sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))[0];
  return first ? publicTitle(userTextIn(incident, 'markdown', 'external')(first.text)) : UNTITLED_PUBLIC_INCIDENT;
}

/** The state as this audience names it: the lifecycle step for the team, the status page's word outside. */
const stateWord = (incident: Incident, audience: MessageAudience) => (audience === 'internal' ? incident.status : STATUS_WORD[PUBLIC_STATUS[incident.status]].toLowerCase());

const VERB: Record<MessageKind, (state: string) => string> = { declaration: () => 'declared', status: (state) => `update (${state})`, closure: () => 'resolved' };

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

/** The lines of the message for outside readers, in the Markdown of messages.ts (one leading bold per line at most). */
function linesForOutside(incident: Incident, kind: MessageKind, title: string): string[] {
  const text = userTextIn(incident, 'markdown', 'external');
  const last = latestUpdate(incident, 'external');
  const prefix = kind === 'declaration' ? 'Incident declared: ' : kind === 'closure' ? 'Resolved: ' : '';
  const end = incident.resolvedAt ?? incident.closedAt;
  const when = kind === 'closure' && end ? `Resolved ${shortUtc(end)} UTC` : `Declared ${shortUtc(incident.declaredAt)} UTC`;
  return [
    headline({ ...incident, title }, 'markdown', (value) => value, prefix),
    `Status: ${STATUS_WORD[PUBLIC_STATUS[incident.status]]} · ${when}`,
    '',
    last ? `**Latest update** (${shortUtc(last.at)} UTC): ${text(last.text)}` : 'We are working on it; updates follow here.',
  ];
}

/** The facts every email ends with, for whoever files or filters it; the next update once, if the body has not said it. */
function facts(incident: Incident, audience: MessageAudience, body: readonly string[]): string {
  const next = isInactive(incident.status) ? undefined : latestUpdate(incident, audience)?.nextUpdateBy;
  const nextLine = next ? `Next update by ${shortUtc(next)} UTC` : undefined;
  return [`Incident ${incident.id}`, incident.severity, `Status: ${stateWord(incident, audience)}`, ...(nextLine && !body.includes(nextLine) ? [nextLine] : [])].join(' · ');
}

const LEADING_BOLD = /\*\*(.+?)\*\*/;

function textPart(lines: readonly string[], link: string | undefined): string {
  const plain = lines.map((line) => line.replace(LEADING_BOLD, '$1'));
  return `${publishable([...plain, ...(link ? [`Details: ${link}`] : [])].join('\n'))}\n`;
}

/** Blocks (runs of lines between empty ones) as paragraphs, the first line as the heading, the link as a link. */
function htmlPart(subject: string, lines: readonly string[], link: string | undefined): string {
  const inline = (line: string) => escapeMarkup(line).replace(LEADING_BOLD, '<strong>$1</strong>');
  const [first = '', ...rest] = lines;
  const paragraphs = rest
    .join('\n')
    .split(/\n{2,}/)
    .map((block) => block.split('\n').filter((line) => line !== ''))
    .filter((block) => block.length > 0)
    .map((block) => block.map(inline).join('<br>\n'));
  if (link) paragraphs.push(`Details: <a href="${escapeMarkup(link)}">${escapeMarkup(link)}</a>`);
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeMarkup(subject)}</title></head>`,
    '<body style="font-family: sans-serif; line-height: 1.4">',
    `<h1 style="font-size: 1.2em">${escapeMarkup(first.replace(LEADING_BOLD, '$1'))}</h1>`,
    ...paragraphs.map((paragraph) => `<p>${paragraph}</p>`),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** The email for `kind` (declaration, status update, closure) to an audience of this kind. */
export function emailMessage(incident: Incident, kind: MessageKind, audience: MessageAudience, options: EmailMessageOptions = {}): EmailContent {
  const link = safeLink(options.link);
  const title = audience === 'internal' ? oneLine(incident.title) : titleForOutside(incident);
  const subject = clipAtWord(oneLine(drillMarked(incident, `[${incident.severity}] ${incident.id} ${VERB[kind](stateWord(incident, audience))}: ${title}`)), SUBJECT_MAX);
  const body =
    audience === 'internal' ? incidentMessage({ ...incident, title }, kind, 'markdown', 'internal', options.plan ?? {}).split('\n') : linesForOutside(incident, kind, title);
  const lines = [...body, '', facts(incident, audience, body)];
  return { subject, text: textPart(lines, link), html: htmlPart(subject, lines, link) };
}
