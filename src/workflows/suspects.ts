/** Suspect commits for an incident: git's `good..bad` range, ranked by the files the evidence points at. */
import { evidencePaths, suspectRange } from '../core/suspectRange';
import type { Deploy, Incident } from '../core/schema';
import type { GitRepository } from '../git/gitRepository';
import type { CommitWithFiles } from '../git/logRecords';
import { rankSuspects, type RankedSuspect } from '../git/suspectRanking';

export interface SuspectQuery {
  /** Override the good end (a revision typed by a person: validated by the git layer). */
  good?: string;
  /** Override the bad end; default: the bad deploy, else HEAD. */
  bad?: string;
  /** More paths to rank by, e.g. the files open in the editor. */
  extraPaths?: readonly string[];
  signal?: AbortSignal;
}

export interface SuspectAnswer {
  /** In words, for a quick pick title or the CLI: "production deploy v41 (3f2a1b9c)..HEAD". */
  rangeText: string;
  suspects: RankedSuspect<CommitWithFiles>[];
}

export class NoSuspectRangeError extends Error {}

const describe = (deploy: Deploy & { sha: string }) => `${deploy.environment} deploy ${deploy.ref} (${deploy.sha.slice(0, 8)})`;

export async function findSuspects(repo: GitRepository, incident: Incident, deploys: readonly Deploy[], query: SuspectQuery = {}): Promise<SuspectAnswer> {
  const answer = suspectRange(incident, deploys);
  const range = answer.kind === 'range' ? answer.range : undefined;
  const good = query.good ?? range?.good.sha;
  if (!good) throw new NoSuspectRangeError(`cannot tell where to look for ${incident.id}: ${answer.kind === 'unknown' ? answer.reason : ''}`);
  const bad = query.bad ?? range?.bad?.sha ?? 'HEAD';
  const goodText = query.good ?? (range ? describe(range.good) : good);
  const badText = query.bad ?? (range?.bad ? describe(range.bad) : 'HEAD');
  const paths = [...evidencePaths(incident), ...(query.extraPaths ?? [])];
  // Ranking needs only the touched files at or beside the evidence: asking git for just those
  // (none at all without evidence) keeps the walk close to a bare `git rev-list`.
  const folders = paths.map((path) => path.slice(0, Math.max(0, path.lastIndexOf('/')))).filter(Boolean);
  const commits = await repo.commitsBetween(good, bad, { signal: query.signal, onlyPaths: [...new Set([...paths, ...folders])] });
  return { rangeText: `${goodText}..${badText}`, suspects: rankSuspects(commits, paths) };
}
