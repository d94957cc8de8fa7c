/**
 * JSON Pointer (RFC 6901), the way the plan's generic mapping names a value
 * in an alert body: "/alert/labels/service", "/items/0/title", "" for the
 * whole body. In a name "~1" stands for "/" and "~0" for "~". Only a
 * document's own keys are followed (never "__proto__" or "constructor"
 * through the prototype), and an array index is a plain decimal number.
 */
import { isObject } from './payloadValues';

export const JSON_POINTER_MAX = 500;

/** Why `pointer` is not a JSON Pointer, or undefined when it is one. */
export function jsonPointerProblem(pointer: string): string | undefined {
  if (pointer === '') return undefined;
  if (!pointer.startsWith('/')) return 'a JSON Pointer starts with "/", like /alert/title ("" is the whole body)';
  if (/~(?![01])/.test(pointer)) return 'in a JSON Pointer "~" is written ~0, and "/" inside a name ~1';
  if (pointer.length > JSON_POINTER_MAX) return `a JSON Pointer of at most ${JSON_POINTER_MAX} characters`;
  return undefined;
}

/** The names a pointer goes through, its escapes undone. */
export function jsonPointerTokens(pointer: string): string[] {
  if (pointer === '') return [];
  // ~1 first, so that "~01" becomes "~1" (the name), not "/".
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The value `pointer` names in `document`, or undefined when there is none (or the pointer is not one). */
export function resolveJsonPointer(document: unknown, pointer: string): unknown {
  if (jsonPointerProblem(pointer)) return undefined;
  let node = document;
  for (const token of jsonPointerTokens(pointer)) {
    if (Array.isArray(node)) {
      if (!/^(0|[1-9]\d*)$/.test(token)) return undefined;
      node = node[Number(token)];
    } else if (isObject(node) && Object.hasOwn(node, token)) {
      node = node[token];
    } else {
      return undefined;
    }
  }
  return node;
}
