/** A title that tries every trick a terminal obeys: clear screen, set the window title, bell, carriage return, bidi override and isolate, C1 CSI, NUL, DEL. */
export const HOSTILE_TITLE = 'Pay\x1b[2J\x1b]0;pwned\x07 fails\rOK \u202eevil\u202c \u2066iso\u2069\x9b31m\x00\x7f';

/**
 * True when `text` holds nothing a terminal would obey (what terminalText
 * guarantees): C0 but tab and newline, DEL, C1, bidi marks, embeddings,
 * overrides and isolates. Written out here rather than taken from terminalText,
 * so the tests check the escaping against their own list.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is what this check is for
export const isTerminalSafe = (text: string): boolean => !/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(text);
