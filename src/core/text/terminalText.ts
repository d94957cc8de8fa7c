/**
 * User text made safe to print on a terminal or into a file someone will
 * `cat`: escape sequences, carriage returns and other control characters
 * cannot move the cursor, recolour, rewrite or hide what is shown, and
 * bidirectional overrides cannot reorder it (the "Trojan Source" trick).
 * Each one is shown instead of obeyed: C0 controls as their Control Pictures
 * glyph (ESC → ␛, CR → ␍), C1 controls and bidi controls as `\u{…}`.
 * Never applied to JSON output, which stays exact.
 */

// C0 (but tab and newline), DEL, C1, and the bidi marks, embeddings, overrides and isolates.
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's job
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function visible(char: string): string {
  const code = char.codePointAt(0)!;
  if (code < 0x20) return String.fromCodePoint(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return `\\u{${code.toString(16)}}`;
}

export interface TerminalTextOptions {
  /** For one-line listings: a line break shows as ⏎ and a tab as a space. */
  oneLine?: boolean;
}

export function terminalText(text: string, options: TerminalTextOptions = {}): string {
  const lines = text.replace(/\r\n/g, '\n');
  const shown = options.oneLine ? lines.replace(/\n/g, '⏎').replace(/\t/g, ' ') : lines;
  return shown.replace(UNSAFE, visible);
}

/**
 * The last guard on every line the command line prints, text or JSON: a
 * control character still in it is shown instead of obeyed, whatever verb or
 * error message let it through. C0 controls (but tab and newline) show as
 * their Control Pictures glyph, as terminalText shows them; JSON never holds
 * one raw (JSON.stringify escapes them). DEL, C1 and the bidi controls, which
 * JSON.stringify leaves raw, show as the JSON escape `\u202e`: inside a JSON
 * string that parses back to the very character, so `--json` output stays
 * exact JSON, and on a terminal it is as visible as terminalText's `\u{202e}`.
 */
export function printableLine(text: string): string {
  return text.replace(UNSAFE, (char) => {
    const code = char.codePointAt(0)!;
    return code < 0x20 ? String.fromCodePoint(0x2400 + code) : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
