/** A title that tries every trick a terminal obeys: clear screen, set the window title, bell, carriage return, bidi override and isolate, C1 CSI, NUL, DEL. */
export const HOSTILE_TITLE = 'Pay\x1b[2J\x1b]0;pwned\x07 fails\rOK \u202eevil\u202c \u2066iso\u2069\x9b31m\x00\x7f';
