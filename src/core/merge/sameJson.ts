/**
 * Whether two values have the same JSON text, without writing either out.
 * The merge and the stamps ask this of every incident on every sync; with
 * `JSON.stringify(a) === JSON.stringify(b)` a store of a thousand incidents
 * made megabytes of strings to throw away each time. The answer is exactly
 * the one the two texts would give: keys compared in their order, properties
 * that JSON leaves out (undefined, functions, symbols) left out, undefined in
 * an array read as null, numbers as JSON writes them (NaN and ±Infinity are
 * null, -0 is 0). A value with a toJSON method is compared by its text.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!isObject(a) || !isObject(b) || hasToJson(a) || hasToJson(b)) return scalarText(a) === scalarText(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(inArray(a[i]), inArray(b[i]))) return false;
    return true;
  }
  const keysA = writtenKeys(a);
  const keysB = writtenKeys(b);
  if (keysA.length !== keysB.length) return false;
  for (let i = 0; i < keysA.length; i++) {
    if (keysA[i] !== keysB[i] || !sameJson(a[keysA[i]], b[keysA[i]])) return false;
  }
  return true;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const hasToJson = (value: Record<string, unknown>) => typeof value.toJSON === 'function';
const leftOut = (value: unknown) => value === undefined || typeof value === 'function' || typeof value === 'symbol';
/** JSON writes what it leaves out of an object as null inside an array. */
const inArray = (value: unknown) => (leftOut(value) ? null : value);
const writtenKeys = (value: Record<string, unknown>) => Object.keys(value).filter((key) => !leftOut(value[key]));

/** The JSON text of a value that is not a plain object or array (or has toJSON); '' for what JSON cannot write. */
function scalarText(value: unknown): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value === 0 ? 0 : value) : 'null';
  return JSON.stringify(value) ?? '';
}
