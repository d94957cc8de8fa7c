/**
 * Words for the related-incidents search, from text people and tools write:
 * titles, notes, stack traces, paths and identifiers. Deliberately simple and
 * predictable, so a "why" line shows words a responder recognises:
 *
 * - split on anything that is not a letter or a digit (spaces, punctuation,
 *   `/`, `.`, `_`, `-`): `payments/gateway.ts` → payments, gateway, ts;
 *   `retry_budget` → retry, budget;
 * - split camelCase and PascalCase, keeping acronyms whole:
 *   `checkoutTimeout` → checkout, timeout; `HTTPServer` → http, server;
 * - lowercase; drop one-character words, words of digits only shorter than
 *   3 (a "500" or "502" says something, a "1" or "42" rarely does) and common
 *   English stop words;
 * - no stemming: "timeout" and "timeouts" are different words (a stemmer
 *   mangles code names, and the why line would show the stem).
 */

/** Common English function words; not "down", "up", "out", "off", "over", "under", which say what happened to a service. */
const STOP_WORDS = new Set(
  (
    'a an and are as at be been but by can could did do does for from had has have he her his how i if in into is it its just me more ' +
    'my no not now of on or our so some than that the their them then there these they this to too us was we were what ' +
    'when where which while who why will with would you your after before again all also any because being both each few here ' +
    'most other own same should such only once until very via'
  ).split(' '),
);

/** Lower→Upper (`checkoutTimeout`) and acronym→Word (`HTTPServer`) boundaries. */
const CAMEL_BOUNDARY = /(?<=[\p{Ll}\p{N}])(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})/u;
/** Splitting on separators is several times faster than matching words with matchAll. */
const SEPARATORS = /[^\p{L}\p{N}]+/u;

function kept(word: string): boolean {
  if (word.length < 2) return false;
  if (/^\d+$/.test(word)) return word.length >= 3;
  return !STOP_WORDS.has(word);
}

/** The search words of `text`, in order, repeats kept (BM25 counts them). */
export function searchTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const chunk of text.split(SEPARATORS)) {
    const lower = chunk.toLowerCase();
    // Most words have no capital inside: skip the (slower) camelCase split for them.
    if (chunk.slice(1) === lower.slice(1)) {
      if (kept(lower)) tokens.push(lower);
      continue;
    }
    for (const part of chunk.split(CAMEL_BOUNDARY)) {
      const word = part.toLowerCase();
      if (kept(word)) tokens.push(word);
    }
  }
  return tokens;
}
