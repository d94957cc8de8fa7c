/**
 * A small check for regular expressions a user hands us (reference patterns):
 * JavaScript's backtracking engine can take minutes on a nested quantifier
 * such as `(a+)+$`, or on a repeated alternation such as `(a|a)*`, over a long
 * line (the extension host has no way out). Backreferences and lookarounds
 * rule out the linear-time fallback the CLI turns on (see cli/regexBudget.ts).
 * All are refused; the patterns teams write for incident ids never need them.
 */

const GROUP_OPENERS = ['?:', '?=', '?!', '?<=', '?<!'];
const LOOKAROUNDS: Record<string, string> = { '?=': 'lookahead', '?!': 'lookahead', '?<=': 'lookbehind', '?<!': 'lookbehind' };

/** What is known about an open group so far. */
interface GroupState {
  /** Something inside it repeats (a `*`, `+` or `{2,}`). */
  repeats: boolean;
  /** It holds a `|`, directly or in a group inside it. */
  alternates: boolean;
}

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
  const groups: GroupState[] = [{ repeats: false, alternates: false }];
  // The group just closed, when the next character may be its quantifier.
  let closed: GroupState | undefined;
  let previous: 'group' | 'atom' | 'quantifier' | undefined;
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
      const lookaround = Object.keys(LOOKAROUNDS).find((opener) => source.startsWith(opener, i + 1));
      if (lookaround) return `a ${LOOKAROUNDS[lookaround]} (${lookaround}…) cannot run in the linear-time matcher, so matching can take minutes; match the text itself instead`;
      groups.push({ repeats: false, alternates: false });
      i += 1 + openerLength(source, i + 1);
      previous = undefined;
    } else if (c === ')') {
      closed = groups.length > 1 ? groups.pop()! : { repeats: false, alternates: false };
      const outer = groups[groups.length - 1];
      outer.repeats ||= closed.repeats;
      outer.alternates ||= closed.alternates;
      previous = 'group';
      i++;
    } else if (c === '|') {
      groups[groups.length - 1].alternates = true;
      previous = undefined;
      i++;
    } else {
      const braces = c === '{' ? /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i)) : null;
      const repeats = c === '*' || c === '+' || (braces !== null && (braces[2] === undefined ? Number(braces[1]) > 1 : braces[3] === '' || Number(braces[3]) > 1));
      const quantifier = repeats || c === '?' || braces !== null;
      if (quantifier && previous !== 'quantifier') {
        if (repeats && previous === 'group' && closed?.repeats)
          return 'a repeated group that itself repeats (nested quantifiers, like "(a+)+") can make matching take minutes; repeat the inner part only';
        if (repeats && previous === 'group' && closed?.alternates)
          return 'a repeated group holding an alternation (like "(a|ab)*") can make matching take minutes; repeat a character class instead, like "[ab]*"';
        if (repeats) groups[groups.length - 1].repeats = true;
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
