/**
 * Per-severity chart colours that stay visible on light and dark themes.
 * They used to come from VS Code's chart colours, where SEV2 took
 * `--vscode-charts-orange`: that is the minimap's find-match colour, which
 * themes may make dim or translucent, and the bar all but vanished on dark
 * backgrounds. These palettes are fixed and checked for at least 3:1 contrast
 * (WCAG's minimum for graphics) on the built-in themes' backgrounds
 * (test/unit/webview/severityColors.test.ts). Pure: no DOM.
 */
export type Rgb = [number, number, number];

/** SEV1…SEV4: red, orange, yellow, blue; lighter on dark backgrounds, deeper on light ones. */
const ON_DARK = ['#ff6b6b', '#ffa94d', '#ffd43b', '#74c0fc'] as const;
const ON_LIGHT = ['#c92a2a', '#b85000', '#8a6d00', '#1864ab'] as const;

export function parseColor(text: string): Rgb | undefined {
  const value = text.trim();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.exec(value)?.[1];
  if (hex) {
    const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex.slice(0, 6);
    return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as Rgb;
  }
  const rgb = /^rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)/i.exec(value);
  return rgb ? [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])] : undefined;
}

function luminance([r, g, b]: Rgb): number {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrastRatio(a: Rgb, b: Rgb): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/**
 * The palette for the page background (`--vscode-editor-background`); when
 * that cannot be read, the theme kind VS Code puts on the body's class.
 */
export function severityColors(background: string, bodyClass = ''): readonly string[] {
  const rgb = parseColor(background);
  const dark = rgb ? luminance(rgb) < 0.5 : !/\bvscode-(light|high-contrast-light)\b/.test(bodyClass);
  return dark ? ON_DARK : ON_LIGHT;
}
