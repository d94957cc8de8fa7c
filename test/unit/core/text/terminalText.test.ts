import * as assert from 'node:assert/strict';
import { printableLine, terminalText } from '../../../../src/core/text/terminalText';

import { HOSTILE_TITLE, isTerminalSafe } from '../hostileText';

describe('text shown on a terminal', () => {
  it('shows escape sequences, carriage returns, C0/C1 controls and bidi overrides instead of obeying them', () => {
    assert.equal(terminalText('a\x1b[31mred\x1b[0m'), 'a␛[31mred␛[0m');
    assert.equal(terminalText('done\rundone'), 'done␍undone');
    assert.equal(terminalText('x\u202ey\u2066z\u2069'), 'x\\u{202e}y\\u{2066}z\\u{2069}');
    assert.equal(terminalText('\x9b1m\x00\x07\x7f'), '\\u{9b}1m␀␇␡');
    assert.ok(isTerminalSafe(terminalText(HOSTILE_TITLE)));
    assert.ok(!isTerminalSafe(HOSTILE_TITLE));
  });

  it('keeps tabs and newlines in multi-line text; in a one-line listing a line break is ⏎', () => {
    assert.equal(terminalText('a\tb\r\nc\nd'), 'a\tb\nc\nd');
    assert.equal(terminalText('a\tb\r\nc\nd', { oneLine: true }), 'a b⏎c⏎d');
    assert.equal(terminalText('Sam <sam@example.com> — café ✓'), 'Sam <sam@example.com> — café ✓');
  });

  it('printableLine, the guard on every printed line: C0 as glyphs, DEL, C1 and bidi as JSON escapes, so JSON stays exact', () => {
    assert.equal(printableLine('a\x1b]0;t\x07\rb\tc\nd'), 'a␛]0;t␇␍b\tc\nd');
    assert.equal(printableLine('x\u202ey\x9b1m\x7f\u2066'), 'x\\u202ey\\u009b1m\\u007f\\u2066');
    const json = JSON.stringify({ title: HOSTILE_TITLE }, null, 2);
    assert.ok(isTerminalSafe(printableLine(json)));
    assert.equal(JSON.parse(printableLine(json)).title, HOSTILE_TITLE);
    assert.equal(printableLine(terminalText(HOSTILE_TITLE)), terminalText(HOSTILE_TITLE), 'text already shown passes unchanged');
  });
});
