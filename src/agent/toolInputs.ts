/**
 * The pieces of the tools' input schemas, built from the record's own lists
 * and limits (src/core/record/recordValues.ts, src/core/text/clip.ts), and the lookups
 * every tool makes: the store as it is now, one incident by id.
 */
import { z } from 'zod';
import { SHORT_TEXT_MAX, PERSON_MAX } from '../core/text/clip';
import { CATEGORIES, COMMIT_RELATIONS, NOTE_KINDS, SEVERITIES, STATUSES, UPDATE_AUDIENCES } from '../core/record/recordValues';
import type { Deploy, Incident } from '../core/record/schema';
import { ToolInputError, type AgentWorkspace } from './toolKit';

/** Timeline notes, updates and the like: the record's limit for long text. */
const LONG_TEXT_MAX = 100_000;

export const incidentIdInput = z.string().trim().min(1).max(64).describe('The incident id, e.g. "INC-7K3QF2XM" (incidents_list lists them).');
export const severityInput = z.enum(SEVERITIES).describe('SEV1 is the highest severity, SEV4 the lowest.');
export const categoryInput = z.enum(CATEGORIES);
export const statusInput = z.enum(STATUSES);
export const relationInput = z.enum(COMMIT_RELATIONS);
export const noteKindInput = z.enum(NOTE_KINDS);
export const revisionInput = z.string().trim().min(1).max(250).describe('A commit: a sha (full or abbreviated), a branch, a tag or HEAD~N.');
export const longTextInput = z.string().trim().min(1).max(LONG_TEXT_MAX);
export const shortTextInput = z.string().trim().min(1).max(SHORT_TEXT_MAX);
export const personInput = z.string().trim().min(1).max(PERSON_MAX).describe('"Name <email>" or a handle.');
export const audienceInput = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .describe(`Who the update is for: ${UPDATE_AUDIENCES.join(', ')}, or a channel's audience from the response plan.`);

/** The store's incidents and deploys now; an unusable store is its own error (StoreUnusableError says what to do). */
export function storeContents(workspace: AgentWorkspace): { incidents: Incident[]; deploys: Deploy[] } {
  const read = workspace.store.read();
  if (read.kind === 'unusable') throw read.error;
  return read.kind === 'missing' ? { incidents: [], deploys: [] } : { incidents: read.document.incidents, deploys: read.document.deploys };
}

export function findIncident(workspace: AgentWorkspace, id: string): Incident {
  const incident = storeContents(workspace).incidents.find((candidate) => candidate.id === id.toUpperCase());
  if (!incident) throw new ToolInputError(`There is no incident ${id} in this repository; incidents_list lists the incidents there are.`);
  return incident;
}
