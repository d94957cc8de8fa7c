/** Suspect commits for an incident: git's `good..bad` range, ranked by the lines, then the files, the evidence points at. */
import { evidenceLines, evidencePaths, suspectRange } from '../core/code/suspectRange';
import type { Deploy, Incident } from '../core/record/schema';
import { folderOf, normalizePath, rankSuspects, type RankedSuspect } from '../core/code/suspectRanking';
import type { GitRepository } from '../git/gitRepository';
import type { CommitWithFiles } from '../git/logRecords';

export interface SuspectQuery {
  /** Override the good end (a revision typed by a person: validated by the git layer). */
  good?: string;
  /** Override the bad end; default: the bad deploy, else HEAD. */
  bad?: string;
  /** More paths to rank by, e.g. the files open in the editor. */
  extraPaths?: readonly string[];
  /** How many ranked suspects to return (every commit that touched the evidence is ranked; the newest others fill up). */
  limit?: number;
  signal?: AbortSignal;
}

/** What a quick pick shows comfortably; the CLI asks for its own --limit. */
export const DEFAULT_SUSPECT_LIMIT = 100;

export interface SuspectAnswer {
  /** In words, for a quick pick title or the CLI: "production deploy v41 (3f2a1b9c)..HEAD". */
  rangeText: string;
  /** The range's ends as given to git, for countBetween. */
  good: string;
  bad: string;
  /** At most `limit` commits of the range: those that touched the evidence first, ranked, then the newest others. */
  suspects: RankedSuspect<CommitWithFiles>[];
  /** The range holds commits that are not in `suspects` (repo.countBetween says how many in all). */
  more: boolean;
}

export class NoSuspectRangeError extends Error {}

const describe = (deploy: Deploy & { sha: string }) => `${deploy.environment} deploy ${deploy.ref} (${deploy.sha.slice(0, 8)})`;

/** The ends to search between: the ones named, else the incident's last good and bad deploys (bad: HEAD when there is none after). */
export function suspectEnds(incident: Incident, deploys: readonly Deploy[], named: { good?: string; bad?: string } = {}): { good: string; bad: string; rangeText: string } {
  const answer = suspectRange(incident, deploys);
  const range = answer.kind === 'range' ? answer.range : undefined;
  const good = named.good ?? range?.good.sha;
  if (!good) throw new NoSuspectRangeError(`cannot tell where to look for ${incident.id}: ${answer.kind === 'unknown' ? answer.reason : ''}`);
  const bad = named.bad ?? range?.bad?.sha ?? 'HEAD';
  const goodText = named.good ?? (range ? describe(range.good) : good);
  const badText = named.bad ?? (range?.bad ? describe(range.bad) : 'HEAD');
  return { good, bad, rangeText: `${goodText}..${badText}` };
}

export async function findSuspects(repo: GitRepository, incident: Incident, deploys: readonly Deploy[], query: SuspectQuery = {}): Promise<SuspectAnswer> {
  const { good, bad, rangeText } = suspectEnds(incident, deploys, query);
  const paths = [...evidencePaths(incident), ...(query.extraPaths ?? [])].map(normalizePath).filter(Boolean);
  const limit = query.limit ?? DEFAULT_SUSPECT_LIMIT;
  // Ranking needs only the touched files at or beside the evidence: asking git for just those
  // (none at all without evidence), plus the fields of the newest commits that fill the page,
  // keeps the work close to a bare `git rev-list`.
  const folders = paths.map(folderOf).filter(Boolean);
  const [{ newest, more, touching }, changedLines] = await Promise.all([
    repo.commitRange(good, bad, { newest: limit, signal: query.signal, onlyPaths: [...new Set([...paths, ...folders])] }),
    repo.commitsChangingLines(good, bad, evidenceLines(incident), { signal: query.signal }),
  ]);
  // Commits that changed an evidence line come first, then every other commit that touched the
  // evidence (scoring above 0), then the rest in git's order.
  const ranked = rankSuspects(touching, paths, changedLines);
  const touched = new Set(touching.map((commit) => commit.sha));
  const others = newest.filter((commit) => !touched.has(commit.sha)).map((commit) => ({ commit, score: 0, matchedFiles: [] }));
  // With more than `limit` commits in the range the page is full; otherwise `newest` held them all.
  return { rangeText, good, bad, suspects: [...ranked, ...others].slice(0, limit), more };
}
