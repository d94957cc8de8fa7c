import * as assert from 'node:assert/strict';
import { contrastRatio, parseColor, severityColors } from '../../../webview-ui/src/metrics/severityColors';

/** Editor backgrounds of VS Code's built-in themes: Dark Modern, Dark+, High Contrast, Light Modern, Light+, High Contrast Light. */
const DARK_BACKGROUNDS = ['#1f1f1f', '#1e1e1e', '#000000', '#252526'];
const LIGHT_BACKGROUNDS = ['#ffffff', '#f8f8f8', '#fffffe'];

describe('metrics severity colours', () => {
  it('reads hex and rgb() colours, and computes WCAG contrast', () => {
    assert.deepEqual(parseColor('#1f1f1f'), [31, 31, 31]);
    assert.deepEqual(parseColor('#fff'), [255, 255, 255]);
    assert.deepEqual(parseColor(' rgb(10, 20, 30) '), [10, 20, 30]);
    assert.equal(parseColor('var(--x)'), undefined);
    assert.equal(contrastRatio([0, 0, 0], [255, 255, 255]).toFixed(1), '21.0');
  });

  it('gives every severity at least 3:1 contrast (WCAG for graphics) on the dark and light built-in themes', () => {
    for (const background of [...DARK_BACKGROUNDS, ...LIGHT_BACKGROUNDS]) {
      const colors = severityColors(background);
      assert.equal(new Set(colors).size, 4, 'four different colours');
      for (const [i, color] of colors.entries()) {
        const ratio = contrastRatio(parseColor(color)!, parseColor(background)!);
        assert.ok(ratio >= 3, `SEV${i + 1} ${color} on ${background}: ${ratio.toFixed(2)}:1`);
      }
    }
  });

  it('picks the palette from the background, falling back to the theme kind when the background is unknown', () => {
    assert.notDeepEqual(severityColors('#1f1f1f'), severityColors('#ffffff'));
    assert.deepEqual(severityColors('', 'vscode-light'), severityColors('#ffffff'));
    assert.deepEqual(severityColors('', 'vscode-dark'), severityColors('#1f1f1f'));
  });
});
