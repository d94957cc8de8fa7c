/**
 * What `git diff-tree -z --name-status -M` says a commit changed, as data the
 * UI can turn into a pair of URIs for VS Code's diff view (parent side and
 * commit side).
 */
export type ChangeStatus = 'added' | 'modified' | 'deleted' | 'renamed' | 'copied' | 'type-changed';

export interface ChangedFile {
  /** The path in the commit (for a deletion: the path in the parent). */
  path: string;
  status: ChangeStatus;
  /** The path in the parent, for a rename or a copy. */
  previousPath?: string;
}

const STATUS_BY_LETTER: Record<string, ChangeStatus> = {
  A: 'added',
  M: 'modified',
  D: 'deleted',
  R: 'renamed',
  C: 'copied',
  T: 'type-changed',
};

/** Fields are NUL-terminated: `M\0path\0`, `R100\0old\0new\0`. */
export function parseChangedFiles(output: string): ChangedFile[] {
  const fields = output.split('\0');
  const files: ChangedFile[] = [];
  for (let i = 0; i < fields.length - 1;) {
    const letter = fields[i].trim().charAt(0);
    const status = STATUS_BY_LETTER[letter] ?? 'modified';
    if (letter === 'R' || letter === 'C') {
      files.push({ path: fields[i + 2], status, previousPath: fields[i + 1] });
      i += 3;
    } else {
      files.push({ path: fields[i + 1], status });
      i += 2;
    }
  }
  return files;
}
