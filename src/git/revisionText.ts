/**
 * Shape checks on text that came from a user, a webview or a file, before git
 * sees it at all. They are the first fence; the second is that such text is
 * always placed after `--end-of-options` (revisions) or after `--` with
 * `:(literal)` magic (paths), so even text that passes is read as data.
 */
import { InvalidPathError, InvalidRevisionError } from './errors';

const FULL_SHA = /^[0-9a-f]{40}$/;
// Control characters and whitespace never occur in a ref name git would accept
// (git-check-ref-format) and are how "HEAD --output=x" would smuggle in a second word.
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's job
const WHITESPACE_OR_CONTROL = /[\s\u0000-\u001f\u007f]/;

export function isFullSha(text: string): boolean {
  return FULL_SHA.test(text);
}

/** A whole object name in either of git's formats: 40 hex digits (sha1) or 64 (sha256). */
export function isObjectName(text: string): boolean {
  return /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(text);
}

export function checkRevisionText(revision: string): string {
  const text = revision.trim();
  if (!text) throw new InvalidRevisionError(revision, 'it is empty');
  if (text.startsWith('-')) throw new InvalidRevisionError(revision, 'it starts with "-"');
  if (WHITESPACE_OR_CONTROL.test(text)) throw new InvalidRevisionError(revision, 'it contains whitespace or control characters');
  if (text.length > 250) throw new InvalidRevisionError(revision, 'it is too long');
  return text;
}

/** A path relative to the repository's top level, with `/` separators. */
export function checkRepositoryPath(path: string): string {
  const text = path.replace(/\\/g, '/').replace(/^\.\//, '');
  if (!text) throw new InvalidPathError(path, 'it is empty');
  // eslint-disable-next-line no-control-regex -- matching control characters is this pattern's job
  if (/[\u0000-\u001f\u007f]/.test(text)) throw new InvalidPathError(path, 'it contains control characters');
  if (text.startsWith('/') || /^[a-z]:/i.test(text)) throw new InvalidPathError(path, 'it is not relative to the repository');
  if (text.split('/').includes('..')) throw new InvalidPathError(path, 'it leaves the repository');
  if (text.length > 4096) throw new InvalidPathError(path, 'it is too long');
  return text;
}

/** `:(literal)` turns off pathspec magic, so `:!x` or `*` in a user's path is only a name. */
export function literalPathspec(path: string): string {
  return `:(literal)${checkRepositoryPath(path)}`;
}
