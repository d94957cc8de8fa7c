/** A pasted error as a timeline event: its frames parsed and placed among the files git tracks. */
import { errorEvidence, type ErrorSource } from '../core/code/errorEvidence';
import { mapFramesToRepository, parseStackTrace } from '../core/code/stackTraces';
import type { NewTimelineEvent } from '../core/lifecycle/timeline';
import type { GitRepository } from '../git/gitRepository';

export async function evidenceFromError(repo: GitRepository, text: string, source: ErrorSource): Promise<NewTimelineEvent> {
  const frames = parseStackTrace(text);
  // Only listing the index when there are frames to place: a prose note costs no git process.
  const tracked = frames.length ? await repo.trackedFiles() : [];
  return errorEvidence(text, mapFramesToRepository(frames, tracked), source);
}
