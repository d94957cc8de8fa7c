/**
 * `incident`: the command line for CI pipelines and terminals, over the same
 * store and domain as the extension. Exit codes: 0 ok, 1 user error (one line
 * on stderr), 2 the store is unusable (malformed, conflicted, newer version).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import { DomainError } from '../core/errors';
import { IncidentStore, UnknownIncidentError } from '../store/incidentStore';
import { StoreUnusableError } from '../store/storeFile';
import { UsageError } from './cliContext';
import { authorIdentity, repositoryTopLevel } from '../git/identity';
import { VERBS } from './verbs';
import { boundRegexBacktracking } from './regexBudget';
import { explainingOptionErrors, helpText, packageVersion, unknownGlobalOption, unknownVerb } from './usageHelp';
import { describeSchemaIssue } from '../core/schemaWords';

export async function main(argv: string[], io = { out: (l: string) => console.log(l), err: (l: string) => console.error(l) }): Promise<number> {
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
      store = new IncidentStore(root, storePath);
    } catch (error) {
      throw new UsageError(`--store: ${(error as Error).message}`);
    }
    const author = verb.needsRepository === false ? 'unknown' : await authorIdentity(root);
    await explainingOptionErrors(verbName, verb, () => verb.run(rest, { store, now: () => new Date(), author, out: io.out }));
    return 0;
  } catch (error) {
    if (error instanceof StoreUnusableError) {
      io.err(`incident: ${error.message}`);
      return 2;
    }
    if (error instanceof ZodError) {
      // A change the schema refuses (a 600-character title, say): nothing was written.
      io.err(`incident: ${describeSchemaIssue(error.issues[0])}; nothing was changed`);
      return 1;
    }
    if (error instanceof UsageError || error instanceof DomainError || error instanceof UnknownIncidentError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`incident: ${(error as Error).message}`);
      return 1;
    }
    throw error;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(error);
      process.exit(3);
    },
  );
}
