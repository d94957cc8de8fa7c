/**
 * An error pasted as evidence: its text (size-capped) and its stack frames,
 * those in the repository first named as the event's `file` and line so the
 * panel opens it and suspect ranking follows it.
 */
import { clipText } from '../text/clip';
import { evidenceFrames, type MappedFrame } from './stackTraces';
import type { NewTimelineEvent } from '../lifecycle/timeline';

/** Enough to recognise a stack trace or a config line without bloating the store. */
export const EVIDENCE_TEXT_LIMIT = 2_000;

/** Where the text came from, as the timeline says it. */
export type ErrorSource = 'editor' | 'terminal' | 'clipboard' | 'pasted' | 'file' | 'stdin' | 'alert';

export function errorEvidence(text: string, frames: readonly MappedFrame[], source: ErrorSource): NewTimelineEvent {
  const excerpt = clipText(text.trim(), EVIDENCE_TEXT_LIMIT);
  const kept = evidenceFrames(frames);
  const first = kept.find((frame) => !frame.outside);
  const inCode = kept.filter((frame) => !frame.outside).length;
  const summary = first
    ? `Error (${source}): ${kept.length} frame(s), ${inCode} in the code, first ${first.file}:${first.line}${first.function ? ` in ${first.function}` : ''}`
    : `Error (${source}): ${kept.length ? `${kept.length} frame(s), none in the code` : 'no stack frames recognised'}`;
  return {
    kind: 'evidence',
    text: `${summary}\n${excerpt}`,
    data: { source, excerpt, frames: kept, ...(first && { file: first.file, startLine: first.line, endLine: first.line }) },
  };
}
