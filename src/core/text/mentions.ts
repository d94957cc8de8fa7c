/**
 * Text that notifies nobody in a chat: an `@` starting a word (`@channel`,
 * `@here`, `@dana`) and a `<` opening a Slack-style mention (`<!channel>`,
 * `<@U123>`, `<#C1>`) get an invisible WORD JOINER (U+2060) after them. The
 * text reads the same, but no server or client sees a mention; an email
 * address keeps its `@`. Used for what is delivered (src/core/delivery/markup.ts)
 * and for what a person copies to paste into Slack (src/core/communication/messages.ts).
 */
const WORD_JOINER = '\u2060';

export function withoutMentions(text: string): string {
  return text.replace(/(^|[^\p{L}\p{N}_.+-])@(?=[\p{L}\p{N}_])/gu, `$1@${WORD_JOINER}`).replace(/<(?=[!@#])/g, `<${WORD_JOINER}`);
}
