/**
 * How deep arrays and objects nest in a JSON text, checked before anything
 * parses it. JSON.parse itself copes with any depth, but what comes after
 * walks the value recursively: JSON.stringify (the store's writer),
 * structured cloning (messages to a webview), the schema's checks, the
 * position finders for error messages. A teammate's file with 10,000 nested
 * arrays (20 KB) made them throw "Maximum call stack size exceeded" in almost
 * every verb. This scan is a loop over the characters, with no recursion, so
 * it cannot overflow itself, and it costs far less than the parse it guards.
 */

/**
 * The deepest nesting read from a file. Nothing the product writes comes near
 * it (a store record is about six levels down, a plan four), a future
 * version's unknown fields get plenty of room, and a value this deep stays
 * far from the stack's end in every recursive walker, even one entered deep in
 * the extension host's stack: with Node 24's default stack JSON.stringify
 * with indentation overflows past about 4,400 levels and structured cloning
 * past about 3,300.
 */
export const MAX_JSON_DEPTH = 256;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/**
 * The offset of the first `[` or `{` that opens a level deeper than `limit`,
 * outside strings; undefined when none does. The text need not be valid JSON:
 * a text that is not is left to JSON.parse to report.
 */
export function tooDeepOffset(text: string, limit = MAX_JSON_DEPTH): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      // Brackets inside a string are text. Strings are most of a store, so their end is found by indexOf (native), not character by character.
      i = closingQuote(text, i);
      if (i < 0) return undefined;
    } else if (code === OPEN_BRACKET || code === OPEN_BRACE) {
      if (++depth > limit) return i;
    } else if ((code === CLOSE_BRACKET || code === CLOSE_BRACE) && depth > 0) {
      depth--;
    }
  }
  return undefined;
}

/** The quote that ends the string opened at `open`: the next one after an even number of backslashes; -1 when the string never ends. */
function closingQuote(text: string, open: number): number {
  let at = open;
  for (;;) {
    at = text.indexOf('"', at + 1);
    if (at < 0) return -1;
    let before = at - 1;
    while (text.charCodeAt(before) === BACKSLASH) before--;
    if ((at - 1 - before) % 2 === 0) return at;
  }
}

/**
 * Whether a parsed JSON value nests arrays and objects more than `limit` deep
 * (a scalar is 0 deep, `[]` and `{}` are 1). A loop with its own stack, so it
 * cannot overflow on the values it is there to catch; it stops at the first
 * level past the limit. For values the store does not know the shape of:
 * checking those alone after JSON.parse costs far less than scanning every
 * character of a 13 MB text before it.
 */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const pending: { value: object; depth: number }[] = [{ value, depth: 1 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (next.depth > limit) return true;
    const children = Array.isArray(next.value) ? next.value : Object.values(next.value);
    for (const child of children) if (typeof child === 'object' && child !== null) pending.push({ value: child, depth: next.depth + 1 });
  }
  return false;
}
