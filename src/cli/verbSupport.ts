/** What every verb file shares: the Verb shape and the checks that turn bad arguments into one-line usage errors. */
import type { Deploy, Incident } from '../core/schema';
import { InvalidRevisionError } from '../git/errors';
import { GitRepository } from '../git/gitRepository';
import type { IncidentStore } from '../store/incidentStore';
import { StoreUnusableError } from '../store/storeFile';
import { UsageError, type CliContext } from './cliContext';

export interface Verb {
  summary: string;
  usage: string;
  /** False for verbs that work on files alone (the merge driver runs in git's temp files). */
  needsRepository?: boolean;
  run(args: string[], context: CliContext): Promise<void>;
}

export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], what: string): T {
  if (value === undefined || !allowed.includes(value as T)) throw new UsageError(`${what} must be one of ${allowed.join(', ')} (got ${value === undefined ? 'nothing' : `"${value}"`})`);
  return value as T;
}

export function loaded(store: IncidentStore) {
  const read = store.read();
  if (read.kind === 'unusable') throw read.error;
  return read.kind === 'missing'
    ? { incidents: [] as Incident[], deploys: [] as Deploy[], problems: [] as string[] }
    : { incidents: read.document.incidents, deploys: read.document.deploys, problems: read.problems };
}

export function findIncident(store: IncidentStore, id: string | undefined): Incident {
  if (!id) throw new UsageError('an incident id is required (INC-…)');
  const { incidents, problems } = loaded(store);
  const incident = incidents.find((i) => i.id === id.toUpperCase());
  if (incident) return incident;
  const unreadable = problems.find((problem) => problem.startsWith(`incident ${id.toUpperCase()}:`));
  if (unreadable) throw new StoreUnusableError(store.file, 'invalid-records', [unreadable], 'Fix or remove that record by hand.');
  throw new UsageError(`no incident ${id}`);
}

export async function resolveOrExplain(root: string, revision: string) {
  try {
    return await new GitRepository(root).resolveCommit(revision);
  } catch (error) {
    if (error instanceof InvalidRevisionError) throw new UsageError(error.message);
    throw error;
  }
}

