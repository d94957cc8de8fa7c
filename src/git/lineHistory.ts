/**
 * Line-level history for suspect ranking: which commits of `good..bad` changed
 * given lines, as numbered in the bad revision. `git log -L` follows each
 * line back through the commits that moved or changed it, which a blame of
 * the bad revision cannot (it names only the last commit per line); with
 * `--no-patch` git prints just the shas.
 */
import { checkRepositoryPath } from './revisionText';

export interface EvidenceLine {
  /** Repository-relative, as git prints it. */
  file: string;
  /** 1-based, in the bad revision. */
  line: number;
}

/** Frames beyond this are not followed: each line costs git a diff per commit that touched its file. */
export const MAX_LINES_FOLLOWED = 50;

/** Evidence lines grouped per file (one git process each: a file missing from the bad revision fails only its own). */
export function linesByFile(lines: readonly EvidenceLine[]): Map<string, number[]> {
  const byFile = new Map<string, number[]>();
  for (const { file, line } of lines.slice(0, MAX_LINES_FOLLOWED)) {
    if (!Number.isSafeInteger(line) || line < 1) continue;
    // The store is text anyone can edit: a path that would leave the repository is not followed.
    let path: string;
    try {
      path = checkRepositoryPath(file);
    } catch {
      continue;
    }
    const list = byFile.get(path) ?? [];
    if (!list.includes(line)) list.push(line);
    byFile.set(path, list);
  }
  return byFile;
}

/**
 * `-L<n>,<n>:<path>`: the path is the value of one argument that starts with
 * `-L` and a number, so git never reads it as an option; a range is numbers only.
 */
export const lineRangeArguments = (file: string, lines: readonly number[]) => lines.map((line) => `-L${line},${line}:${file}`);

/** The shas `git log -z --no-patch --format=%H` printed. */
export const parseShas = (output: string) =>
  output
    .split('\0')
    .map((sha) => sha.trim())
    .filter((sha) => /^[0-9a-f]{40}$/.test(sha));

/** git's answer when the file is not in the bad revision (deleted or renamed since): no line of it changed in the range. */
export const isMissingPath = (stderr: string) => /there is no path|has only \d+ lines?|file .* has only/i.test(stderr);
