/**
 * An incident's title is written for responders and may say what must not
 * be public ("Leaked token in logs", a customer's name). The page titles an
 * incident with the first sentence of its first public update instead, which
 * the communicator wrote for customers.
 */
import { publishable } from './publicText';

export const PUBLIC_TITLE_MAX = 90;

export function publicTitle(firstPublicUpdate: string): string {
  const text = publishable(firstPublicUpdate).replace(/\s+/g, ' ').trim();
  const sentence = /^.+?[.!?](?=\s|$)/.exec(text)?.[0] ?? text;
  if (sentence.length <= PUBLIC_TITLE_MAX) return sentence || 'Incident';
  const cut = sentence.slice(0, PUBLIC_TITLE_MAX - 1);
  const atWord = cut.lastIndexOf(' ');
  return `${(atWord > PUBLIC_TITLE_MAX / 2 ? cut.slice(0, atWord) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}
