/**
 * Text from the record made inert in each chat format: what the format acts
 * on is escaped, nobody is notified by a word in it, and it fits the
 * provider's limit.
 *
 * - Mentions: an `@` starting a word (`@channel`, `@here`, `@everyone`,
 *   `@dana`) and a `<` opening a Slack-style mention (`<!channel>`, `<@U123>`,
 *   `<#C1>`, which Mattermost also translates) get an invisible WORD JOINER
 *   (U+2060) after them: the text reads the same, but no server sees a
 *   mention (Mattermost splits words at it; Discord and Slack match the
 *   whole token). An email address keeps its `@`.
 * - Slack mrkdwn: `&`, `<` and `>`, the three characters Slack's API acts on,
 *   as entities (only here: text a person pastes into Slack is taken as typed).
 * - Markdown (Mattermost, Discord): a backslash before every character that
 *   starts emphasis, code, a link, a table, a quote or a heading (both read
 *   these escapes); a list marker at the start of a line too. `<` is left
 *   alone: neither renders HTML, and an older Mattermost would show "\<".
 */
import { withoutMentions } from '../text/mentions';

export { withoutMentions };

export const slackText = (text: string): string => withoutMentions(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function markdownText(text: string): string {
  return withoutMentions(text)
    .replace(/[\\`*_~|[\]>#()]/g, '\\$&')
    .replace(/^(\s*)([-+=])/gm, '$1\\$2')
    .replace(/^(\s*\d+)\.(?=\s|$)/gm, '$1\\.');
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/**
 * `text` within `max` UTF-16 units, ending in "…" when cut; never in the
 * middle of a surrogate pair or right after an escaping backslash (which
 * would then escape the "…" instead). Providers count characters; UTF-16
 * units are at least as many, so the limit holds.
 */
export function clipTo(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) end--;
  let backslashes = 0;
  while (backslashes < end && text[end - 1 - backslashes] === '\\') backslashes++;
  if (backslashes % 2 === 1) end--;
  // An entity (&amp;) cut in half shows as text: cut before it.
  const entity = /&[a-z]{0,4}$/.exec(text.slice(Math.max(0, end - 5), end));
  if (entity) end -= entity[0].length;
  return `${text.slice(0, end)}…`;
}
