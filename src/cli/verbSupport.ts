/** What every verb file shares: the Verb shape and the checks that turn bad arguments into one-line usage errors. */
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import type { Deploy, Incident } from '../core/record/schema';
import { parseGivenTime } from '../core/text/givenTime';
import { StoreUnusableError } from '../store/storeErrors';
import { UsageError, type CliContext, type ReadContext, type StoreReader } from './cliContext';

interface VerbDescription {
  summary: string;
  usage: string;
  /** False for verbs that work on files alone (the merge driver runs in git's temp files). */
  needsRepository?: boolean;
}

/** A verb that may change the store. */
export interface Verb extends VerbDescription {
  readsOnly?: false;
  run(args: string[], context: CliContext): Promise<void>;
}

/**
 * A verb that never writes (list, show): it runs without looking up the
 * author, and where there is no store yet without loading the code that
 * parses one, so it starts about as fast as node itself.
 */
export interface ReadingVerb extends VerbDescription {
  readsOnly: true;
  run(args: string[], context: ReadContext): Promise<void>;
}

export type AnyVerb = Verb | ReadingVerb;

/** A file named by `option` that the file system refused as too long: said without echoing the name, thousands of characters perhaps. */
export const FILE_NAME_TOO_LONG = (option: string) => `${option}: the file name is too long for the file system; choose a shorter one`;

export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], what: string): T {
  if (value === undefined || !allowed.includes(value as T))
    throw new UsageError(`${what} must be one of ${allowed.join(', ')} (got ${value === undefined ? 'nothing' : `"${value}"`})`);
  return value as T;
}

export function loaded(store: StoreReader) {
  const read = store.read();
  if (read.kind === 'unusable') throw read.error;
  return read.kind === 'missing'
    ? { incidents: [] as Incident[], deploys: [] as Deploy[], problems: [] as string[] }
    : { incidents: read.document.incidents, deploys: read.document.deploys, problems: read.problems };
}

export function findIncident(store: StoreReader, id: string | undefined): Incident {
  if (!id) throw new UsageError('an incident id is required (INC-…)');
  const { incidents, problems } = loaded(store);
  const incident = incidents.find((i) => i.id === id.toUpperCase());
  if (incident) return incident;
  const unreadable = problems.find((problem) => problem.startsWith(`incident ${id.toUpperCase()}:`));
  if (unreadable) throw new StoreUnusableError(store.file, 'invalid-records', [unreadable], 'Fix or remove that record by hand.');
  throw new UsageError(`no incident ${id}`);
}

export async function resolveOrExplain(root: string, revision: string) {
  // Loaded here, not at the top: only the verbs that name a commit need git's log code.
  const [{ GitRepository }, { InvalidRevisionError }] = await Promise.all([import('../git/gitRepository'), import('../git/errors')]);
  try {
    return await new GitRepository(root).resolveCommit(revision);
  } catch (error) {
    if (error instanceof InvalidRevisionError) throw new UsageError(error.message);
    throw error;
  }
}

/** A time given for `what` (`--at`): the instant, or a usage error saying which forms it takes. */
export function givenTime(text: string, now: Date, what: string): Date {
  const given = parseGivenTime(text, now);
  if (given.kind === 'problem') throw new UsageError(`${what}: ${given.problem}`);
  return given.at;
}

/** A verb's own options, strictly: an unknown option is a usage error. `positionals` says whether it takes operands. */
export function verbArguments<const O extends ParseArgsOptionsConfig>(args: string[], options: O, positionals = true) {
  return parseArgs({ args, options, allowPositionals: positionals, strict: true });
}
