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
