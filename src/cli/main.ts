/**
 * `incident`: the command line for CI pipelines and terminals, over the same
 * store and domain as the extension. Exit codes: 0 ok; 1 the command, its
 * arguments or its environment are wrong (one line on stderr, never a stack
 * trace); 2 the store cannot be used as asked (malformed, conflicted, newer
 * version, invalid records or policy, a symbolic link, read-only, locked).
 * Every line of output is written before the process exits; a command whose
 * output cannot be written (a closed pipe, a full disk) fails with 1.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import { DomainError } from '../core/errors';
import { IncidentStore, UnknownIncidentError } from '../store/incidentStore';
import { StoreUnusableError } from '../store/storeFile';
import { StoreWriteError } from '../store/storeErrors';
import { releaseLocksOnSignals } from '../store/storeLock';
import { outputFailure, StreamOutput } from './output';
import { GitCommandError, GitNotFoundError, InvalidPathError, InvalidRevisionError, NotARepositoryError } from '../git/errors';
import { UsageError } from './cliContext';
import { authorIdentity, repositoryTopLevel } from '../git/identity';
import { VERBS } from './verbs';
import { boundRegexBacktracking } from './regexBudget';
import { explainingOptionErrors, helpText, packageVersion, unknownGlobalOption, unknownVerb } from './usageHelp';
import { describeSchemaIssue } from '../core/schemaWords';

/** What a run did besides its exit code: whether it changed the store (so a failed output can say the change is saved). */
export interface RunOutcome {
  changedStore?: boolean;
}

export async function main(argv: string[], io = { out: (l: string) => console.log(l), err: (l: string) => console.error(l) }, outcome: RunOutcome = {}): Promise<number> {
  boundRegexBacktracking();
  try {
    const { values, positionals, tokens } = parseArgs({ args: argv, options: { repo: { type: 'string' }, store: { type: 'string' }, help: { type: 'boolean', short: 'h' }, version: { type: 'boolean' } }, allowPositionals: true, strict: false, tokens: true });
    const verbIndex = tokens.find((t) => t.kind === 'positional')?.index;
    const globalProblem = unknownGlobalOption(tokens, verbIndex);
    if (globalProblem) throw globalProblem;
    const verbName = positionals[0];
    if (values.version && argv.indexOf('--version') < (verbIndex ?? argv.length)) {
      io.out(packageVersion());
      return 0;
    }
    if (!verbName) {
      io.out(helpText(VERBS));
      return values.help ? 0 : 1;
    }
    const verb = VERBS[verbName];
    if (!verb) throw unknownVerb(verbName, VERBS);
    const rest = argv.slice((verbIndex ?? 0) + 1);
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(`${verb.summary}\n\nUsage: ${verb.usage}`);
      return 0;
    }
    const cwd = resolve(typeof values.repo === 'string' ? values.repo : process.cwd());
    const root = verb.needsRepository === false ? cwd : await repositoryTopLevel(cwd);
    if (!root) throw new UsageError(`${cwd} is not inside a git repository; use --repo DIR`);
    const storePath = typeof values.store === 'string' ? values.store : process.env.INCIDENT_STORE || undefined;
    let store: IncidentStore;
    try {
      store = new IncidentStore(root, storePath, lockWait());
    } catch (error) {
      throw new UsageError(`--store: ${(error as Error).message}`);
    }
    if (verb.needsRepository !== false) warnAboutUnreadableRecords(store, io.err);
    const author = verb.needsRepository === false ? 'unknown' : await authorIdentity(root);
    try {
      await explainingOptionErrors(verbName, verb, () => verb.run(rest, { store, now: () => new Date(), author, out: io.out }));
    } finally {
      outcome.changedStore = store.filesWritten > 0;
    }
    return 0;
  } catch (error) {
    if (error instanceof StoreUnusableError || error instanceof StoreWriteError) {
      io.err(`incident: ${error.message}`);
      return 2;
    }
    if (error instanceof ZodError) {
      // A change the schema refuses (a 600-character title, say): nothing was written.
      io.err(`incident: ${describeSchemaIssue(error.issues[0])}; nothing was changed`);
      return 1;
    }
    if (error instanceof UsageError || error instanceof DomainError || error instanceof UnknownIncidentError || isGitRefusal(error) || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`incident: ${(error as Error).message}`);
      return 1;
    }
    io.err(unexpectedFailure(error));
    return 1;
  }
}

/**
 * Records that fail validation are left out of every read; say so on stderr,
 * naming each, so a listing or a metric is never silently short.
 */
function warnAboutUnreadableRecords(store: IncidentStore, err: (line: string) => void): void {
  const read = store.read();
  if (read.kind !== 'loaded' || !read.problems.length) return;
  for (const problem of read.problems) err(`incident: warning: left out, could not be read: ${problem}`);
  err(`incident: warning: ${read.problems.length} record(s) of ${store.file} could not be read; fix them by hand (the store is read-only until then)`);
}

/** INCIDENT_LOCK_TIMEOUT: seconds to wait for another writer's lock (30 by default). */
function lockWait(): { timeoutMs?: number } {
  const seconds = Number(process.env.INCIDENT_LOCK_TIMEOUT);
  return Number.isFinite(seconds) && seconds > 0 ? { timeoutMs: seconds * 1000 } : {};
}

/** The git layer's typed failures already say what is wrong and what to do. */
const isGitRefusal = (error: unknown) => [InvalidPathError, InvalidRevisionError, NotARepositoryError, GitNotFoundError, GitCommandError].some((type) => error instanceof type);

/**
 * Anything else (a file system error, a bug) still ends in one line; the
 * stack trace only when asked for with INCIDENT_DEBUG=1.
 */
function unexpectedFailure(error: unknown): string {
  const { code, message, stack } = error as NodeJS.ErrnoException;
  if (process.env.INCIDENT_DEBUG) return `incident: ${stack ?? String(error)}`;
  const reason = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOSPC' ? 'no space left on the device' : (message ?? String(error)).split('\n')[0];
  return `incident: ${reason}${code && !reason.includes(code) ? ` (${code})` : ''}; set INCIDENT_DEBUG=1 to see where it failed`;
}

/** Runs the command line as a program: exits only once all output is out. */
async function runAsProgram(): Promise<void> {
  // Ended by Ctrl+C or a kill while writing: give the store's lock back now rather than leave it to go stale (the file is whole either way).
  releaseLocksOnSignals();
  const stdout = new StreamOutput(process.stdout);
  const stderr = new StreamOutput(process.stderr);
  const outcome: RunOutcome = {};
  let code = await main(process.argv.slice(2), { out: (line) => stdout.line(line), err: (line) => stderr.line(line) }, outcome);
  const failure = await stdout.finish();
  if (failure) {
    stderr.line(outputFailure(failure, outcome.changedStore === true));
    code ||= 1;
  }
  await stderr.finish();
  process.exit(code);
}

if (require.main === module) void runAsProgram();
