/**
 * Ranks suspect commits by how much of the incident's evidence they touched:
 * first those that changed an evidence line (a stack frame's), then those
 * that changed an evidence file, then the rest. Pure: it takes commits with
 * the files they touched and the lines each changed, whoever listed them
 * (findSuspects asks git).
 */
export interface RankedSuspect<T> {
  commit: T;
  /** 1 per touched file that is (or lies under) an evidence path, 0.25 per touched file beside one. */
  score: number;
  /** The touched files that matched an evidence path exactly or by folder. */
  matchedFiles: string[];
  /** Evidence lines (numbered in the bad revision) this commit changed. */
  changedLines?: readonly ChangedLine[];
  /** Why it ranks where it does: "changed line 42 of router/index.js", "changed router/index.js"; absent for the rest. */
  reason?: string;
}

export interface ChangedLine {
  file: string;
  line: number;
}

/** "changed line 42 of a.js", "changed lines 7, 42 of a.js and line 3 of b.js". */
export function lineReason(lines: readonly ChangedLine[]): string {
  const byFile = new Map<string, number[]>();
  for (const { file, line } of lines) byFile.set(file, [...(byFile.get(file) ?? []), line]);
  const parts = [...byFile].map(([file, numbers]) => {
    const sorted = [...new Set(numbers)].sort((a, b) => a - b);
    return `${sorted.length === 1 ? 'line' : 'lines'} ${sorted.join(', ')} of ${file}`;
  });
  return `changed ${parts.join(' and ')}`;
}

/** Why a commit ranks where it does; undefined when it touched no evidence. */
export function suspectReason(suspect: Pick<RankedSuspect<unknown>, 'changedLines' | 'matchedFiles'>): string | undefined {
  if (suspect.changedLines?.length) return lineReason(suspect.changedLines);
  return suspect.matchedFiles.length ? `changed ${suspect.matchedFiles.join(', ')}` : undefined;
}

/** A path as git prints it: forward slashes, no leading `./`, no trailing `/`. */
export const normalizePath = (path: string) => path.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
export const folderOf = (path: string) => path.slice(0, Math.max(0, path.lastIndexOf('/')));

/**
 * Commits that changed an evidence line first, then the highest score;
 * equal ranks keep their order (newest first from git). `changedLines` maps a
 * commit's sha to the evidence lines it changed.
 */
export function rankSuspects<T extends { sha?: string; files: readonly string[] }>(
  commits: readonly T[],
  evidencePaths: readonly string[],
  changedLines: ReadonlyMap<string, readonly ChangedLine[]> = new Map(),
): RankedSuspect<T>[] {
  const evidence = [...new Set(evidencePaths.map(normalizePath).filter(Boolean))];
  // The top level is not a neighbourhood: every root file would count beside every root file.
  const evidenceFolders = new Set(evidence.map(folderOf).filter(Boolean));
  const ranked = commits.map((commit, order) => {
    let score = 0;
    const matchedFiles: string[] = [];
    for (const file of commit.files.map(normalizePath)) {
      if (evidence.some((path) => file === path || file.startsWith(`${path}/`))) {
        score += 1;
        matchedFiles.push(file);
      } else if (evidenceFolders.has(folderOf(file))) {
        score += 0.25;
      }
    }
    const lines = commit.sha === undefined ? undefined : changedLines.get(commit.sha);
    return { commit, score, matchedFiles, order, ...(lines?.length && { changedLines: lines }) };
  });
  const lineTier = (suspect: { changedLines?: readonly ChangedLine[] }) => (suspect.changedLines?.length ? 1 : 0);
  ranked.sort((a, b) => lineTier(b) - lineTier(a) || b.score - a.score || a.order - b.order);
  return ranked.map(({ order: _order, ...suspect }) => {
    const reason = suspectReason(suspect);
    return { ...suspect, ...(reason && { reason }) };
  });
}
