/**
 * Ranks suspect commits by how much of the incident's evidence they touched.
 * Pure: it takes commits with the files they touched, whoever listed them
 * (findSuspects gives it the commits git found touching the evidence).
 */
export interface RankedSuspect<T> {
  commit: T;
  /** 1 per touched file that is (or lies under) an evidence path, 0.25 per touched file beside one. */
  score: number;
  /** The touched files that matched an evidence path exactly or by folder. */
  matchedFiles: string[];
}

/** A path as git prints it: forward slashes, no leading `./`, no trailing `/`. */
export const normalizePath = (path: string) => path.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
export const folderOf = (path: string) => path.slice(0, Math.max(0, path.lastIndexOf('/')));

/** Highest score first; equal scores keep their order (newest first from git). */
export function rankSuspects<T extends { files: readonly string[] }>(commits: readonly T[], evidencePaths: readonly string[]): RankedSuspect<T>[] {
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
    return { commit, score, matchedFiles, order };
  });
  ranked.sort((a, b) => b.score - a.score || a.order - b.order);
  return ranked.map(({ commit, score, matchedFiles }) => ({ commit, score, matchedFiles }));
}
