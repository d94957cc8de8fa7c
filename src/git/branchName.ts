/**
 * Whether git would take a text as a branch name, decided here without
 * starting git: the rules of `git check-ref-format --branch` (git's
 * check_refname_format for refs/heads/<name>), plus what we refuse on top:
 * a leading "-" (an option), HEAD and "@" (not a branch), and "@{" (git
 * expands `@{-1}` and `@{u}` to another branch), and a name too long for
 * the file system (git stores a ref as a file, `<name>.lock` while it moves;
 * the file system's ENAMETOOLONG would otherwise reach the user raw). The
 * unit tests hold this to git's own verdict on a few hundred names.
 */
import { NAME_MAX_BYTES } from '../store/pathLimits';

/** Room for `.lock` after the last part of a ref's file name. */
const PART_MAX_BYTES = NAME_MAX_BYTES - '.lock'.length;
/** Well under the file system's 4096 bytes for the ref's whole path, wherever the repository is. */
const NAME_TOTAL_MAX_BYTES = 1000;

/** Why `name` is not a usable branch name, or undefined when it is. */
export function branchNameProblem(name: string): string | undefined {
  if (!name) return 'it is empty';
  if (name.startsWith('-')) return 'it starts with "-"';
  if (name === 'HEAD' || name === '@') return 'it names HEAD';
  if (name.includes('@{')) return 'it contains "@{"';
  // eslint-disable-next-line no-control-regex -- matching control characters is this pattern's job
  if (/[\s\u0000-\u001f\u007f]/.test(name)) return 'it contains whitespace or control characters';
  if (/[~^:?*[\\]/.test(name)) return 'it contains one of ~ ^ : ? * [ \\';
  if (name.includes('..')) return 'it contains ".."';
  if (name.endsWith('.')) return 'it ends with "."';
  if (Buffer.byteLength(name) > NAME_TOTAL_MAX_BYTES) return `it is too long, over ${NAME_TOTAL_MAX_BYTES} bytes`;
  const parts = name.split('/');
  if (parts.some((part) => Buffer.byteLength(part) > PART_MAX_BYTES)) return `a part of it is too long for a file name, over ${PART_MAX_BYTES} bytes`;
  if (parts.some((part) => part === '')) return 'it has an empty part between slashes';
  if (parts.some((part) => part.startsWith('.'))) return 'a part of it starts with "."';
  if (parts.some((part) => part.endsWith('.lock'))) return 'a part of it ends with ".lock"';
  return undefined;
}
