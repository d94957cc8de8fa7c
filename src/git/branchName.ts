/**
 * Whether git would take a text as a branch name, decided here without
 * starting git: the rules of `git check-ref-format --branch` (git's
 * check_refname_format for refs/heads/<name>), plus what we refuse on top:
 * a leading "-" (an option), HEAD and "@" (not a branch), and "@{" (git
 * expands `@{-1}` and `@{u}` to another branch). The unit tests hold this to
 * git's own verdict on a few hundred names.
 */

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
  const parts = name.split('/');
  if (parts.some((part) => part === '')) return 'it has an empty part between slashes';
  if (parts.some((part) => part.startsWith('.'))) return 'a part of it starts with "."';
  if (parts.some((part) => part.endsWith('.lock'))) return 'a part of it ends with ".lock"';
  return undefined;
}
