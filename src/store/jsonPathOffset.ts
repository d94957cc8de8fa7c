/**
 * Where a value sits in a JSON text, by its path (`["triage", "integrity", 2,
 * "suggestedSeverity"]`), so a schema error in a hand-edited file can name a
 * line and column as an editor would. The text is known to be valid JSON
 * (it parsed); this walks it once, skipping what is off the path.
 */

export interface JsonPosition {
  /** Offset of the value at the deepest part of the path that exists. */
  offset: number;
  /** Offset of that value's key (the opening quote), when it is an object member. */
  keyOffset?: number;
  /** True when the whole path exists; false when a part is missing (then `offset` is its nearest existing container). */
  found: boolean;
}

export function jsonPathOffset(text: string, path: readonly PropertyKey[]): JsonPosition {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const skipString = () => {
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
  };
  /** Skips the value at i (after whitespace). */
  const skipValue = (): void => {
    ws();
    const c = text[i];
    if (c === '"') return skipString();
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) return void i++;
      for (;;) {
        ws();
        if (c === '{') {
          skipString();
          ws();
          i++; // the colon
        }
        skipValue();
        ws();
        if (text[i++] !== ',') return;
      }
    }
    while (i < text.length && !',}] \t\n\r'.includes(text[i])) i++;
  };
  /** Descends from the value at i along path[depth…]. */
  const descend = (depth: number, keyOffset: number | undefined): JsonPosition => {
    ws();
    const offset = i;
    const here = { offset, ...(keyOffset !== undefined && { keyOffset }) };
    if (depth === path.length) return { ...here, found: true };
    const wanted = path[depth];
    const c = text[i];
    if ((c !== '{' || typeof wanted !== 'string') && (c !== '[' || typeof wanted !== 'number')) return { ...here, found: false };
    const close = c === '{' ? '}' : ']';
    i++;
    ws();
    if (text[i] === close) return { ...here, found: false };
    for (let index = 0; ; index++) {
      ws();
      let memberKey: number | undefined;
      let matches = index === wanted;
      if (c === '{') {
        memberKey = i;
        const start = i;
        skipString();
        matches = JSON.parse(text.slice(start, i)) === wanted;
        ws();
        i++; // the colon
      }
      if (matches) return descend(depth + 1, memberKey);
      skipValue();
      ws();
      if (text[i++] !== ',') return { ...here, found: false };
    }
  };
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  i = start;
  return descend(0, undefined);
}

/** 1-based line and column of `offset` (columns count UTF-16 units, as editors' JSON errors do). */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
