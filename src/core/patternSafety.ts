/**
 * A small check for regular expressions a user hands us (reference patterns):
 * JavaScript's backtracking engine can take minutes on a nested quantifier
 * such as `(a+)+$` over a long line, and a backreference rules out the
 * linear-time fallback the CLI turns on (see cli/regexBudget.ts). Both are
 * refused; the patterns teams write for incident ids never need them.
 */

const GROUP_OPENERS = ['?:', '?=', '?!', '?<=', '?<!'];

/** Skips a character class starting at `start` (`[`); returns the index after its `]`. */
function afterClass(source: string, start: number): number {
  let i = start + 1;
  if (source[i] === '^') i++;
  if (source[i] === ']') return i + 1; // `[]` matches nothing, `[^]` anything
  while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
  return i + 1;
}

/** Length of a group's opener after `(`: `?:`, lookarounds, `?<name>`. */
function openerLength(source: string, at: number): number {
  const fixed = GROUP_OPENERS.find((opener) => source.startsWith(opener, at));
  if (fixed) return fixed.length;
  const named = /^\?<[A-Za-z_$][\w$]*>/.exec(source.slice(at, at + 100));
  return named ? named[0].length : 0;
}

/** Why `source` (a pattern body, without slashes and flags) may run for minutes; undefined when it is safe to run. */
export function unsafePatternReason(source: string): string | undefined {
  // One entry per open group: does anything inside it repeat?
  const groups: boolean[] = [false];
  let previous: 'repeating group' | 'atom' | 'quantifier' | undefined;
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (/[1-9]/.test(next) || next === 'k') return `a backreference (\\${next}…) can make matching take minutes and cannot be bounded; match the text itself instead`;
      i += 2;
      previous = 'atom';
    } else if (c === '[') {
      i = afterClass(source, i);
      previous = 'atom';
    } else if (c === '(') {
      groups.push(false);
      i += 1 + openerLength(source, i + 1);
      previous = undefined;
    } else if (c === ')') {
      const repeatsInside = groups.length > 1 ? groups.pop()! : false;
      if (repeatsInside) groups[groups.length - 1] = true;
      previous = repeatsInside ? 'repeating group' : 'atom';
      i++;
    } else {
      const braces = c === '{' ? /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i)) : null;
      const repeats = c === '*' || c === '+' || (braces !== null && (braces[2] === undefined ? Number(braces[1]) > 1 : braces[3] === '' || Number(braces[3]) > 1));
      const quantifier = repeats || c === '?' || braces !== null;
      if (quantifier && previous !== 'quantifier') {
        if (repeats && previous === 'repeating group') return 'a repeated group that itself repeats (nested quantifiers, like "(a+)+") can make matching take minutes; repeat the inner part only';
        if (repeats) groups[groups.length - 1] = true;
        i += braces ? braces[0].length : 1;
        previous = 'quantifier';
      } else {
        i++; // a literal, or the `?` that makes a quantifier lazy
        previous = quantifier ? 'quantifier' : 'atom';
      }
    }
  }
  return undefined;
}
