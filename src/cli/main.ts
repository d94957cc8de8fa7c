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
import { authorIdentity, repositoryTopLevel } from '../git/identity';
import { releaseLocksOnSignals } from '../store/storeLock';
import { NAME_MAX_BYTES, PATH_MAX_BYTES, pathTooLong } from '../store/pathLimits';
import { storeIsMissing, storeLocation, type StoreLocation } from '../store/storeLocation';
import { missingStore } from '../store/storeSnapshot';
import { UsageError, type StoreReader } from './cliContext';
import { printableLine } from '../core/text/terminalText';
import { outputFailure, processLines, StreamOutput } from './output';
import { boundRegexBacktracking } from './regexBudget';
import { explainingOptionErrors, globalOptionWithoutValue, globalsAfterVerb, helpText, noVerb, packageVersion, unknownGlobalOption, unknownVerb, verbHelp } from './usageHelp';
import { loadAllVerbs, loadVerb, VERB_NAMES } from './verbIndex';

// Everything else (the store's parser and the schema library, the domain, git's log code) is
// loaded by the verb that needs it: `incident list` where there is no store starts in about
// the time node itself takes (`npm run bench -- cli`).

/** Where main() writes: a line to stdout, a line to stderr. */
export interface OutputLines {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** What a run did besides its exit code: whether it changed the store (so a failed output can say the change is saved). */
export interface RunOutcome {
  changedStore?: boolean;
}

export async function main(argv: string[], lines: OutputLines = processLines, outcome: RunOutcome = {}): Promise<number> {
  boundRegexBacktracking();
  // Every line of every verb and every error passes here: whatever a record, a file name or an argument holds is shown, not obeyed.
  const io: OutputLines = { out: (line) => lines.out(printableLine(line)), err: (line) => lines.err(printableLine(line)) };
  try {
    const { values, positionals, tokens } = parseArgs({
      args: argv,
      options: { repo: { type: 'string' }, store: { type: 'string' }, help: { type: 'boolean', short: 'h' }, version: { type: 'boolean' } },
      allowPositionals: true,
      strict: false,
      tokens: true,
    });
    const verbIndex = tokens.find((t) => t.kind === 'positional')?.index;
    const globalProblem = unknownGlobalOption(tokens, verbIndex) ?? globalOptionWithoutValue(tokens, verbIndex);
    if (globalProblem) throw globalProblem;
    const verbName = positionals[0];
    if (values.version && argv.indexOf('--version') < (verbIndex ?? argv.length)) {
      io.out(packageVersion());
      return 0;
    }
    if (!verbName) {
      // Asked for, the help is the result (stdout, 0); without a verb it is a mistake, said on stderr like any other.
      if (!values.help) throw noVerb(tokens, VERB_NAMES);
      io.out(helpText(await loadAllVerbs()));
      return 0;
    }
    const verb = await loadVerb(verbName);
    if (!verb) throw unknownVerb(verbName, VERB_NAMES);
    // --repo and --store work after the verb too: taken out here, the verb never sees them.
    const { rest, globals } = globalsAfterVerb(argv.slice((verbIndex ?? 0) + 1));
    // After "--" everything is an argument, "--help" too (a note about the flag, a time someone typed wrong).
    const options = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
    if (options.includes('--help') || options.includes('-h')) {
      io.out(verbHelp(verb));
      return 0;
    }
    const given = (name: 'repo' | 'store') => {
      // The lenient parse above reads the whole line; before the verb is what its tokens before the verb say.
      const token = tokens.findLast((t) => t.kind === 'option' && t.name === name && t.index < (verbIndex ?? argv.length));
      const before = token?.kind === 'option' ? token.value : undefined;
      if (before !== undefined && globals[name] !== undefined && before !== globals[name]) throw new UsageError(`--${name} is given twice with different values; give it once`);
      return before ?? globals[name];
    };
    const repo = given('repo');
    const storeOption = given('store');
    const cwd = resolve(repo ?? process.cwd());
    const root = verb.needsRepository === false ? cwd : await repositoryTopLevel(cwd);
    if (!root) throw new UsageError(`${cwd} is not inside a git repository; use --repo DIR`);
    const storePath = storeOption ?? (process.env.INCIDENT_STORE || undefined);
    if (storePath !== undefined && pathTooLong(resolve(root, storePath)))
      throw new UsageError(`--store: the path is too long for the file system (a name over ${NAME_MAX_BYTES} bytes, or a path over ${PATH_MAX_BYTES}); choose a shorter one`);
    let location: StoreLocation;
    try {
      location = storeLocation(root, storePath);
    } catch (error) {
      throw new UsageError(`--store: ${(error as Error).message}`);
    }
    const now = () => new Date();
    if (verb.readsOnly) {
      const store = storeIsMissing(location) ? storeNotCreatedYet(location) : await openStore(location);
      if (verb.needsRepository !== false) warnAboutUnreadableRecords(store, io.err);
      outcome.changedStore = false;
      await explainingOptionErrors(verbName, verb, rest, () => verb.run(rest, { store, now, out: io.out, err: io.err }));
      return 0;
    }
    const store = await openStore(location);
    if (verb.needsRepository !== false) warnAboutUnreadableRecords(store, io.err);
    const author = verb.needsRepository === false ? 'unknown' : await authorIdentity(root);
    try {
      await explainingOptionErrors(verbName, verb, rest, () => verb.run(rest, { store, now, author, out: io.out, err: io.err }));
    } finally {
      outcome.changedStore = store.filesWritten > 0;
    }
    return 0;
  } catch (error) {
    const { reportFailure } = await import('./failures');
    return reportFailure(error, io.err);
  }
}

/** The store at `location`, with the code that parses and writes it. */
async function openStore(location: StoreLocation) {
  const { IncidentStore } = await import('../store/incidentStore');
  return new IncidentStore(location.root, location.relativePath, lockWait());
}

/**
 * A store that did not exist when the command started, for a verb that only
 * reads: it reads as missing, as the store would, without loading its parser.
 */
function storeNotCreatedYet(location: StoreLocation): StoreReader {
  return { ...location, read: () => missingStore };
}

/**
 * Records that fail validation are left out of every read; say so on stderr,
 * naming each, so a listing or a metric is never silently short.
 */
function warnAboutUnreadableRecords(store: StoreReader, err: (line: string) => void): void {
  const read = store.read();
  if (read.kind !== 'loaded') return;
  for (const warning of read.warnings) err(`incident: warning: ${warning}`);
  if (!read.problems.length) return;
  for (const problem of read.problems) err(`incident: warning: left out, could not be read: ${problem}`);
  err(`incident: warning: ${read.problems.length} record(s) of ${store.file} could not be read; fix them by hand (the store is read-only until then)`);
}

/** INCIDENT_LOCK_TIMEOUT: seconds to wait for another writer's lock (30 by default). */
function lockWait(): { timeoutMs?: number } {
  const seconds = Number(process.env.INCIDENT_LOCK_TIMEOUT);
  return Number.isFinite(seconds) && seconds > 0 ? { timeoutMs: seconds * 1000 } : {};
}

/** Runs the command line as a program (dist/cli.js calls it): exits only once all output is out. */
export async function runAsProgram(): Promise<void> {
  // Ended by Ctrl+C or a kill while writing: give the store's lock back now rather than leave it to go stale (the file is whole either way).
  releaseLocksOnSignals();
  const stdout = new StreamOutput(process.stdout);
  const stderr = new StreamOutput(process.stderr);
  const outcome: RunOutcome = {};
  let code = await main(process.argv.slice(2), { out: (line) => stdout.line(line), err: (line) => stderr.line(line) }, outcome);
  const failure = await stdout.finish();
  if (failure) {
    stderr.line(printableLine(outputFailure(failure, outcome.changedStore === true)));
    code ||= 1;
  }
  await stderr.finish();
  process.exit(code);
}
